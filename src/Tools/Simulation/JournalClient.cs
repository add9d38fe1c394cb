using System.Net.Http.Json;

namespace EduInfo.Tools.Simulation;

/// <summary>Posts journal batches as a teacher (the development actor header until token login exists).</summary>
public sealed class JournalClient(HttpClient http)
{
    public enum Outcome { Acknowledged, AlreadyRecorded, Refused, Failed }

    public async Task<Outcome> PostAsync(JournalTraffic.Request request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, request.Path) { Content = JsonContent.Create(request.Body) };
        message.Headers.Add("X-Dev-Actor", $"user={request.TeacherId}; roles=teacher");
        try
        {
            using var response = await http.SendAsync(message, cancellationToken);
            return (int)response.StatusCode switch
            {
                200 => Outcome.Acknowledged,
                409 => Outcome.AlreadyRecorded, // a lesson slot recorded by an earlier run
                >= 400 and < 500 => Outcome.Refused,
                _ => Outcome.Failed,
            };
        }
        catch (HttpRequestException)
        {
            return Outcome.Failed;
        }
    }
}
