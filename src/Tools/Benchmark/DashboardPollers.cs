using System.Diagnostics;
using System.Net.Http.Headers;

namespace EduInfo.Tools.Benchmark;

/// <summary>
/// Dashboards polling their summaries (one the republic, one a random region, the rest random districts; every half
/// second at most) and, beside them, a probe of the process's liveness path every 100 ms: the floor a read cannot go
/// below on this machine under this load (the same sockets, thread pool and cores, but no grain call and no
/// authorization), so a dashboard's tail can be told apart from the machine's.
/// </summary>
public sealed class DashboardPollers(HttpClient http, DashboardNodes dashboards, string? token, string floorPath)
{
    public sealed record Result(IReadOnlyDictionary<string, double[]> Latency, long Reads, long Failures, double[] Floor, long FloorFailures);

    public async Task<Result> RunAsync(int pollers, CancellationToken stop)
    {
        var readers = Enumerable.Range(0, pollers).Select(i => Task.Run(async () =>
        {
            var (level, nodes) = i == 0 ? ("republic", dashboards.Republic) : i == 1 ? ("region", dashboards.Regions) : ("district", dashboards.Districts);
            var random = new Random(7000 + i);
            var (latencies, failures) = await PollAsync(() => $"/api/v1/nodes/{nodes[random.Next(nodes.Count)]}/summary", token, TimeSpan.FromMilliseconds(500), stop);
            return (level, latencies, failures);
        })).ToList();
        var floor = Task.Run(() => PollAsync(() => floorPath, null, TimeSpan.FromMilliseconds(100), stop));
        var read = await Task.WhenAll(readers);
        var (floorLatencies, floorFailures) = await floor;
        var byLevel = read.GroupBy(r => r.level).ToDictionary(g => g.Key, g => g.SelectMany(r => r.latencies).Order().ToArray());
        byLevel["all"] = read.SelectMany(r => r.latencies).Order().ToArray();
        return new Result(byLevel, read.Sum(r => (long)r.latencies.Count), read.Sum(r => r.failures), floorLatencies.Order().ToArray(), floorFailures);
    }

    private async Task<(List<double> Latencies, long Failures)> PollAsync(Func<string> path, string? bearer, TimeSpan period, CancellationToken stop)
    {
        var latencies = new List<double>();
        long failures = 0;
        while (!stop.IsCancellationRequested)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path());
            if (bearer is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            }
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await http.SendAsync(request, CancellationToken.None);
                await response.Content.ReadAsByteArrayAsync(CancellationToken.None);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                failures += response.IsSuccessStatusCode ? 0 : 1;
            }
            catch (HttpRequestException)
            {
                failures++;
            }
            var rest = period - Stopwatch.GetElapsedTime(started);
            if (rest > TimeSpan.Zero)
            {
                await Task.Delay(rest, CancellationToken.None);
            }
        }
        return (latencies, failures);
    }
}
