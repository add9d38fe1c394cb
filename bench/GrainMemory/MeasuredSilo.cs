using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime;
using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.Hosting;
using EduInfo.Storage.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Configuration;

namespace EduInfo.Bench.GrainMemory;

/// <summary>
/// The production silo (<see cref="SiloBuilderExtensions.AddEduInfoSilo"/>) in this process, so its heap is the one
/// measured: localhost clustering, no periodic reconciliation, and idle collection off (an activation lives a day).
/// </summary>
public sealed class MeasuredSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private MeasuredSilo(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public NpgsqlDataSource Database => _host.Services.GetRequiredService<NpgsqlDataSource>();

    public static async Task<MeasuredSilo> StartAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cluster:Clustering"] = "Localhost",
            ["Cluster:SiloPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Cluster:GatewayPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Rollup:ReconcileInterval"] = "00:00:00", // nothing but the measurement activates grains
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.AddEduInfoStorage();
        builder.UseOrleans(silo =>
        {
            silo.AddEduInfoSilo(builder.Configuration);
            silo.Configure<GrainCollectionOptions>(o => o.CollectionAge = TimeSpan.FromDays(1));
        });
        var host = builder.Build();
        await host.StartAsync();
        return new MeasuredSilo(host);
    }

    /// <summary>
    /// Activates the whole country through the republic's reconciliation until its summary stops moving and every class
    /// is active, then stops gracefully: each node writes its roll-up cache and each class its ledger snapshot, so the
    /// measured runs activate each grain from those, as a warm restart does, without pulling its children.
    /// </summary>
    public async Task WarmAsync()
    {
        var classes = await CountAsync("SELECT count(*) FROM classes");
        var stopwatch = Stopwatch.StartNew();
        long previous = -1;
        while (true)
        {
            var summary = await Grains.GetGrain<IAreaGrain>("KZ").Reconcile();
            var active = (await ActivationsAsync()).GetValueOrDefault("ClassGrain");
            Console.WriteLine($"warm: {stopwatch.Elapsed.TotalSeconds:F0} s, {active} of {classes} classes active, republic version {summary.Version}");
            if (summary.Version == previous && active >= classes)
            {
                break;
            }
            previous = summary.Version;
            await Task.Delay(TimeSpan.FromSeconds(3));
        }
    }

    public async Task<long> CountAsync(string sql)
    {
        await using var command = Database.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<IReadOnlyList<string>> IdsAsync(string sql)
    {
        var ids = new List<string>();
        await using var command = Database.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }

    /// <summary>Activations in this silo by grain class (its name without the namespace).</summary>
    public async Task<Dictionary<string, int>> ActivationsAsync()
    {
        var statistics = await Grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return statistics
            .GroupBy(s => s.GrainType.Split(',')[0].Split('.')[^1]) // "Namespace.ClassGrain,Assembly"
            .ToDictionary(g => g.Key, g => g.Sum(s => s.ActivationCount));
    }

    /// <summary>The live heap after a full compacting collection, taken when the silo has had a moment to settle.</summary>
    public static async Task<long> HeapAsync()
    {
        await Task.Delay(TimeSpan.FromSeconds(3)); // stream deliveries and publishes of the last activations
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: false);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Whether disposing stops the silo gracefully (its grains deactivate and write their caches) or just ends the process's use of it.</summary>
    public bool StopGracefully { get; set; }

    public async ValueTask DisposeAsync()
    {
        if (StopGracefully)
        {
            await _host.StopAsync(TimeSpan.FromMinutes(5));
        }
        _host.Dispose();
    }
}
