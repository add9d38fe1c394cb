using EduInfo.Domain.Calendar;
using EduInfo.Grains.EServices;
using EduInfo.Storage.EServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EduInfo.Hosting;

/// <summary>
/// Once a day, the documents uploaded to applications decided more than <see cref="EServicesOptions.UploadRetentionMonths"/>
/// months ago (by the domain clock) are deleted: they are health data kept only as long as the decision needs them.
/// Running on every silo is harmless: the delete is idempotent.
/// </summary>
internal sealed class UploadRetention(ApplicationStore store, IKazakhstanClock clock, IOptions<EServicesOptions> options, ILogger<UploadRetention> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMinutes(5);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(delay, stoppingToken);
                var removed = await PurgeAsync(stoppingToken);
                logger.LogInformation("Upload retention: {Removed} documents of applications decided over {Months} months ago deleted", removed,
                    options.Value.UploadRetentionMonths);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Upload retention run failed; trying again next time");
            }
            delay = TimeSpan.FromDays(1);
        }
    }

    public Task<int> PurgeAsync(CancellationToken cancellationToken) =>
        store.PurgeUploadsAsync(clock.Today.AddMonths(-options.Value.UploadRetentionMonths), cancellationToken);
}
