using System.Globalization;
using System.Text;
using EduInfo.Domain.Calendar;
using EduInfo.Tools.Simulation;
using Npgsql;

namespace EduInfo.Tools.Benchmark;

/// <summary>
/// Dashboard reads under the term-end mix (issue 26.1, bench/reads.sh): against one started Api, after its warm-up, the
/// mix closed loop (saturation), then the journal requests open loop at half the rate it sustained; dashboards and the
/// liveness floor read throughout, and the Api's own scrape says where the time went. One line per phase, so runs of
/// several configurations of the Api on the same country can be set side by side.
/// </summary>
public sealed class ReadsBenchmark(NpgsqlDataSource dataSource, Uri eduInfo, Uri metrics, IKazakhstanClock clock, TextWriter log)
{
    /// <param name="HalfRate">The open-loop rate of the second phase (requests/s); 0: half of what this run's saturation sustained.</param>
    /// <param name="Run">Seeds the requests: each run of a series writes other lessons than the runs before it on the same journal.</param>
    public sealed record Options(TimeSpan Duration, int Clients, int Pollers, int Teachers, string Label, double HalfRate, int Run);

    public async Task RunAsync(Options options, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var system = new HttpClient(handler, disposeHandler: false) { BaseAddress = eduInfo, Timeout = TimeSpan.FromSeconds(60) };
        using var scrape = new HttpClient(handler, disposeHandler: false) { BaseAddress = metrics, Timeout = TimeSpan.FromSeconds(30) };
        var server = new ServerMetrics(scrape);
        var today = clock.Today;
        var teachings = await TeachingCatalog.LoadAsync(dataSource, options.Teachers, seed: 11, cancellationToken);
        var days = await TermEndBenchmark.TermDaysAsync(dataSource, AcademicCalendar.YearOf(today), today, cancellationToken);
        var dashboards = await DashboardNodes.LoadAsync(dataSource, cancellationToken);
        var analyst = await FreshnessProbe.LoginAsync(system, "analyst", "demo-analyst", cancellationToken);
        await TermEndBenchmark.ConvergedAsync(dataSource, system, analyst, TimeSpan.FromMinutes(30), log, cancellationToken);
        var client = new JournalClient(system);
        await client.SignInAllAsync(teachings.Select(t => t.TeacherId), cancellationToken);

        using (var watching = new CancellationTokenSource())
        {
            var watch = server.WatchAsync(watching.Token);
            var saturation = await new MixedLoad(system, teachings, days, dashboards, "/health/live")
                .RunAsync(client, analyst, options.Clients, options.Pollers, options.Duration, cancellationToken, seed: 100_000 * (options.Run + 1));
            await watching.CancelAsync();
            var rate = saturation.AckedRequests / saturation.Elapsed.TotalSeconds;
            log.WriteLine(Line(options.Label, "saturation", rate, saturation.Dashboards, await watch) + $" ({saturation.AlreadyRecorded} already recorded)");

            await TermEndBenchmark.ConvergedAsync(dataSource, system, analyst, TimeSpan.FromMinutes(5), log, cancellationToken);
            var half = await HalfLoad.RunAsync(system, client, analyst, teachings, days, dashboards, server, options.HalfRate > 0 ? options.HalfRate : rate / 2,
                options.Pollers, options.Duration, seed: 100_000 * (options.Run + 1) + 50_000);
            log.WriteLine(Line(options.Label, "half", half.Writes.Acked / half.Writes.Elapsed.TotalSeconds, half.Dashboards, half.Server));
        }
    }

    /// <summary>One phase: acked requests/s, dashboard and floor percentiles (client side), the server's view.</summary>
    public static string Line(string label, string phase, double ackedPerSecond, DashboardPollers.Result reads, ServerMetrics.Phase? server)
    {
        static double P(double[] sorted, double p) => FreshnessProbe.Percentile(sorted, p);
        var all = reads.Latency.GetValueOrDefault("all", []);
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"reads {label} {phase}: {ackedPerSecond:F0} acked/s; dashboard p50 {P(all, .5):F2} p99 {P(all, .99):F2} max {P(all, 1):F0} ms ({all.Length} reads, {reads.Failures} failed); ");
        s.Append(CultureInfo.InvariantCulture, $"floor p50 {P(reads.Floor, .5):F2} p99 {P(reads.Floor, .99):F2} max {P(reads.Floor, 1):F0} ms");
        if (server is not null)
        {
            s.Append(CultureInfo.InvariantCulture, $"; server: summary ≤5 ms {server.Summary.Within(0.005):P1}, p99 ≤ {server.Summary.QuantileBoundMs(.99):F0} ms, mean {1000 * server.Summary.SumSeconds / Math.Max(1, server.Summary.Count):F2} ms, {server.FromWatch:P0} from the watch; ");
            s.Append(CultureInfo.InvariantCulture, $"GC paused {1000 * server.GcPauseSeconds:F0} ms ({server.GcPauseSeconds / server.Elapsed.TotalSeconds:P1}), {string.Join("/", server.Collections.OrderBy(c => c.Key).Select(c => c.Value.ToString("F0", CultureInfo.InvariantCulture)))} gen0/1/2, ");
            s.Append(CultureInfo.InvariantCulture, $"pool queue max {server.MaxThreadPoolQueue:F0} mean {server.MeanThreadPoolQueue:F1} ({server.ThreadPoolThreads:F0} threads)");
        }
        return s.ToString();
    }
}
