using EduInfo.Tools.Simulation;

namespace EduInfo.Tools.Benchmark;

/// <summary>
/// What the dashboards saw while journal requests came open loop at a fixed rate (issue 26.1's half load): the
/// dashboards and the liveness floor read throughout, and the Api's scrape (when there is one) says where the time went.
/// </summary>
public sealed record HalfLoad(OpenLoad.Result Writes, DashboardPollers.Result Dashboards, ServerMetrics.Phase? Server)
{
    public static async Task<HalfLoad> RunAsync(HttpClient system, JournalClient client, string analyst, IReadOnlyList<Teaching> teachings,
        IReadOnlyList<DateOnly> days, DashboardNodes dashboards, ServerMetrics? server, double rate, int pollers, TimeSpan duration, int seed)
    {
        using var stop = new CancellationTokenSource();
        var watch = server is null ? Task.FromResult<ServerMetrics.Phase?>(null) : server.WatchAsync(stop.Token);
        var reads = new DashboardPollers(system, dashboards, analyst, "/health/live").RunAsync(pollers, stop.Token);
        var writes = await new OpenLoad(client, teachings, days, () => 0).RunAsync(rate, duration, seed);
        await stop.CancelAsync();
        return new HalfLoad(writes, await reads, await watch);
    }
}
