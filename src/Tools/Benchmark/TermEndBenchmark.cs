using EduInfo.Domain.Calendar;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using EduInfo.Grains.Interfaces.Calendar;
using EduInfo.Storage.Journal;
using EduInfo.Tools.Simulation;
using Npgsql;

namespace EduInfo.Tools.Benchmark;

/// <summary>
/// The term-end benchmark (bench/term-end.sh, docs/benchmarks.md): the same mixed load against EduInfo and the naive
/// baseline, the COPY ceiling on the rows EduInfo acknowledged, memory per student grain, overload and recovery, and
/// the exactness check of every summary against the journal.
/// </summary>
public sealed class TermEndBenchmark(NpgsqlDataSource dataSource, Uri eduInfo, Uri naive, Uri? metrics, IKazakhstanClock clock, TextWriter log)
{
    public sealed record Options(TimeSpan Duration, int Clients, int Pollers, int Teachers, TimeSpan Overload);

    private static bool IsApi(string commandLine) => commandLine.Contains("EduInfo.Api.dll", StringComparison.Ordinal);
    private static bool IsNaive(string commandLine) => commandLine.Contains("EduInfo.Bench.NaiveService.dll", StringComparison.Ordinal);
    internal static bool IsPostgres(string commandLine) => commandLine.StartsWith("postgres", StringComparison.Ordinal) || commandLine.Contains("/bin/postgres", StringComparison.Ordinal);
    private static readonly int LoadGenerator = Environment.ProcessId;

