using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EduInfo.Storage.Hosting;

/// <summary>
/// With <c>Schema:Migrate=false</c> (Kubernetes, where a Job migrates) the process does not start — Orleans and the
/// HTTP port included, so every probe fails — until the schema holds every migration this build knows: Kubernetes
/// starts the Job and the new pods in no particular order. Registered before Orleans, like <see cref="SchemaMigrationService"/>.
/// </summary>
internal sealed class SchemaGate(NpgsqlDataSource dataSource, IConfiguration configuration, TimeProvider time, ILogger<SchemaGate> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var interval = configuration.GetValue("Schema:WaitInterval", TimeSpan.FromSeconds(2));
        var migrator = new SchemaMigrator(dataSource);
        var lastPending = -1;
        while (true)
        {
            int pending;
            try
            {
                pending = await migrator.PendingAsync(cancellationToken);
            }
            catch (NpgsqlException ex)
            {
                // The database may come up after the pod (the dev StatefulSet): keep waiting, the startup probe bounds it.
                logger.LogWarning(ex, "Schema check: PostgreSQL does not answer yet");
                pending = -1;
            }
            if (pending == 0)
            {
                logger.LogInformation("Schema at this build's version ({Total} migrations)", SchemaMigrator.All.Count);
                return;
            }
            if (pending > 0 && pending != lastPending)
            {
                logger.LogWarning("Waiting for the schema: {Pending} of {Total} migrations not applied (Schema:Migrate is off; run the migrations Job)",
                    pending, SchemaMigrator.All.Count);
                lastPending = pending;
            }
            await Task.Delay(interval, time, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
