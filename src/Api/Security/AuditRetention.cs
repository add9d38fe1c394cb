using EduInfo.Storage.Audit;

namespace EduInfo.Api.Security;

/// <summary>
/// Keeps the audit log for the configured retention period (Audit:Retention, default three years) and no longer:
/// once an hour after start, then daily, rows older than that are purged through the only path the database allows.
/// Several Api replicas running it is harmless.
/// </summary>
internal sealed class AuditRetention(AuditLog audit, IConfiguration configuration, ILogger<AuditRetention> logger) : BackgroundService
{
    public static readonly TimeSpan DefaultRetention = TimeSpan.FromDays(3 * 365);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retention = configuration.GetValue("Audit:Retention", DefaultRetention);
        var delay = TimeSpan.FromHours(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(delay, stoppingToken);
                var removed = await audit.PurgeAsync(retention, stoppingToken);
                logger.LogInformation("Audit retention: {Removed} records older than {Retention} removed", removed, retention);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Audit retention run failed; trying again next time");
            }
            delay = TimeSpan.FromDays(1);
        }
    }
}