    public async Task<TermEndReport> RunAsync(Options options, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var system = new HttpClient(handler, disposeHandler: false) { BaseAddress = eduInfo, Timeout = TimeSpan.FromSeconds(60) };
        using var baseline = new HttpClient(handler, disposeHandler: false) { BaseAddress = naive, Timeout = TimeSpan.FromSeconds(120) };
        using var scrape = metrics is null ? null : new HttpClient(handler, disposeHandler: false) { BaseAddress = metrics, Timeout = TimeSpan.FromSeconds(30) };
        var server = scrape is null ? null : new ServerMetrics(scrape);
        var cpu = new ProcessCpu(new Dictionary<string, Func<string, bool>>
        {
            ["eduinfo"] = IsApi, ["naive"] = IsNaive, ["postgres"] = IsPostgres,
            ["load"] = c => c.Contains("eduinfo.dll", StringComparison.Ordinal) && c.Contains("bench-term-end", StringComparison.Ordinal),
        });

        var today = clock.Today;
        var year = AcademicCalendar.YearOf(today);
        var teachings = await TeachingCatalog.LoadAsync(dataSource, options.Teachers, seed: 11, cancellationToken);
        var days = await TermDaysAsync(year, today, cancellationToken);
        var dashboards = await DashboardNodes.LoadAsync(dataSource, cancellationToken);
        var history = await ScalarAsync("SELECT count(*) FROM journal", cancellationToken);
        var naiveHistory = await ScalarAsync("SELECT count(*) FROM naive.journal", cancellationToken);
        log.WriteLine($"term-end: {teachings.Count} teachings of {options.Teachers} teachers, {days.Count} school days of this term (to {today:yyyy-MM-dd}), " +
                      $"journal {history:N0} rows, naive journal {naiveHistory:N0} rows");

        // Warm-up, not measured: the cluster activates the country and rebuilds it from the journal; teachers log in.
        var warm = Stopwatch.StartNew();
        var analyst = await FreshnessProbe.LoginAsync(system, "analyst", "demo-analyst", cancellationToken);
        var operatorToken = await FreshnessProbe.LoginAsync(system, "operator", "demo-operator", cancellationToken);
        await ConvergedAsync(system, analyst, TimeSpan.FromMinutes(30), cancellationToken);
        log.WriteLine($"warm-up: the republic's summary covers every class watermark after {warm.Elapsed.TotalSeconds:F0} s");
        var client = new JournalClient(system);
        await client.SignInAllAsync(teachings.Select(t => t.TeacherId), cancellationToken);
        var before = await RuntimeAsync(system, operatorToken, cancellationToken);
        var firstSeq = await ScalarAsync("SELECT coalesce(max(seq), 0) FROM journal", cancellationToken);

        // EduInfo under the mixed load, with the freshness probe.
        log.WriteLine($"eduinfo: {options.Clients} journal clients and {options.Pollers} dashboards for {options.Duration.TotalSeconds:F0} s");
        using var stopProbe = new CancellationTokenSource(options.Duration);
        var probe = new FreshnessProbe(system, client, analyst).RunAsync(teachings[0], days[^1], stopProbe.Token);
        var cpuFrom = cpu.Take();
        MixedLoad.Result ours;
        ServerMetrics.Phase? oursServer;
        await using (CpuProfile.Start(log))
        {
            using var watching = new CancellationTokenSource();
            var watch = server is null ? Task.FromResult<ServerMetrics.Phase?>(null) : server.WatchAsync(watching.Token);
            ours = await new MixedLoad(system, teachings, days, dashboards, "/health/live").RunAsync(client, analyst, options.Clients, options.Pollers, options.Duration, cancellationToken);
            await watching.CancelAsync();
            oursServer = await watch;
        }
        var oursCpu = cpu.Cores(cpuFrom, cpu.Take());
        var freshness = await probe;
        var drain = Stopwatch.StartNew();
        await ConvergedAsync(system, analyst, TimeSpan.FromMinutes(5), cancellationToken);
        var drained = drain.Elapsed;
        var after = await RuntimeAsync(system, operatorToken, cancellationToken);
        // A write only activates a student grain; its figures load at its first read. Memory per live student: diaries
        // of students the load did not read, read by their teachers (not timed), then the heap again.
        var diaries = await ReadDiariesAsync(system, client, teachings, 2000, cancellationToken);
        var loaded = await RuntimeAsync(system, operatorToken, cancellationToken);

        log.WriteLine("exactness: every area, organization and class summary against the journal");
        var exactness = await ExactnessAsync(system, analyst, today, cancellationToken);

        log.WriteLine("ceiling: the run's rows by binary COPY into the same journal");
        var ceiling = await CopyCeiling.MeasureAsync(dataSource, firstSeq, options.Clients, cancellationToken);

        log.WriteLine($"naive: the same load against the naive service for {options.Duration.TotalSeconds:F0} s");
        var naiveClient = new JournalClient(baseline);
        cpuFrom = cpu.Take();
        var theirs = await new MixedLoad(baseline, teachings, days, dashboards, "/health/ready").RunAsync(naiveClient, null, options.Clients, options.Pollers, options.Duration, cancellationToken);
        var theirsCpu = cpu.Cores(cpuFrom, cpu.Take());

        // Reads under half the load: the same dashboards while the journal requests arrive open loop at half the rate
        // EduInfo sustained, as a term's ordinary afternoon rather than its last hour.
        var sustained = ours.AckedRequests / ours.Elapsed.TotalSeconds;
        log.WriteLine($"half load: {sustained / 2:F0} requests/s open loop with {options.Pollers} dashboards for {options.Duration.TotalSeconds:F0} s");
        var halfCpuFrom = cpu.Take();
        var half = await HalfLoad.RunAsync(system, client, analyst, teachings, days, dashboards, server, sustained / 2, options.Pollers, options.Duration, seed: 41);
        var halfCpu = cpu.Cores(halfCpuFrom, cpu.Take());
        await ConvergedAsync(system, analyst, TimeSpan.FromMinutes(5), cancellationToken);

        // Overload: twice the rate EduInfo sustained, then half of it.
        log.WriteLine($"overload: {2 * sustained:F0} requests/s for {options.Overload.TotalSeconds:F0} s, then {sustained / 2:F0}/s for {options.Overload.TotalSeconds:F0} s");
        var open = new OpenLoad(client, teachings, days, () => ProcessCpu.ResidentBytes(IsApi));
        var residentBefore = ProcessCpu.ResidentBytes(IsApi);
        var overload = await open.RunAsync(2 * sustained, options.Overload, seed: 31);
        var recovery = await open.RunAsync(sustained / 2, options.Overload, seed: 32);
        await ConvergedAsync(system, analyst, TimeSpan.FromMinutes(5), cancellationToken);
        var finalExactness = await ExactnessAsync(system, analyst, today, cancellationToken);

        return new TermEndReport(options, history, naiveHistory, ours, oursCpu, freshness, drained, before, after, exactness, ceiling,
            theirs, theirsCpu, residentBefore, overload, recovery, finalExactness, diaries, loaded, oursServer, half, halfCpu);
    }

