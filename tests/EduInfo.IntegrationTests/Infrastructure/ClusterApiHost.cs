using System.Diagnostics;

namespace EduInfo.IntegrationTests.Infrastructure;

/// <summary>
/// The Cluster profile as separate processes: two silo processes (src/Silo) joined through ADO.NET clustering on
/// PostgreSQL, and the Api (src/Api) as an Orleans client, all started from the built assemblies on loopback ports.
/// </summary>
public sealed class ClusterApiHost : IApiHost, IAsyncLifetime
{
    private readonly List<(Process Process, string Log)> _processes = [];

    public TestDatabase Db { get; } = new();
    public DemoRegistry Registry { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Db.InitializeAsync();
        Registry = await DemoRegistry.SeedAsync(Db);

        var common = new Dictionary<string, string>
        {
            ["ConnectionStrings__EduInfo"] = Db.ConnectionString,
            ["Cluster__Clustering"] = "AdoNet",
            ["Cluster__ClusterId"] = "cluster-" + Db.Name,
            ["Cluster__ServiceId"] = "cluster-" + Db.Name,
            ["Rollup__ReconcileInterval"] = "00:00:00",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Auth__SigningKey"] = ApiHost.TestSigningKey,
            ["Auth__DevelopmentActorHeader"] = "true",
            ["RateLimits__PerAddressPerSecond"] = "0",
            ["RateLimits__PerUserPerSecond"] = "0",
            ["DOTNET_gcServer"] = "0",
        };
        var silos = Enumerable.Range(0, 2).Select(_ => (Health: LoopbackPorts.Free(), Silo: LoopbackPorts.Free(), Gateway: LoopbackPorts.Free())).ToList();
        foreach (var (health, silo, gateway) in silos)
        {
            Start("Silo", $"http://127.0.0.1:{health}", new(common)
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Cluster",
                ["Cluster__SiloPort"] = silo.ToString(),
                ["Cluster__GatewayPort"] = gateway.ToString(),
            });
        }
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        foreach (var (health, _, _) in silos)
        {
            await WaitForAsync(probe, $"http://127.0.0.1:{health}/health/live");
        }

        var api = $"http://127.0.0.1:{LoopbackPorts.Free()}";
        Start("Api", api, new(common) { ["ASPNETCORE_ENVIRONMENT"] = "Cluster", ["Cluster__Role"] = "Client" });
        await WaitForAsync(probe, $"{api}/health/ready");
        Http = new HttpClient { BaseAddress = new Uri(api) };
        await Eventually.MatchesAsync(
            () => Db.ScalarAsync<long>("SELECT count(*) FROM orleansmembershiptable WHERE deploymentid = @c AND status = 3", ("c", common["Cluster__ClusterId"])),
            active => active == 2, TimeSpan.FromSeconds(60), "two active silos in the membership table");
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
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

    private void Start(string project, string url, Dictionary<string, string> environment)
    {
        var directory = BuiltProject(project);
        var log = Path.Combine(Path.GetTempPath(), $"eduinfo-{Db.Name}-{project}-{_processes.Count}.log");
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
        var writer = new StreamWriter(log) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add((process, log));
    }

    private async Task WaitForAsync(HttpClient probe, string url)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_processes.FirstOrDefault(p => p.Process.HasExited) is { Process: not null } dead)
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
        throw new TimeoutException($"{url} did not become healthy; logs: {string.Join("\n", _processes.Select(p => File.ReadAllText(p.Log)))}");
    }

    /// <summary>The output folder of a built project under src/, in the configuration the tests were built in.</summary>
    private static string BuiltProject(string project)
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
