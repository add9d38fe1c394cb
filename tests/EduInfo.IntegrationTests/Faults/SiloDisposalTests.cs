using System.Net;
using System.Net.Sockets;
using EduInfo.Hosting;
using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.Storage.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EduInfo.IntegrationTests.Faults;

/// <summary>
/// A silo's host disposed without being stopped (a process ending its use of it, as the grain-memory benchmark does)
/// cancels its background loops while they wait for their next tick: each ends quietly, and none is reported as a
/// failed service that stops the host (the overdue-decisions gauge and the roll-up reconciler were).
/// </summary>
public sealed class SiloDisposalTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task A_silo_disposed_without_a_stop_ends_its_background_loops_without_a_failure()
    {
        var log = new LogCapture("Microsoft.Extensions.Hosting.Internal.Host");
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:EduInfo"] = _db.ConnectionString,
            ["Cluster:Clustering"] = "Localhost",
            ["Cluster:SiloPort"] = FreePort(),
            ["Cluster:GatewayPort"] = FreePort(),
            ["Rollup:ReconcileInterval"] = "00:01:00", // the reconciler waits for its first tick
        });
        builder.Logging.AddProvider(log);
        builder.AddEduInfoStorage(migrate: false);
        builder.UseOrleans(silo => silo.AddEduInfoSilo(builder.Configuration));
        var host = builder.Build();
        await host.StartAsync();
        // Each loop has run its first pass and waits: the overdue count is in, the reconciler's timer is set.
        await Eventually.MatchesAsync(() => Task.FromResult(OverdueGaugeObserved(host)), seen => seen, TimeSpan.FromSeconds(30), "the overdue decisions counted");

        var loops = host.Services.GetServices<IHostedService>().OfType<BackgroundService>().Select(s => (Name: s.GetType().Name, Task: s.ExecuteTask!)).ToList();
        Assert.Contains(loops, l => l.Name == "OverdueDecisions");
        Assert.Contains(loops, l => l.Name == "RollupReconciler");

        host.Dispose();

        await Task.WhenAny(Task.WhenAll(loops.Select(l => l.Task)), Task.Delay(TimeSpan.FromSeconds(30)));
        Assert.All(loops, l => Assert.True(l.Task.IsCompletedSuccessfully, $"{l.Name}: {l.Task.Status}"));
        Assert.DoesNotContain(log.Entries, e => e.Level >= LogLevel.Error);
    }

    private static bool OverdueGaugeObserved(IHost host)
    {
        var factory = host.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        var seen = false;
        using var listener = new System.Diagnostics.Metrics.MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "eduinfo.eservices.overdue_decisions" && instrument.Meter.Scope == factory)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, _, _, _) => seen = true);
        listener.Start();
        listener.RecordObservableInstruments();
        return seen;
    }

    private static string FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