    /// <summary>Reads the diaries of up to <paramref name="count"/> students, each by a teacher of theirs, 8 at a time; how many answered 200.</summary>
    private static async Task<int> ReadDiariesAsync(HttpClient http, JournalClient client, IReadOnlyList<Teaching> teachings, int count, CancellationToken cancellationToken)
    {
        var readers = teachings.Where(t => t.GroupId is null)
            .SelectMany(t => t.Roster.Select(student => (Student: student, t.TeacherId)))
            .DistinctBy(x => x.Student).Skip(1) // the first is the freshness probe's student
            .Take(count).ToList();
        var read = 0;
        await Parallel.ForEachAsync(readers, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (x, ct) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/students/{x.Student}/diary");
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await client.TokenAsync(x.TeacherId, ct));
            using var response = await http.SendAsync(request, ct);
            if (response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref read);
            }
        });
        return read;
    }

    private Task<IReadOnlyList<DateOnly>> TermDaysAsync(string year, DateOnly today, CancellationToken cancellationToken) =>
        TermDaysAsync(dataSource, year, today, cancellationToken);

    /// <summary>The school days of the term in progress up to today: the days the load writes lessons and marks on.</summary>
    internal static async Task<IReadOnlyList<DateOnly>> TermDaysAsync(NpgsqlDataSource dataSource, string year, DateOnly today, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT starts_on FROM academic_terms WHERE academic_year = @year AND org_kind = 'school' AND starts_on <= @today AND ends_on >= @today
            """);
        command.Parameters.AddWithValue("year", year);
        command.Parameters.AddWithValue("today", today);
        var start = await command.ExecuteScalarAsync(cancellationToken) is DateOnly first ? first
            : throw new InvalidOperationException($"{today} is not in a school term of {year}: the term-end benchmark needs a term in progress.");
        var isSchoolDay = await SchoolDays.LoadAsync(dataSource, year, cancellationToken);
        var days = Enumerable.Range(0, today.DayNumber - start.DayNumber + 1).Select(start.AddDays).Where(isSchoolDay).ToList();
        return days.Count > 0 ? days : throw new InvalidOperationException("No school day in this term yet.");
    }

    /// <summary>Waits until the republic's version is the sum of every class watermark: the country reflects the journal.</summary>
    private Task ConvergedAsync(HttpClient http, string token, TimeSpan limit, CancellationToken cancellationToken) =>
        ConvergedAsync(dataSource, http, token, limit, log, cancellationToken);

    /// <summary>Waits until the republic's summary covers every class watermark (its version is their sum).</summary>
    internal static async Task ConvergedAsync(NpgsqlDataSource dataSource, HttpClient http, string token, TimeSpan limit, TextWriter log,
        CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        var nextReport = TimeSpan.FromSeconds(30);
        while (true)
        {
            await using var command = dataSource.CreateCommand("SELECT coalesce(sum(seq), 0) FROM class_watermarks");
            var expected = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken));
            var summary = await GetJsonAsync(http, token, "/api/v1/nodes/KZ/summary", cancellationToken);
            if (summary?.GetProperty("version").GetInt64() == expected)
            {
                return;
            }
            if (deadline.Elapsed > limit)
            {
                throw new TimeoutException($"The republic did not converge on the journal within {limit}.");
            }
            if (deadline.Elapsed >= nextReport)
            {
                // Versions are sums of class sequence numbers: a progress gauge, not a count of rows.
                var counted = summary?.GetProperty("version").GetInt64() ?? 0;
                log.WriteLine($"  … {deadline.Elapsed.TotalSeconds:F0} s: the republic's version is {100.0 * counted / Math.Max(1, expected):F1} % of the journal's");
                nextReport += TimeSpan.FromSeconds(30);
            }
            await Task.Delay(250, cancellationToken);
        }
    }

    /// <summary>Every node's counting figures from its grain against <see cref="JournalRecount"/>; the mismatches.</summary>
    private async Task<TermEndReport.Exactness> ExactnessAsync(HttpClient http, string token, DateOnly today, CancellationToken cancellationToken)
    {
        if (Environment.GetEnvironmentVariable("EDUINFO_EXACTNESS") == "skip")
        {
            // The recount of the large country takes longer than the rest of the run: skipped for runs that measure reads.
            return new TermEndReport.Exactness(0, JournalRecount.Fields.Count, [], TimeSpan.Zero, Skipped: true);
        }
        var nodes = new List<string>();
        await using (var command = dataSource.CreateCommand("SELECT id FROM nodes UNION ALL SELECT id FROM organizations UNION ALL SELECT id FROM classes"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                nodes.Add(reader.GetString(0));
            }
        }
        var stopwatch = Stopwatch.StartNew();
        var expected = await JournalRecount.ForNodesAsync(dataSource, nodes, today, cancellationToken);
        var recount = stopwatch.Elapsed;
        var mismatches = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(nodes, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (node, ct) =>
        {
            var summary = await GetJsonAsync(http, token, $"/api/v1/nodes/{node}/summary", ct);
            if (summary is not { } body)
            {
                mismatches.Add($"{node}: no summary");
                return;
            }
            var figures = body.GetProperty("figures");
            foreach (var (field, value) in expected[node])
            {
                var actual = figures.GetProperty(field).GetInt64();
                if (actual != value)
                {
                    mismatches.Add($"{node}.{field}: journal {value}, summary {actual}");
                }
            }
        });
        return new TermEndReport.Exactness(nodes.Count, JournalRecount.Fields.Count, mismatches.Order().ToList(), recount);
    }

    private static async Task<OperationsRuntime> RuntimeAsync(HttpClient http, string token, CancellationToken cancellationToken)
    {
        var body = await GetJsonAsync(http, token, "/api/v1/ops/runtime?collect=true", cancellationToken)
            ?? throw new InvalidOperationException("The operators' runtime endpoint did not answer.");
        var activations = body.GetProperty("activations").EnumerateArray()
            .ToDictionary(a => a.GetProperty("grainType").GetString()!, a => a.GetProperty("activations").GetInt64());
        return new OperationsRuntime(body.GetProperty("siloCoHosted").GetBoolean(), body.GetProperty("managedHeapBytes").GetInt64(),
            body.GetProperty("workingSetBytes").GetInt64(), activations);
    }

    internal static async Task<JsonElement?> GetJsonAsync(HttpClient http, string token, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return json.RootElement.Clone();
    }

    private async Task<long> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 0;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken));
    }
}

/// <summary>The operators' runtime figures at one moment (after a full collection).</summary>
public sealed record OperationsRuntime(bool SiloCoHosted, long ManagedHeapBytes, long WorkingSetBytes, IReadOnlyDictionary<string, long> Activations)
{
    public long Of(string grainType) => Activations.TryGetValue(grainType, out var n) ? n : 0;
}
