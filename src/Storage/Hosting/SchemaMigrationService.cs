using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EduInfo.Storage.Hosting;

/// <summary>Applies pending migrations at start; registered before Orleans so its tables exist when the silo joins.</summary>
internal sealed class SchemaMigrationService(NpgsqlDataSource dataSource, ILogger<SchemaMigrationService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var applied = await new SchemaMigrator(dataSource).MigrateAsync(cancellationToken);
        logger.LogInformation("Schema migrations: {Count} applied now, {Total} known", applied.Count, SchemaMigrator.All.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
