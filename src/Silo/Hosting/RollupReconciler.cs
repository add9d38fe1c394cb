using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.Grains.Rollup;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EduInfo.Silo.Hosting;

/// <summary>
/// Periodically asks the republic to reconcile: each level compares its children's versions with the journal's
/// class watermarks and pulls only the children that differ, so a lost stream message is repaired within an
/// interval. Running it on every silo is harmless: the grain serializes the calls.
/// </summary>
internal sealed class RollupReconciler(IGrainFactory grains, IOptions<RollupOptions> options, ILogger<RollupReconciler> logger) : BackgroundService
{
    public const string RepublicId = "KZ";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.ReconcileInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await grains.GetGrain<IAreaGrain>(RepublicId).Reconcile();
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Roll-up reconciliation failed; retrying next interval");
            }
        }
    }
}
