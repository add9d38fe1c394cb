using System.Diagnostics;
using EduInfo.Storage.Journal;
using EduInfo.Tools.Demo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EduInfo.IntegrationTests.Infrastructure;

/// <summary>
/// The Cluster profile as separate processes: two silo processes (src/Silo) joined through ADO.NET clustering on
/// PostgreSQL, and the Api (src/Api) as an Orleans client, all started from the built assemblies on loopback ports,
/// with the date pinned (<see cref="TestClock"/>). They run as Development, the one environment that takes the test
/// switches, with the Cluster profile's settings (client role, ADO.NET clustering) given explicitly.
/// </summary>
public sealed class ClusterApiHost : IApiHost, IAsyncLifetime
{
    private readonly List<(Process Process, string Log)> _processes = [];
    private readonly List<Process> _silos = [];
    private readonly List<int> _siloPorts = [];
    private IHost? _client;
    private readonly IReadOnlyDictionary<string, string> _overrides;
    private readonly DemoCountryOptions? _country;
    private readonly int? _poolSize;
    private Dictionary<string, string> _common = [];

    public ClusterApiHost() : this(null, null)
    {
    }

    /// <summary>
    /// A cluster on another PostgreSQL server (<paramref name="admin"/>), with extra settings for every process, on the demo
    /// country of <paramref name="country"/> (tiny by default); <paramref name="poolSize"/> caps each pool of each process
    /// (the journal's data source and Orleans' ADO.NET pool), 50 otherwise.
    /// </summary>
    internal ClusterApiHost(string? admin, IReadOnlyDictionary<string, string>? overrides, DemoCountryOptions? country = null, int? poolSize = null)
    {
        Db = admin is null ? new() : new() { Admin = admin };
        _overrides = overrides ?? new Dictionary<string, string>();
        _country = country;
        _poolSize = poolSize;
    }

