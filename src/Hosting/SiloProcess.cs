using EduInfo.Hosting.Telemetry;
using EduInfo.Storage.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace EduInfo.Hosting;

/// <summary>The silo process of the Cluster and Kubernetes profiles (src/Silo): its services, probes and shutdown.</summary>
public static class SiloProcess
{
    /// <summary>How long a stopping silo may take to leave the cluster (Kubernetes' grace period must be longer).</summary>
    public static readonly TimeSpan DefaultShutdownTimeout = TimeSpan.FromSeconds(45);

    public static WebApplicationBuilder AddEduInfoSiloProcess(this WebApplicationBuilder builder)
    {
        builder.AddEduInfoStorage();
        builder.UseOrleans(silo =>
        {
            if (Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST") is not null)
            {
                silo.UseKubernetesHosting();
            }
            silo.AddEduInfoSilo(builder.Configuration);
        });
        // The host's stop bounds Orleans' graceful shutdown (grains deactivated, the membership row marked dead).
        builder.Services.Configure<HostOptions>(o =>
            o.ShutdownTimeout = builder.Configuration.GetValue("Silo:ShutdownTimeout", DefaultShutdownTimeout));
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), tags: ["live"])
            .AddCheck<ActiveMemberCheck>("membership", tags: ["ready"]);
        builder.AddEduInfoTelemetry("eduinfo-silo");
        return builder;
    }

    /// <summary>
    /// <c>/health/live</c>: the process answers. <c>/health/ready</c> (also the startup probe): this silo is an active
    /// member of its cluster. Neither answers before the schema is at this build's version, as the process has not started.
    /// </summary>
    public static WebApplication MapEduInfoSiloProcess(this WebApplication app)
    {
        app.UseEduInfoMetrics();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = c => c.Tags.Contains("live") });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        return app;
    }

    /// <summary>Active in the membership as this silo's own oracle sees it: joining, shutting down or dead is not ready.</summary>
    private sealed class ActiveMemberCheck(ISiloStatusOracle oracle) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(oracle.CurrentStatus == SiloStatus.Active
                ? HealthCheckResult.Healthy("Active member of the cluster")
                : HealthCheckResult.Unhealthy($"Not an active member: {oracle.CurrentStatus}"));
    }
}
