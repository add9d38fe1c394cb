using System.Collections.Concurrent;
using System.Diagnostics;
using EduInfo.Domain.Calendar;
using EduInfo.Grains.Interfaces.Calendar;
using EduInfo.Tools.Simulation;
using Npgsql;

namespace EduInfo.Tools.Benchmark;

/// <summary>
/// The live fan-out against polling (issue #16, docs/benchmarks.md): two builds of the Api, each on its own copy of the
/// same demo country, measured one after the other in both orders. Per scenario and build: a writer posts the journal
/// mix at a steady rate; the Api's CPU and memory are read with the writer alone, then <c>Viewers</c> SSE viewers open,
/// warm up, and are measured: freshness from each batch's ack to each viewer of its district, the Api's CPU and memory.
/// </summary>
public sealed class LiveBenchmark(NpgsqlDataSource registry, IKazakhstanClock clock, TextWriter log)
{
    /// <param name="RefreshViewers">Open dashboards of the page-refresh scenario (C): each refetches its view on a pushed version; 0 skips it.</param>
    public sealed record Options(int Viewers, TimeSpan Duration, TimeSpan WarmUp, double BatchesPerSecond, TimeSpan Quiet, int RefreshViewers = 0);

    /// <summary>A build under test: its name, its Api's address and its own database (the same country, another copy).</summary>
    public sealed record Build(string Name, Uri Url, NpgsqlDataSource Database);

    /// <summary>The run's clock: milliseconds on one monotonic timeline shared by the writer and every viewer.</summary>
    private static double NowMs() => Stopwatch.GetTimestamp() * 1000.0 / Stopwatch.Frequency;

    /// <summary>Scenarios A and B against both builds (none without <paramref name="poll"/>), then C against <paramref name="push"/>.</summary>
    public async Task<LiveReport> RunAsync(Build? poll, Build push, Options options, CancellationToken cancellationToken)
    {
        var districts = await LiveTargets.LoadAsync(registry, cancellationToken);
        var isSchoolDay = await SchoolDays.LoadAsync(registry, AcademicCalendar.YearOf(clock.Today), cancellationToken);
        var today = SchoolDayClock.LastSchoolDay(clock.Today, isSchoolDay);
        var termStart = await SchoolDays.TermStartAsync(registry, today, cancellationToken) ?? AcademicCalendar.Bounds(AcademicCalendar.YearOf(today)).First;
        log.WriteLine($"live: {districts.Count} districts, each with one written class; A watches {districts[0].DistrictId}");
        using var pushing = await Session.OpenAsync(push, districts, options, new SchoolDayClock(termStart, today, TimeSpan.FromMinutes(1), isSchoolDay), log, cancellationToken);
        var runs = new List<LiveReport.Run>();
        if (poll is not null)
        {
            using var polling = await Session.OpenAsync(poll, districts, options, new SchoolDayClock(termStart, today, TimeSpan.FromMinutes(1), isSchoolDay), log, cancellationToken);
            // Each scenario's order is the other's reversed, so a drift of the shared machine does not favour one build.
            foreach (var (scenario, session) in new[] { (LiveScenario.OneDistrict, polling), (LiveScenario.OneDistrict, pushing),
                         (LiveScenario.AllDistricts, pushing), (LiveScenario.AllDistricts, polling) })
            {
                runs.Add(await MeasureAsync(session, scenario, scenario == LiveScenario.OneDistrict ? districts.Take(1).ToList() : districts, options, cancellationToken));
            }
        }
        var refreshes = new List<LiveReport.RefreshRun>();
        if (options.RefreshViewers > 0)
        {
            // Page, fragment, page again: the old way on both sides of the new one, so a drift of the shared machine shows.
            foreach (var mode in new[] { RefreshMode.Page, RefreshMode.Fragment, RefreshMode.Page })
            {
                refreshes.Add(await MeasureRefreshAsync(pushing, districts[0], mode, options, cancellationToken));
            }
        }
        return new LiveReport(options, districts[0].DistrictId, districts.Count, runs) { Refreshes = refreshes };
    }

