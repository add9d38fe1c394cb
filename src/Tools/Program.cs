using EduInfo.Domain.Calendar;
using System.Globalization;
using EduInfo.Storage;
using EduInfo.Storage.Hosting;
using EduInfo.Tools.Demo;
using EduInfo.Tools.Import;
using EduInfo.Tools.Simulation;
using Npgsql;

// eduinfo migrate            apply pending schema migrations
// eduinfo seed [tiny|small|medium|large] [--no-history]  migrate, then load the demo country of the clock's academic year into an
//                            empty registry, with the journal of the school days before today (exit 3: it holds another year)
// eduinfo simulate URL [requests/s] [seconds]   teachers entering roll-calls and marks through the HTTP API, in simulated school time
// eduinfo bench-smoke URL [seconds] [clients]   journal clients flat out; prints acked marks/s, latency and freshness at the republic
// eduinfo bench-history [rows=10000000]           a first term of past journal (and the naive baseline's copy) for bench/term-end.sh
// eduinfo bench-converge URL                   seconds until the republic's summary covers every class watermark (bench/restart.sh)
// eduinfo bench-term-end URL NAIVE_URL [seconds] [clients] [dashboards] [teachers] [overload seconds]   docs/benchmarks.md
// eduinfo bench-reads URL METRICS_URL [seconds] [clients] [dashboards] [teachers] [label] [half rate] [run]   bench/reads.sh: dashboard reads at saturation and half load (issue 26.1)
// eduinfo bench-live POLL_URL POLL_DB PUSH_URL PUSH_DB [viewers] [seconds] [warm-up] [batches/s] [quiet] [refresh viewers]   bench/live.sh: SSE viewers, polling build against push (POLL_URL - : none), then page refresh against shared sections
// eduinfo bench-analysis URL [reads=200] [sql runs=3]   bench/analysis.sh: breakdowns and a trend of the republic against the equivalent SQL
// eduinfo bench-opening URL [applications=10000] [clients=200] [seconds=60] [journal clients=16] [dashboards=8] [teachers=200]   bench/opening-minute.sh
// eduinfo bench-ledger-memory [classes=2000] [through=2027-05-25]   bench/grain-memory.sh: bytes per class ledger with its history to a day (no database)
// eduinfo import FOLDER [--lang kk|ru|en]        import a registry from CSV files, all or nothing (docs/import.md)
// eduinfo year-roll YEAR [--force]              roll a closed year into the next with the cluster stopped (docs/operations.md; online: POST /api/v1/years/{year}/roll)
// eduinfo rebuild [--force]                     drop derived state (roll-up cache, class versions) so a cluster started next rebuilds all from the journal (docs/operations.md)
// The connection string comes from ConnectionStrings__EduInfo; Clock__PinnedUtc pins the date (Development only).
if (args is ["bench-ledger-memory", ..])
{
    var ledgers = EduInfo.Tools.Benchmark.LedgerMemory.Measure(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000,
        args.Length > 2 ? DateOnly.Parse(args[2], CultureInfo.InvariantCulture) : new DateOnly(2027, 5, 25));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"ledger memory: {ledgers.Classes:N0} classes of 25 pupils through {ledgers.Through:yyyy-MM-dd} ({ledgers.SchoolDays} school days, {ledgers.SeatsPerClass:N0} seats and {ledgers.MarksPerClass:N0} marks each): {ledgers.BytesPerClass:N0} bytes per class ledger, and {ledgers.BytesPerSummary:N0} per class summary beside it ({ledgers.Elapsed.TotalSeconds:F0} s)"));
    return 0;
}
var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__EduInfo");
if (args.Length == 0 || string.IsNullOrEmpty(connectionString))
{
    Console.Error.WriteLine("usage: ConnectionStrings__EduInfo=... eduinfo migrate | seed [tiny|small]");
    return 2;
}

