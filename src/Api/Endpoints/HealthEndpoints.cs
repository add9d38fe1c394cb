using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace EduInfo.Api.Endpoints;

/// <summary>Liveness (the process answers) and readiness (PostgreSQL and an Orleans silo answer).</summary>
public static class HealthEndpoints
{
    public static IServiceCollection AddEduInfoHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), tags: ["live"])
            .AddCheck<PostgresHealthCheck>("postgresql", tags: ["ready"])
            .AddCheck<OrleansHealthCheck>("orleans", tags: ["ready"]);
        return services;
    }

    public static IEndpointRouteBuilder MapEduInfoHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = c => c.Tags.Contains("live") });
        app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") });
        return app;
    }

    private sealed class PostgresHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var command = dataSource.CreateCommand("SELECT 1");
                await command.ExecuteScalarAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex)
            {
                return HealthCheckResult.Unhealthy("PostgreSQL does not answer", ex);
            }
        }
    }

    private sealed class OrleansHealthCheck(IGrainFactory grains) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
                return hosts.Count > 0 ? HealthCheckResult.Healthy($"{hosts.Count} active silos") : HealthCheckResult.Unhealthy("No active silo");
            }
            catch (Exception ex)
            {
                return HealthCheckResult.Unhealthy("The Orleans cluster does not answer", ex);
            }
        }
    }
}
