using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace EduInfo.Tools.Simulation;

/// <summary>
/// Freshness at the republic: one section summative at a time (the load posts only formative marks and roll-calls),
/// timed from its ack until <c>GET /nodes/KZ/summary</c> counts it; four a second at most.
/// </summary>
public sealed class FreshnessProbe(HttpClient http, JournalClient client, string analystToken)
{
    public async Task<double[]> RunAsync(Teaching teaching, DateOnly date, CancellationToken stop)
    {
        var samples = new List<double>();
        var seen = await RepublicSummativeMarksAsync();
        while (!stop.IsCancellationRequested)
        {
            var next = Stopwatch.GetTimestamp();
            var body = new { entries = new[] { new { entryId = Guid.NewGuid(), studentId = teaching.Roster[0], subjectId = teaching.SubjectId, date, kind = "section", score = 10, maxScore = 20, groupId = teaching.GroupId } } };
            await PostUntilAcknowledgedAsync(teaching, body);
            var acked = Stopwatch.GetTimestamp();
            seen++;
            while (await RepublicSummativeMarksAsync() < seen)
            {
                await Task.Delay(2, CancellationToken.None);
            }
            samples.Add(Stopwatch.GetElapsedTime(acked).TotalMilliseconds);
            var rest = TimeSpan.FromMilliseconds(250) - Stopwatch.GetElapsedTime(next);
            if (rest > TimeSpan.Zero)
            {
                await Task.Delay(rest, CancellationToken.None);
            }
        }
        return samples.Order().ToArray();
    }

    /// <summary>
    /// Posts the probe's mark until it is acknowledged. A shed request (503 or 429 under admission control at term end)
    /// is sent again with the same entry id, so it counts once; freshness is timed from the ack, not from the first try.
    /// </summary>
    private async Task PostUntilAcknowledgedAsync(Teaching teaching, object body)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/classes/{teaching.ClassId}/marks") { Content = JsonContent.Create(body) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await client.TokenAsync(teaching.TeacherId, CancellationToken.None));
            using var response = await http.SendAsync(request, CancellationToken.None);
            if (response.IsSuccessStatusCode)
            {
                return;
            }
            var shed = (int)response.StatusCode is 503 or 429;
            if (!shed || deadline.Elapsed > TimeSpan.FromMinutes(1))
            {
                throw new InvalidOperationException($"The freshness probe was refused: {(int)response.StatusCode}");
            }
            Shed++;
            await Task.Delay(100, CancellationToken.None);
        }
    }

    /// <summary>How many times the probe's mark was shed and sent again.</summary>
    public int Shed { get; private set; }

    /// <summary>Logs a documented demo account in (docs/demo-country.md) and returns its access token.</summary>
    public static async Task<string> LoginAsync(HttpClient http, string login, string password, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { login, password }, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return json.RootElement.GetProperty("accessToken").GetString()!;
    }

    /// <summary>The republic's summative marks; a refused read (an overloaded moment) is retried for up to a minute.</summary>
    private async Task<long> RepublicSummativeMarksAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/nodes/KZ/summary");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", analystToken);
            using var response = await http.SendAsync(request);
            if (response.IsSuccessStatusCode)
            {
                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                return json.RootElement.GetProperty("figures").GetProperty("summativeMarks").GetInt64();
            }
            if (deadline.Elapsed > TimeSpan.FromMinutes(1))
            {
                throw new InvalidOperationException($"Reading the republic's summary failed: {(int)response.StatusCode} (are rate limits off for the benchmark?)");
            }
            await Task.Delay(100);
        }
    }

    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