    public TestDatabase Db { get; }
    public DemoRegistry Registry { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public string ClusterId => "cluster-" + Db.Name;

    public async Task InitializeAsync()
    {
        Registry = await DemoRegistry.CreateAsync(Db, _country);

        _common = new Dictionary<string, string>
        {
            ["ConnectionStrings__EduInfo"] = _poolSize is { } size
                ? new Npgsql.NpgsqlConnectionStringBuilder(Db.ConnectionString) { MaxPoolSize = size }.ConnectionString
                : Db.ConnectionString,
            ["Cluster__Clustering"] = "AdoNet",
            ["Cluster__ClusterId"] = ClusterId,
            ["Cluster__ServiceId"] = ClusterId,
            ["Rollup__ReconcileInterval"] = "00:00:00",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Auth__SigningKey"] = ApiHost.TestSigningKey,
            ["Auth__DevelopmentActorHeader"] = "true",
            // The test-only switches (the actor header, the pinned date) are accepted in Development only.
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Clock__PinnedUtc"] = TestClock.Setting(),
            ["RateLimits__PerAddressPerSecond"] = "0",
            ["RateLimits__PerUserPerSecond"] = "0",
            ["DOTNET_gcServer"] = "0",
        };
        foreach (var (key, value) in _overrides)
        {
            _common[key] = value;
        }
        await Task.WhenAll(StartSiloAsync(), StartSiloAsync());

        var api = $"http://127.0.0.1:{LoopbackPorts.Free()}";
        Start("Api", api, new(_common) { ["Cluster__Role"] = "Client" });
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await WaitForAsync(probe, $"{api}/health/ready");
        Http = new HttpClient { BaseAddress = new Uri(api) };
        await Eventually.MatchesAsync(ActiveSilosAsync, active => active == 2, TimeSpan.FromSeconds(60), "two active silos in the membership table");
    }

    /// <summary>Silos whose membership row says Active (3); a killed silo's row turns Dead (6) once the others vote it out.</summary>
    public Task<long> ActiveSilosAsync() =>
        Db.ScalarAsync<long>("SELECT count(*) FROM orleansmembershiptable WHERE deploymentid = @c AND status = 3", ("c", ClusterId));

    /// <summary>SIGKILL, as a crashed node: no graceful shutdown, no deactivation, nothing flushed.</summary>
    public void KillSilo(int index) => _silos[index].Kill(entireProcessTree: true);

    /// <summary>Starts a new silo process in place of <paramref name="index"/> (on fresh ports) and waits until it is live.</summary>
    public Task RestartSiloAsync(int index) => StartSiloAsync(index);

    /// <summary>The silo processes started and not stopped (killed ones count until replaced).</summary>
    public int SiloCount
    {
        get
        {
            lock (_silos)
            {
                return _silos.Count;
            }
        }
    }

    /// <summary>Starts one more silo process (the last index) and waits until it is live; it joins the cluster shortly after.</summary>
    public Task AddSiloAsync() => StartSiloAsync();

    /// <summary>
    /// SIGTERM, as Kubernetes stops a pod: the host's graceful shutdown (the silo leaves the membership, deactivates its
    /// grains). Waits up to <paramref name="bound"/> for the process to exit, then forgets it: later indexes move down by one.
    /// </summary>
    public async Task<SiloStop> StopSiloAsync(int index, TimeSpan bound)
    {
        Process silo;
        int port;
        lock (_silos)
        {
            (silo, port) = (_silos[index], _siloPorts[index]);
            _silos.RemoveAt(index);
            _siloPorts.RemoveAt(index);
        }
        var took = Stopwatch.StartNew();
        using (var signal = Process.Start("kill", ["-s", "TERM", silo.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await signal.WaitForExitAsync();
        }
        using var timeout = new CancellationTokenSource(bound);
        await silo.WaitForExitAsync(timeout.Token);
        return new(port, silo.ExitCode, took.Elapsed);
    }

    /// <summary>The lines of every process's log so far, killed silos' too, that contain one of <paramref name="needles"/>.</summary>
    public IReadOnlyList<string> LogLinesContaining(params string[] needles)
    {
        List<string> logs;
        lock (_processes)
        {
            logs = _processes.Select(p => p.Log).ToList();
        }
        return logs.SelectMany(log => ReadShared(log).Where(line => needles.Any(n => line.Contains(n, StringComparison.Ordinal)))
            .Select(line => $"{Path.GetFileName(log)}: {line.Trim()}")).ToList();
    }

    private static IEnumerable<string> ReadShared(string path)
    {
        using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }

    /// <summary>A silo stopped by <see cref="StopSiloAsync"/>: its silo port (its membership row), exit code and how long the shutdown took.</summary>
    public sealed record SiloStop(int Port, int ExitCode, TimeSpan Took);

    /// <summary>
    /// The membership row of the silo on <paramref name="siloPort"/>: its status (3 Active, 5 ShuttingDown, 6 Dead) and
    /// whether any silo voted it dead (suspecttimes): a silo that left gracefully marked itself Dead, with no votes.
    /// </summary>
    public async Task<(int Status, bool Suspected)> MembershipRowAsync(int siloPort)
    {
        await using var command = Db.DataSource.CreateCommand(
            "SELECT status, coalesce(suspecttimes, '') <> '' FROM orleansmembershiptable WHERE deploymentid = @c AND port = @p");
        command.Parameters.AddWithValue("c", ClusterId);
        command.Parameters.AddWithValue("p", siloPort);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? (reader.GetInt32(0), reader.GetBoolean(1))
            : throw new InvalidOperationException($"No membership row for the silo on port {siloPort}.");
    }

    /// <summary>
    /// The index (as <see cref="KillSilo"/> counts) of the silo where <paramref name="grain"/> is active, asked of the
    /// cluster's management grain through an Orleans client of the test's own.
    /// </summary>
    public async Task<int> SiloHostingAsync(Func<IGrainFactory, IAddressable> grain)
    {
        _client ??= await StartClientAsync();
        var grains = _client.Services.GetRequiredService<IClusterClient>();
        var silo = await grains.GetGrain<IManagementGrain>(0).GetActivationAddress(grain(grains))
            ?? throw new InvalidOperationException("The grain is not active anywhere.");
        lock (_silos)
        {
            return _siloPorts.IndexOf(silo.Endpoint.Port) is var index and >= 0
                ? index
                : throw new InvalidOperationException($"No silo of this cluster listens on {silo.Endpoint}.");
        }
    }

    /// <summary>
    /// The republic's version reaches the sum of the class watermarks and every field of every cell of every node (areas,
    /// organizations, classes) equals the journal's recount.
    /// </summary>
    public async Task SummariesEqualTheJournalAsync(TimeSpan bound)
    {
        var data = Registry.Data;
        var nodes = data.Nodes.Select(n => n.Id).Concat(data.Organizations.Select(o => o.Id)).Concat(data.Classes.Select(c => c.Id)).ToList();
        (long Version, IReadOnlyDictionary<string, IReadOnlyDictionary<(int Term, string SubjectId), IReadOnlyDictionary<string, long>>> Cells)? recount = null;
        await Eventually.MatchesAsync(async () =>
        {
            // Read with each look, as ColdStartTests does: a day roll (at Kazakhstan midnight, had the clock not been
            // pinned) moves every class's version, and then the figures that depend on the date.
            var expectedVersion = await Db.ScalarAsync<long>("SELECT sum(seq) FROM class_watermarks");
            if (recount?.Version != expectedVersion)
            {
                recount = (expectedVersion, await JournalRecount.ForNodeCellsAsync(Db.DataSource, nodes, TestClock.Today));
            }
            var republic = await Http.GetJsonAsync("/api/v1/nodes/KZ/summary");
            if (republic.Status != 200 || republic.Body.GetProperty("version").GetInt64() != expectedVersion)
            {
                return $"republic: {republic.Status} {(republic.Status == 200 ? republic.Body.GetProperty("version").GetInt64() : 0)} of {expectedVersion}";
            }
            RecountComparison.NodeCells cells;
            try
            {
                cells = await RecountComparison.ReadCellsAsync(Http, recount.Value.Cells);
            }
            catch (Xunit.Sdk.XunitException unanswered) when (unanswered.Message.Contains(": 503 ", StringComparison.Ordinal))
            {
                // A 503 is retried: a silo's pooled connection that died with a PostgreSQL restart fails its first use, and a
                // node's grain may be moving between silos.
                return unanswered.Message;
            }
            var mismatches = RecountComparison.Compare(recount.Value.Cells, cells);
            return mismatches.Count == 0 ? "" : $"{mismatches.Count} figures differ, e.g. {string.Join("; ", mismatches.Take(5))}";
        }, mismatch => mismatch == "", bound, "every summary equal to the journal recomputation");
    }

    private async Task<IHost> StartClientAsync()
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.UseAdoNetClustering(o => { o.Invariant = "Npgsql"; o.ConnectionString = Db.ConnectionString; });
            client.Configure<Orleans.Configuration.ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ClusterId, ClusterId));
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private async Task StartSiloAsync(int? replacing = null)
    {
        var health = $"http://127.0.0.1:{LoopbackPorts.Free()}";
        var siloPort = LoopbackPorts.Free();
        var process = Start("Silo", health, new(_common)
        {
            ["Cluster__SiloPort"] = siloPort.ToString(),
            ["Cluster__GatewayPort"] = LoopbackPorts.Free().ToString(),
        });
        lock (_silos)
        {
            if (replacing is { } index)
            {
                _silos[index] = process;
                _siloPorts[index] = siloPort;
            }
            else
            {
                _silos.Add(process);
                _siloPorts.Add(siloPort);
            }
        }
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await WaitForAsync(probe, $"{health}/health/live");
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (_client is not null)
        {
            await _client.StopAsync(TimeSpan.FromSeconds(5));
            _client.Dispose();
        }
        foreach (var (process, _) in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            process.Dispose();
        }
        await Db.DisposeAsync();
    }

    private Process Start(string project, string url, Dictionary<string, string> environment)
    {
        var directory = BuiltProject(project);
        var start = new ProcessStartInfo("dotnet", [Path.Combine(directory, $"EduInfo.{project}.dll"), "--urls", url])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start)!;
        string log;
        lock (_processes)
        {
            log = Path.Combine(Path.GetTempPath(), $"eduinfo-{Db.Name}-{project}-{_processes.Count}.log");
            _processes.Add((process, log));
        }
        var writer = new StreamWriter(log) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task WaitForAsync(HttpClient probe, string url)
    {
        var waited = Stopwatch.StartNew();
        // Against a hang only: on the shared 2-core machine (load average up to 90) two silos started together while the
        // journal mix ran were not live after 90 s.
        while (waited.Elapsed < TimeSpan.FromSeconds(180))
        {
            if (Running().FirstOrDefault(p => p.Process.HasExited) is { Process: not null } dead)
            {
                throw new InvalidOperationException($"A cluster process exited: {File.ReadAllText(dead.Log)}");
            }
            try
            {
                using var response = await probe.GetAsync(url);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // not answering yet
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{url} did not become healthy; logs: {string.Join("\n", Running().Select(p => File.ReadAllText(p.Log)))}");
    }

    /// <summary>The processes that should be running: not the silos that a test killed and replaced.</summary>
    private List<(Process Process, string Log)> Running()
    {
        lock (_processes)
        {
            lock (_silos)
            {
                return _processes.Where(p => _silos.Contains(p.Process) || !IsSilo(p.Log)).ToList();
            }
        }
    }

    private static bool IsSilo(string log) => log.Contains("-Silo-", StringComparison.Ordinal);

    /// <summary>The output folder of a built project under src/, in the configuration the tests were built in.</summary>
    internal static string BuiltProject(string project)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "EduInfo.sln")))
        {
            root = root.Parent;
        }
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var directory = Path.Combine(root!.FullName, "src", project, "bin", configuration, "net10.0");
        return File.Exists(Path.Combine(directory, $"EduInfo.{project}.dll"))
            ? directory
            : throw new FileNotFoundException($"Build src/{project} ({configuration}) before running the cluster tests.", directory);
    }

}