await using var dataSource = NpgsqlDataSource.Create(connectionString);
EduInfo.Domain.Calendar.IKazakhstanClock clock;
try
{
    clock = ClockHosting.FromEnvironment();
}
catch (InvalidOperationException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
var applied = await new SchemaMigrator(dataSource).MigrateAsync();
var partitions = await EduInfo.Storage.Journal.JournalPartitions.EnsureAsync(dataSource, clock.Today);
Console.WriteLine($"migrations: {applied.Count} applied, {SchemaMigrator.All.Count} known" +
                  (partitions.Count > 0 ? $"; journal partitions created for {string.Join(", ", partitions)}" : ""));

switch (args[0])
{
    case "migrate":
        return 0;
    case "seed":
    {
        var seeded = await DemoSeed.RunAsync(dataSource, DemoCountryOptions.ForSize(args.Length > 1 ? args[1] : "small"), clock, Console.Out,
            history: !args.Contains("--no-history"));
        if (seeded.Outcome == DemoSeed.Outcome.OtherYear)
        {
            Console.Error.WriteLine($"seed: this database holds the demo of {seeded.StoredYear}; load {seeded.AcademicYear} into an empty one");
            return 3;
        }
        foreach (var c in seeded.Credentials)
        {
            Console.WriteLine($"demo login: {c.Login,-17} password: {c.Password,-22} {c.Role}@{c.ScopeId}");
        }
        if (seeded.Outcome == DemoSeed.Outcome.Seeded)
        {
            Console.WriteLine($"demo login: <teacher id, e.g. T00001> password: {DemoAccounts.TeacherPassword,-22} teacher@<their organization>");
        }
        return 0;
    }
    case "simulate" when args.Length > 1:
        using (var http = new HttpClient { BaseAddress = new Uri(args[1]) })
        {
            var rate = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 5;
            var seconds = args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 365 * 24 * 3600;
            using var stop = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
            var (requests, failures) = await new JournalSimulator(dataSource, http, clock, Console.Out)
                .RunAsync(rate, TimeSpan.FromSeconds(seconds), dayLength: TimeSpan.FromMinutes(10), seed: 7, stop.Token);
            Console.WriteLine($"simulate: {requests} requests, {failures} failed");
            return failures == 0 ? 0 : 1;
        }
    case "bench-smoke" when args.Length > 1:
        using (var http = new HttpClient { BaseAddress = new Uri(args[1]) })
        {
            var seconds = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 60;
            var clients = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 16;
            var report = await new SmokeBenchmark(dataSource, http, clock).RunAsync(TimeSpan.FromSeconds(seconds), clients, CancellationToken.None);
            Console.WriteLine(report);
            return report.Failures == 0 ? 0 : 1;
        }
    case "bench-converge" when args.Length > 1:
        // bench/restart.sh: from a started Api until the republic's summary covers every class watermark.
        using (var http = new HttpClient { BaseAddress = new Uri(args[1]), Timeout = TimeSpan.FromMinutes(2) })
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            var token = await EduInfo.Tools.Simulation.FreshnessProbe.LoginAsync(http, "analyst", "demo-analyst", CancellationToken.None);
            await EduInfo.Tools.Benchmark.TermEndBenchmark.ConvergedAsync(dataSource, http, token, TimeSpan.FromMinutes(30), Console.Out, CancellationToken.None);
            Console.WriteLine($"converged: {started.Elapsed.TotalSeconds:F1} s");
            return 0;
        }
    case "bench-history":
        await EduInfo.Tools.Benchmark.JournalHistory.LoadAsync(dataSource, EduInfo.Domain.Calendar.AcademicCalendar.YearOf(clock.Today),
            args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 10_000_000, Console.Out, CancellationToken.None);
        return 0;
    case "bench-term-end" when args.Length > 2:
    {
        var options = new EduInfo.Tools.Benchmark.TermEndBenchmark.Options(
            Duration: TimeSpan.FromSeconds(args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 60),
            Clients: args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 32,
            Pollers: args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 8,
            Teachers: args.Length > 6 ? int.Parse(args[6], CultureInfo.InvariantCulture) : 400,
            Overload: TimeSpan.FromSeconds(args.Length > 7 ? double.Parse(args[7], CultureInfo.InvariantCulture) : 20));
        var report = await new EduInfo.Tools.Benchmark.TermEndBenchmark(dataSource, new Uri(args[1]), new Uri(args[2]),
                Environment.GetEnvironmentVariable("EDUINFO_METRICS_URL") is { Length: > 0 } scrape ? new Uri(scrape) : null, clock, Console.Out)
            .RunAsync(options, CancellationToken.None);
        Console.WriteLine(report);
        return report.Passed ? 0 : 1;
    }
    case "bench-reads" when args.Length > 2:
    {
        string Arg(int index, string otherwise) => args.Length > index ? args[index] : otherwise;
        var options = new EduInfo.Tools.Benchmark.ReadsBenchmark.Options(
            Duration: TimeSpan.FromSeconds(double.Parse(Arg(3, "60"), CultureInfo.InvariantCulture)),
            Clients: int.Parse(Arg(4, "32"), CultureInfo.InvariantCulture), Pollers: int.Parse(Arg(5, "8"), CultureInfo.InvariantCulture),
            Teachers: int.Parse(Arg(6, "400"), CultureInfo.InvariantCulture), Label: Arg(7, "default"),
            HalfRate: double.Parse(Arg(8, "0"), CultureInfo.InvariantCulture), Run: int.Parse(Arg(9, "0"), CultureInfo.InvariantCulture));
        await new EduInfo.Tools.Benchmark.ReadsBenchmark(dataSource, new Uri(args[1]), new Uri(args[2]), clock, Console.Out).RunAsync(options, CancellationToken.None);
        return 0;
    }
    case "bench-live" when args.Length > 4:
    {
        // Each build has its own copy of the country: a database of the same server (the registry is read from the tools' own).
        NpgsqlDataSource Database(string name) => NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { Database = name }.ConnectionString);
        double Number(int index, double otherwise) => args.Length > index ? double.Parse(args[index], CultureInfo.InvariantCulture) : otherwise;
        await using var pollDatabase = Database(args[2]);
        await using var pushDatabase = Database(args[4]);
        var options = new EduInfo.Tools.Benchmark.LiveBenchmark.Options(Viewers: (int)Number(5, 1000), Duration: TimeSpan.FromSeconds(Number(6, 60)),
            WarmUp: TimeSpan.FromSeconds(Number(7, 10)), BatchesPerSecond: Number(8, 20), Quiet: TimeSpan.FromSeconds(Number(9, 20)),
            RefreshViewers: (int)Number(10, 200));
        // "-" for the polling build: the page-refresh scenario alone (against the push build).
        var report = await new EduInfo.Tools.Benchmark.LiveBenchmark(dataSource, clock, Console.Out).RunAsync(
            args[1] == "-" ? null : new("poll", new Uri(args[1]), pollDatabase), new("push", new Uri(args[3]), pushDatabase), options, CancellationToken.None);
        Console.WriteLine(report);
        return report.Sound ? 0 : 1;
    }
    case "bench-opening" when args.Length > 1:
    {
        int Count(int index, int otherwise) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : otherwise;
        var options = new EduInfo.Tools.Benchmark.OpeningMinuteBenchmark.Options(Applications: Count(2, 10_000), Clients: Count(3, 200),
            Minute: TimeSpan.FromSeconds(Count(4, 60)), JournalClients: Count(5, 16), Pollers: Count(6, 8), Teachers: Count(7, 200));
        var report = await new EduInfo.Tools.Benchmark.OpeningMinuteBenchmark(dataSource, new Uri(args[1]), clock, Console.Out).RunAsync(options, CancellationToken.None);
        Console.WriteLine(report);
        return report.EndsWith("PASSED", StringComparison.Ordinal) ? 0 : 1;
    }
    case "bench-analysis" when args.Length > 1:
    {
        var options = new EduInfo.Tools.Benchmark.AnalysisBenchmark.Options(
            Reads: args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200,
            BaselineRuns: args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 3);
        var measures = await new EduInfo.Tools.Benchmark.AnalysisBenchmark(dataSource, new Uri(args[1]), Console.Out).RunAsync(options, CancellationToken.None);
        await using var rows = dataSource.CreateCommand("SELECT count(*) FROM journal");
        Console.WriteLine(EduInfo.Tools.Benchmark.AnalysisBenchmark.Report(measures, (long)(await rows.ExecuteScalarAsync())!));
        return 0;
    }
    case "import":
        return await ImportCommand.RunAsync(dataSource, clock.Today, args[1..], Console.Out, Console.Error);
    case "year-roll":
        return await EduInfo.Tools.Operations.YearRollCommand.RunAsync(dataSource, args[1..], Console.Out, Console.Error);
    case "rebuild":
        return await EduInfo.Tools.Operations.RebuildCommand.RunAsync(dataSource, args[1..], Console.Out, Console.Error);
    default:
        Console.Error.WriteLine($"unknown command '{args[0]}'");
        return 2;
}
