using EduInfo.Hosting.Notifications;
using EduInfo.Domain.Journal;
using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.Grains.Rollup;
using EduInfo.Storage.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Providers;
using Orleans.Streams;

namespace EduInfo.Hosting;

public static class SiloBuilderExtensions
{
    private const string Invariant = "Npgsql";

    /// <summary>
    /// The EduInfo silo: clustering by profile (Cluster:Clustering = Localhost | AdoNet | Provided), roll-up cache and
    /// reminders in PostgreSQL, memory streams for the roll-up (nothing in them is the only copy), and the
    /// periodic reconciliation against the journal.
    /// </summary>
    public static ISiloBuilder AddEduInfoSilo(this ISiloBuilder silo, IConfiguration configuration)
    {
        var connectionString = configuration.RequireConnectionString();
        var orleans = configuration.GetSection("Cluster");
        silo.AddActivityPropagation(); // a trace runs from the HTTP request through the grain calls to the SQL
        silo.Services.AddSingleton<EduInfo.Grains.Rollup.RollupMetrics>();
        silo.Services.AddSingleton<EduInfo.Grains.Classes.ClassRulesMemo>(); // the rules built once per silo, not per class
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = orleans["ClusterId"] ?? "eduinfo";
            o.ServiceId = orleans["ServiceId"] ?? "eduinfo";
        });

        var clustering = orleans["Clustering"] ?? "Localhost";
        if (clustering.Equals("AdoNet", StringComparison.OrdinalIgnoreCase))
        {
            silo.UseAdoNetClustering(o => { o.Invariant = Invariant; o.ConnectionString = connectionString; });
            if (Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST") is null)
            {
                // In Kubernetes, UseKubernetesHosting advertises the pod's IP; elsewhere the host's address and these ports.
                silo.ConfigureEndpoints(
                    siloPort: orleans.GetValue("SiloPort", 11111),
                    gatewayPort: orleans.GetValue("GatewayPort", 30000),
                    listenOnAnyHostAddress: orleans.GetValue("ListenOnAnyHostAddress", false));
            }
            silo.ConfigureMembership(orleans);
        }
        else if (!clustering.Equals("Provided", StringComparison.OrdinalIgnoreCase)) // "Provided": the host (a test cluster) sets it up
        {
            silo.UseLocalhostClustering(
                siloPort: orleans.GetValue("SiloPort", 11111),
                gatewayPort: orleans.GetValue("GatewayPort", 30000));
        }

        // The roll-up cache holds whole summaries (every term and subject cell): Orleans' binary serializer, not the
        // provider's default JSON, which is slower and larger (docs/benchmarks.md, "Figures behind the code").
        silo.AddAdoNetGrainStorage(RollupStorage.Name, (Microsoft.Extensions.Options.OptionsBuilder<Orleans.Configuration.AdoNetGrainStorageOptions> options) =>
            options.Configure<Orleans.Serialization.Serializer>((o, serializer) =>
            {
                o.Invariant = Invariant;
                // A cache, repaired by reconciliation: its writes need not wait for the WAL flush that journal commits wait for.
                o.ConnectionString = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Options = "-c synchronous_commit=off" }.ConnectionString;
                o.GrainStorageSerializer = new Orleans.Storage.OrleansGrainStorageSerializer(serializer);
            }));
        silo.UseAdoNetReminderService(o => { o.Invariant = Invariant; o.ConnectionString = connectionString; });

        // Enough queues that the roll-up of one busy region does not queue behind another, and a short pull
        // period so each level adds milliseconds, not the default 100 ms.
        silo.AddMemoryStreams(RollupStreams.Provider, streams =>
        {
            streams.ConfigurePartitioning(orleans.GetValue("RollupQueues", 32));
            streams.ConfigurePullingAgent(o => o.Configure(p =>
                p.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(orleans.GetValue("RollupPullPeriodMs", 10))));
            streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
        });

        silo.Services.AddDatabaseExceptionSerialization();
        silo.Services.Configure<RollupOptions>(configuration.GetSection("Rollup"));
        silo.Services.AddSingleton<RebuildGate>();
        silo.Services.Configure<JournalLimits>(configuration.GetSection("Journal"));
        silo.Services.AddSingleton<DailyCapture>();
        silo.Services.AddHostedService<RollupReconciler>();
        silo.Services.Configure<EduInfo.Grains.EServices.EServicesOptions>(configuration.GetSection("EServices"));
        silo.Services.Configure<EduInfo.Domain.Forums.ForumLimits>(configuration.GetSection("Forums"));
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, ApplicationReminderSweep>();
        silo.Services.AddHostedService<UploadRetention>();
        silo.Services.AddHostedService<Telemetry.OverdueDecisions>();
        silo.Services.AddNotificationDelivery(configuration);
        silo.AddEduInfoOrleansDashboard(configuration);
        return silo;
    }
}
