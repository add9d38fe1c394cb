using EduInfo.Domain.Calendar;
using EduInfo.Grains.Interfaces.Calendar;
using EduInfo.Hosting;
using EduInfo.Storage.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace EduInfo.IntegrationTests.Infrastructure;

/// <summary>An in-process Orleans cluster running the EduInfo silo configuration against a test database, its date pinned.</summary>
public static class EduInfoTestCluster
{
    /// <summary>
    /// Starts <paramref name="silos"/> silos. Pass the same <paramref name="serviceId"/> to a second cluster on the same
    /// database to see state that the first one stored.
    /// </summary>
    public static async Task<InProcessTestCluster> StartAsync(TestDatabase db, string serviceId, short silos = 1, IKazakhstanClock? clock = null,
        Action<ISiloBuilder>? configureSilo = null, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        clock ??= KazakhstanClock.PinnedAt(TestClock.Pinned);
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:EduInfo"] = db.ConnectionString,
            ["Cluster:Clustering"] = "Provided",
            ["Cluster:ServiceId"] = serviceId,
            ["Rollup:ReconcileInterval"] = "00:00:00",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ServiceId = serviceId;
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Configuration.AddInMemoryCollection(settings);
            host.Services.AddSingleton(clock);
            host.AddEduInfoStorage(migrate: false);
        });
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddEduInfoSilo(silo.Configuration);
            // The test cluster names the service; the silo must use the same one to find stored state.
            silo.Configure<Orleans.Configuration.ClusterOptions>(o => o.ServiceId = serviceId);
            configureSilo?.Invoke(silo);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
