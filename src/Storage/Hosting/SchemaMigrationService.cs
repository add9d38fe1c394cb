using EduInfo.Domain.Calendar;
using EduInfo.Storage.Journal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EduInfo.Storage.Hosting;

/// <summary>
/// Applies pending migrations at start and creates the journal partitions the clock's year and the next need;
/// registered before Orleans so its tables exist when the silo joins.
/// </summary>
internal sealed class SchemaMigrationService(NpgsqlDataSource dataSource, IKazakhstanClock clock, ILogger<SchemaMigrationService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var applied = await new SchemaMigrator(dataSource).MigrateAsync(cancellationToken);
        logger.LogInformation("Schema migrations: {Count} applied now, {Total} known", applied.Count, SchemaMigrator.All.Count);
        var partitions = await JournalPartitions.EnsureAsync(dataSource, clock.Today, cancellationToken);
        if (partitions.Count > 0)
        {
            logger.LogInformation("Journal partitions created for {Years}", string.Join(", ", partitions));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