    /// <summary>
    /// Scenario C: <see cref="Options.RefreshViewers"/> open dashboards of one district while the writer posts into it;
    /// each refetches its view (the page or the shared section) on every pushed version, at most once per two seconds.
    /// Renders: a page request renders once; the shared sections' renders are the Api's own count (its runtime figures).
    /// </summary>
    private async Task<LiveReport.RefreshRun> MeasureRefreshAsync(Session session, LiveTargets.District target, RefreshMode mode, Options options,
        CancellationToken cancellationToken)
    {
        log.WriteLine($"{session.Build.Name}, refresh by {mode}: {options.RefreshViewers} open dashboards of {target.DistrictId}");
        using var writing = new CancellationTokenSource();
        var traffic = new LiveWriter.Target(target.DistrictId, target.ClassId, new JournalTraffic(target.Teachings, seed: 300 + (int)mode, session.LessonsTaken));
        var writer = new LiveWriter(session.Client, options.BatchesPerSecond).RunAsync([traffic], session.Moment, NowMs, writing.Token);
        var quietFrom = session.Cpu.Take();
        await Task.Delay(options.Quiet, cancellationToken);
        var quietTo = session.Cpu.Take();

        using var viewing = new CancellationTokenSource();
        var viewers = Enumerable.Range(0, options.RefreshViewers).Select(_ => new LiveRefreshViewer(target.DistrictId, mode)).ToList();
        var views = new List<Task>();
        foreach (var chunk in viewers.Chunk(50))
        {
            views.AddRange(chunk.Select(v => Task.Run(() => v.RunAsync(session.Viewers, session.Analyst, NowMs, viewing.Token), CancellationToken.None)));
            await Task.WhenAll(chunk.Select(v => v.Opened)).WaitAsync(TimeSpan.FromMinutes(1), cancellationToken);
        }
        await Task.Delay(options.WarmUp, cancellationToken);

        var from = NowMs();
        var (cpuFrom, rendersFrom) = (session.Cpu.Take(), await session.DashboardRendersAsync(cancellationToken));
        await Task.Delay(options.Duration, cancellationToken);
        var (cpuTo, rendersTo) = (session.Cpu.Take(), await session.DashboardRendersAsync(cancellationToken));
        var to = NowMs();
        await viewing.CancelAsync();
        await Task.WhenAll(views);
        await writing.CancelAsync();
        var written = await writer;

        var seconds = (to - from) / 1000;
        var fetches = viewers.SelectMany(v => v.Fetches).Where(f => f.AtMs >= from && f.AtMs <= to).ToList();
        var durations = fetches.Select(f => f.Ms).Order().ToArray();
        var (quiet, busy) = (session.Cpu.Cores(quietFrom, quietTo), session.Cpu.Cores(cpuFrom, cpuTo));
        var run = new LiveReport.RefreshRun(mode, options.RefreshViewers,
            Opened: viewers.Count(v => v.Failure is null), Failed: viewers.Count(v => v.Failure is not null),
            AckedPerSecond: written.Acks.Count(a => a.AtMs >= from && a.AtMs <= to) / seconds, written.Failed,
            FetchesPerSecond: fetches.Count / seconds,
            RendersPerSecond: mode == RefreshMode.Page ? fetches.Count / seconds : (rendersTo - rendersFrom) / seconds,
            FetchP50: FreshnessProbe.Percentile(durations, 0.50), FetchP99: FreshnessProbe.Percentile(durations, 0.99),
            BytesPerFetch: fetches.Count == 0 ? 0 : fetches.Average(f => f.Bytes),
            quiet["api"], busy["api"], busy["machine"]);
        foreach (var failure in viewers.Select(v => v.Failure).OfType<string>().CountBy(f => f))
        {
            log.WriteLine($"  {failure.Value} viewers failed: {failure.Key}");
        }
        log.WriteLine($"  {run.FetchesPerSecond:F1} fetches/s, {run.RendersPerSecond:F1} renders/s, fetch p50 {run.FetchP50:F0} ms p99 {run.FetchP99:F0} ms; " +
                      $"Api {run.ApiCoresQuiet:F2} → {run.ApiCores:F2} cores");
        return run;
    }

