using System.Collections.Concurrent;
using System.Diagnostics;
using EduInfo.Tools.Simulation;

namespace EduInfo.Tools.Benchmark;

/// <summary>
/// The term-end mix against one system: journal clients posting class-sized mark batches and roll-calls as fast as they
/// are acknowledged, and district, regional and republic dashboards polling their summaries. The same code drives
/// EduInfo and the naive baseline (same seeds, same requests).
/// </summary>
public sealed class MixedLoad(HttpClient http, IReadOnlyList<Teaching> teachings, IReadOnlyList<DateOnly> days, DashboardNodes dashboards, string floorPath)
{
    public sealed record Result(
        TimeSpan Elapsed, long Requests, long AckedRequests, long AckedMarks, long AckedRows, long AlreadyRecorded, long Failures, long Shed,
        double[] Latency, DashboardPollers.Result Dashboards);

    public async Task<Result> RunAsync(JournalClient client, string? dashboardToken, int clients, int pollers, TimeSpan duration, CancellationToken stop, int seed = 5000)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stop);
        deadline.CancelAfter(duration);
        var stopwatch = Stopwatch.StartNew();
        var lessonsTaken = new ConcurrentDictionary<(string, DateOnly, int), bool>();
        var writers = Enumerable.Range(0, clients).Select(i => Task.Run(async () =>
        {
            var traffic = new JournalTraffic(teachings, seed: seed + i, lessonsTaken, markedShare: 0.95, rollCallShare: 0.2);
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
        var read = new DashboardPollers(http, dashboards, dashboardToken, floorPath).RunAsync(pollers, deadline.Token);

        var written = await Task.WhenAll(writers);
        var elapsed = stopwatch.Elapsed;
        var dashboardsRead = await read;
        return new Result(elapsed, written.Sum(w => w.requests), written.Sum(w => w.acked), written.Sum(w => w.marks), written.Sum(w => w.rows),
            written.Sum(w => w.recorded), written.Sum(w => w.failures), written.Sum(w => w.shed), written.SelectMany(w => w.latencies).Order().ToArray(),
            dashboardsRead);
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
