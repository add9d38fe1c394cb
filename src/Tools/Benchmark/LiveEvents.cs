using System.Globalization;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;

namespace EduInfo.Tools.Benchmark;

/// <summary>A node's live stream (<c>GET /api/v1/nodes/{id}/live</c>) as the versions of its summary events, as they arrive.</summary>
internal static class LiveEvents
{
    /// <exception cref="LiveRefusedException">The stream was not opened (its status).</exception>
    public static async IAsyncEnumerable<long> VersionsAsync(HttpClient http, string nodeId, string token, [EnumeratorCancellation] CancellationToken stop)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/nodes/{nodeId}/live");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop);
        if (!response.IsSuccessStatusCode)
        {
            throw new LiveRefusedException((int)response.StatusCode);
        }
        await using var body = await response.Content.ReadAsStreamAsync(stop);
        await foreach (var item in SseParser.Create(body, static (type, _) => type).EnumerateAsync(stop))
        {
            if (item.EventType == "summary" && long.TryParse(item.EventId, NumberStyles.Integer, CultureInfo.InvariantCulture, out var version))
            {
                yield return version;
            }
        }
    }
}

/// <summary>The live stream answered with an error status instead of opening.</summary>
internal sealed class LiveRefusedException(int status) : Exception($"HTTP {status}")
{
    public int Status => status;
}
