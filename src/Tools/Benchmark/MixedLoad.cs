using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using EduInfo.Tools.Simulation;

namespace EduInfo.Tools.Benchmark;

/// <summary>
/// The term-end mix against one system: journal clients posting class-sized mark batches and roll-calls as fast as they
/// are acknowledged, and district, regional and republic dashboards polling their summaries. The same code drives
/// EduInfo and the naive baseline (same seeds, same requests).
/// </summary>
public sealed class MixedLoad(HttpClient http, IReadOnlyList<Teaching> teachings, IReadOnlyList<DateOnly> days, DashboardNodes dashboards)
{
    public sealed record Result(
        TimeSpan Elapsed, long Requests, long AckedRequests, long AckedMarks, long AckedRows, long AlreadyRecorded, long Failures, long Shed,
        double[] Latency, IReadOnlyDictionary<string, double[]> DashboardLatency, long DashboardReads, long DashboardFailures);

    public async Task<Result> RunAsync(JournalClient client, string? dashboardToken, int clients, int pollers, TimeSpan duration, CancellationToken stop)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stop);
        deadline.CancelAfter(duration);
        var stopwatch = Stopwatch.StartNew();
        var lessonsTaken = new ConcurrentDictionary<(string, DateOnly, int), bool>();
        var writers = Enumerable.Range(0, clients).Select(i => Task.Run(async () =>
        {
            var traffic = new JournalTraffic(teachings, seed: 5000 + i, lessonsTaken, markedShare: 0.95, rollCallShare: 0.2);
            var random = new Random(9000 + i);
            var latencies = new List<double>();
            long requests = 0, acked = 0, marks = 0, rows = 0, recorded = 0, failures = 0, shed = 0;
            while (!deadline.IsCancellationRequested)
            {
                var request = traffic.Next(days[random.Next(days.Count)], TimeSpan.FromHours(16));
                var started = Stopwatch.GetTimestamp();
                var (outcome, status) = await client.PostWithStatusAsync(request, CancellationToken.None);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                requests++;
                switch (outcome)
                {
                    case JournalClient.Outcome.Acknowledged: acked++; marks += request.Marks; rows += Math.Max(1, request.Marks); break;
                    case JournalClient.Outcome.AlreadyRecorded: recorded++; break;
                    case JournalClient.Outcome.Failed when status == 503:
                        // Shed by admission control: the teacher's app waits, then goes on (nothing was written).
                        shed++;
                        await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
                        break;
                    default: failures++; break;
                }
            }
            return (latencies, requests, acked, marks, rows, recorded, failures, shed);
        })).ToList();
        var readers = Enumerable.Range(0, pollers).Select(i => Task.Run(async () =>
        {
            // One republic dashboard, one regional, the rest district officers' dashboards.
            var (level, nodes) = i == 0 ? ("republic", dashboards.Republic) : i == 1 ? ("region", dashboards.Regions) : ("district", dashboards.Districts);
            var random = new Random(7000 + i);
            var latencies = new List<double>();
            long failures = 0;
            while (!deadline.IsCancellationRequested)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/nodes/{nodes[random.Next(nodes.Count)]}/summary");
                if (dashboardToken is not null)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", dashboardToken);
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
                // A dashboard refreshes every half second at most.
                var rest = TimeSpan.FromMilliseconds(500) - Stopwatch.GetElapsedTime(started);
                if (rest > TimeSpan.Zero)
                {
                    await Task.Delay(rest, CancellationToken.None);
                }
            }
            return (level, latencies, failures);
        })).ToList();

        var written = await Task.WhenAll(writers);
        var read = await Task.WhenAll(readers);
        var elapsed = stopwatch.Elapsed;
        var byLevel = read.GroupBy(r => r.level).ToDictionary(g => g.Key, g => g.SelectMany(r => r.latencies).Order().ToArray());
        byLevel["all"] = read.SelectMany(r => r.latencies).Order().ToArray();
        return new Result(elapsed, written.Sum(w => w.requests), written.Sum(w => w.acked), written.Sum(w => w.marks), written.Sum(w => w.rows),
            written.Sum(w => w.recorded), written.Sum(w => w.failures), written.Sum(w => w.shed), written.SelectMany(w => w.latencies).Order().ToArray(),
            byLevel, read.Sum(r => (long)r.latencies.Count), read.Sum(r => r.failures));
    }
}

/// <summary>The nodes dashboards poll: the republic, its regions and its districts.</summary>
public sealed record DashboardNodes(IReadOnlyList<string> Republic, IReadOnlyList<string> Regions, IReadOnlyList<string> Districts)
{
    public static async Task<DashboardNodes> LoadAsync(Npgsql.NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var byKind = new Dictionary<string, List<string>> { ["republic"] = [], ["region"] = [], ["district"] = [] };
        await using var command = dataSource.CreateCommand("SELECT kind, id FROM nodes ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            byKind[reader.GetString(0)].Add(reader.GetString(1));
        }
        return new DashboardNodes(byKind["republic"], byKind["region"], byKind["district"]);
    }
}