    private async Task<LiveReport.Run> MeasureAsync(Session session, LiveScenario scenario, IReadOnlyList<LiveTargets.District> targets, Options options,
        CancellationToken cancellationToken)
    {
        log.WriteLine($"{session.Build.Name}, {scenario}: {options.Viewers} viewers over {targets.Count} district(s)");
        var offsets = await session.RestOffsetsAsync(targets, cancellationToken);
        using var writing = new CancellationTokenSource();
        var traffic = targets.Select((t, i) => new LiveWriter.Target(t.DistrictId, t.ClassId, new JournalTraffic(t.Teachings, seed: 100 + i, session.LessonsTaken))).ToList();
        var writer = new LiveWriter(session.Client, options.BatchesPerSecond).RunAsync(traffic, session.Moment, NowMs, writing.Token);

        // The writer alone: what the viewers' CPU and memory are set against.
        var quietFrom = session.Cpu.Take();
        await Task.Delay(options.Quiet, cancellationToken);
        var quietTo = session.Cpu.Take();
        var rssQuiet = session.ResidentBytes();
        var heapQuiet = await session.ManagedHeapAsync(cancellationToken);

        using var viewing = new CancellationTokenSource();
        var viewers = Enumerable.Range(0, options.Viewers).Select(i => (Target: i % targets.Count, View: new LiveViewer(targets[i % targets.Count].DistrictId))).ToList();
        var views = new List<Task>();
        foreach (var chunk in viewers.Chunk(50))
        {
            views.AddRange(chunk.Select(v => Task.Run(() => v.View.RunAsync(session.Viewers, session.Analyst, NowMs, viewing.Token), CancellationToken.None)));
            await Task.WhenAll(chunk.Select(v => v.View.Opened)).WaitAsync(TimeSpan.FromMinutes(1), cancellationToken);
        }
        await Task.Delay(options.WarmUp, cancellationToken);

        var from = NowMs();
        var cpuFrom = session.Cpu.Take();
        var rss = new List<long>();
        while (NowMs() - from < options.Duration.TotalMilliseconds)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            rss.Add(session.ResidentBytes());
        }
        var cpuTo = session.Cpu.Take();
        var to = NowMs();
        var heap = await session.ManagedHeapAsync(cancellationToken); // after the CPU window: a full collection is work of its own
        await writing.CancelAsync();
        var written = await writer;

        // Grace: until every viewer has the last batch of its district (10 s at most), then the views end.
        var last = targets.Select((_, i) => offsets[i] + written.Acks.Where(a => a.Target == i).Select(a => a.Watermark).DefaultIfEmpty(0).Max()).ToArray();
        var grace = Stopwatch.StartNew();
        while (grace.Elapsed < TimeSpan.FromSeconds(10) && viewers.Any(v => v.View.Failure is null && v.View.HighestVersion < last[v.Target]))
        {
            await Task.Delay(100, cancellationToken);
        }
        await viewing.CancelAsync();
        await Task.WhenAll(views);
        // The heap again once the views ended: the journal's growth during the run is in both, so the difference is the viewers'.
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        var heapAfter = await session.ManagedHeapAsync(cancellationToken);
        var moved = (await session.RestOffsetsAsync(targets, cancellationToken)).Where((k, i) => k != offsets[i]).Count();

        var acks = targets.Select((_, i) => written.Acks.Where(a => a.Target == i && a.AtMs >= from && a.AtMs <= to)
            .Select(a => new LiveFreshness.Ack(a.AtMs, offsets[i] + a.Watermark)).ToList()).ToList();
        var freshness = new List<double>();
        var missed = viewers.Sum(v => LiveFreshness.Measure(acks[v.Target], v.View.Arrivals, freshness));
        var sorted = freshness.Order().ToArray();
        var seconds = (to - from) / 1000;
        var (quiet, busy) = (session.Cpu.Cores(quietFrom, quietTo), session.Cpu.Cores(cpuFrom, cpuTo));
        var run = new LiveReport.Run(session.Build.Name, scenario, options.Viewers,
            Opened: viewers.Count(v => v.View.Arrivals.Count > 0 && v.View.Failure is null), Failed: viewers.Count(v => v.View.Failure is not null),
            AckedPerSecond: acks.Sum(a => a.Count) / seconds, written.Sent, written.Failed,
            sorted.Length, missed, FreshnessProbe.Percentile(sorted, 0.50), FreshnessProbe.Percentile(sorted, 0.99),
            EventsPerSecond: viewers.Sum(v => v.View.Arrivals.Count(a => a.AtMs >= from && a.AtMs <= to)) / seconds,
            quiet["api"], busy["api"], busy["postgres"], busy["load"], busy["machine"], rssQuiet, (long)rss.Average(), heapQuiet, heap, heapAfter, moved);
        foreach (var failure in viewers.Select(v => v.View.Failure).OfType<string>().CountBy(f => f))
        {
            log.WriteLine($"  {failure.Value} viewers failed: {failure.Key}");
        }
        log.WriteLine($"  freshness p50 {run.FreshnessP50:F0} ms, p99 {run.FreshnessP99:F0} ms ({run.Pairs} pairs, {missed} missed); " +
                      $"Api {run.ApiCoresQuiet:F2} → {run.ApiCores:F2} cores, RSS {rssQuiet >> 20} → {run.Rss >> 20} MiB, heap {heapQuiet >> 20} → {heap >> 20} → {heapAfter >> 20} MiB");
        return run;
    }

    /// <summary>One build's clients, accounts and simulated school time, opened once the build reflects its journal.</summary>
    private sealed class Session(LiveBenchmark.Build build, HttpClient http, HttpClient viewers, string analyst, string operatorToken, SchoolDayClock schoolClock)
        : IDisposable
    {
        private readonly Stopwatch _since = Stopwatch.StartNew();
        private readonly string _address = $" {build.Url.GetLeftPart(UriPartial.Authority)} ";

        public Build Build => build;
        public HttpClient Viewers => viewers;
        public string Analyst => analyst;
        public JournalClient Client { get; } = new(http);
        public ConcurrentDictionary<(string, DateOnly, int), bool> LessonsTaken { get; } = new();

        private ProcessCpu? _cpu;

        /// <summary>This build's Api (by its address on the command line), PostgreSQL and this load generator.</summary>
        public ProcessCpu Cpu => _cpu ??= new(new Dictionary<string, Func<string, bool>>
        {
            ["api"] = IsApi, ["postgres"] = TermEndBenchmark.IsPostgres,
            ["load"] = c => c.Contains("eduinfo.dll", StringComparison.Ordinal) && c.Contains("bench-live", StringComparison.Ordinal),
        });

        public (DateOnly Date, TimeSpan TimeOfDay) Moment() => schoolClock.At(_since.Elapsed)!.Value;

        public long ResidentBytes() => ProcessCpu.ResidentBytes(IsApi);

        private bool IsApi(string commandLine) => commandLine.Contains("EduInfo.Api.dll", StringComparison.Ordinal) && commandLine.Contains(_address, StringComparison.Ordinal);

        public static async Task<Session> OpenAsync(Build build, IReadOnlyList<LiveTargets.District> districts, Options options, SchoolDayClock schoolClock,
            TextWriter log, CancellationToken cancellationToken)
        {
            var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = build.Url, Timeout = TimeSpan.FromMinutes(2) };
            // Every viewer holds an HTTP/1.1 connection of its own for the whole stream.
            var viewers = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Viewers + 16 }) { BaseAddress = build.Url, Timeout = Timeout.InfiniteTimeSpan };
            var analyst = await FreshnessProbe.LoginAsync(http, "analyst", "demo-analyst", cancellationToken);
            var operatorToken = await FreshnessProbe.LoginAsync(http, "operator", "demo-operator", cancellationToken);
            var session = new Session(build, http, viewers, analyst, operatorToken, schoolClock);
            var warm = Stopwatch.StartNew();
            await session.ConvergedAsync(TimeSpan.FromMinutes(10), cancellationToken);
            await session.Client.SignInAllAsync(districts.SelectMany(d => d.Teachings).Select(t => t.TeacherId), cancellationToken);
            log.WriteLine($"{build.Name}: the republic covers every class watermark and the teachers are logged in after {warm.Elapsed.TotalSeconds:F0} s");
            return session;
        }

        /// <summary>
        /// Per district, its version minus its written class's version, read while nothing is written: the same pairs two
        /// seconds apart, so a roll-up still settling after the warm-up is not taken for rest (the check after a run once
        /// found a district moved when the pairs were read moments apart).
        /// </summary>
        public async Task<long[]> RestOffsetsAsync(IReadOnlyList<LiveTargets.District> targets, CancellationToken cancellationToken)
        {
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                var before = await PairsAsync();
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
                var after = await PairsAsync();
                if (before.SequenceEqual(after))
                {
                    return [.. after.Select(p => p.Node - p.Leaf)];
                }
                if (deadline.Elapsed > TimeSpan.FromMinutes(1))
                {
                    throw new TimeoutException($"{build.Name}: the watched districts did not come to rest within a minute.");
                }
            }

            async Task<List<(long Node, long Leaf)>> PairsAsync()
            {
                var pairs = new List<(long, long)>();
                foreach (var target in targets)
                {
                    pairs.Add((await VersionAsync(target.DistrictId, cancellationToken), await VersionAsync(target.ClassId, cancellationToken)));
                }
                return pairs;
            }
        }

        /// <summary>The Api's managed heap after a full collection (the operators' runtime figures): live data, without the GC's slack.</summary>
        public async Task<long> ManagedHeapAsync(CancellationToken cancellationToken) =>
            (await TermEndBenchmark.GetJsonAsync(http, operatorToken, "/api/v1/ops/runtime?collect=true", cancellationToken))?.GetProperty("managedHeapBytes").GetInt64()
            ?? throw new InvalidOperationException($"{build.Name}: the operators' runtime figures did not answer.");

        /// <summary>The Api's shared dashboard renders so far (its runtime figures; 0 for a build without shared views).</summary>
        public async Task<long> DashboardRendersAsync(CancellationToken cancellationToken) =>
            (await TermEndBenchmark.GetJsonAsync(http, operatorToken, "/api/v1/ops/runtime", cancellationToken)) is { } figures
            && figures.TryGetProperty("dashboard", out var dashboard) ? dashboard.GetProperty("renders").GetInt64() : 0;

        private async Task<long> VersionAsync(string nodeId, CancellationToken cancellationToken) =>
            (await TermEndBenchmark.GetJsonAsync(http, analyst, $"/api/v1/nodes/{nodeId}/summary", cancellationToken))?.GetProperty("version").GetInt64()
            ?? throw new InvalidOperationException($"{build.Name}: the summary of {nodeId} did not answer.");

        private async Task ConvergedAsync(TimeSpan limit, CancellationToken cancellationToken)
        {
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                await using var command = build.Database.CreateCommand("SELECT coalesce(sum(seq), 0) FROM class_watermarks");
                if (await VersionAsync("KZ", cancellationToken) == Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken)))
                {
                    return;
                }
                if (deadline.Elapsed > limit)
                {
                    throw new TimeoutException($"{build.Name}: the republic did not converge on the journal within {limit}.");
                }
                await Task.Delay(250, cancellationToken);
            }
        }

        public void Dispose()
        {
            http.Dispose();
            viewers.Dispose();
        }
    }
}
