using EduInfo.Domain.Calendar;
using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.Grains.Interfaces.Calendar;
using EduInfo.Grains.Rollup;
using EduInfo.Storage.Journal;
using EduInfo.Storage.Registry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EduInfo.Hosting;

/// <summary>
/// Periodically asks the republic to reconcile: each level compares its children's versions with the journal's
/// class watermarks and pulls only the children that differ, so a lost stream message is repaired within an
/// interval. Running it on every silo is harmless: the grain serializes the calls. On the first tick of a new day
/// in Kazakhstan (the domain clock's) one silo rolls the day (claim and version bump in one transaction): every class's
/// version moves, so figures that depend on the date (headcount, lessons scheduled up to today) are refreshed
/// everywhere — after the daily trends captured the day that ended (<see cref="DailyCapture"/>); each silo makes sure of the journal partitions of the year and the next once a day.
/// </summary>
internal sealed class RollupReconciler(IGrainFactory grains, RegistryStore registry, Npgsql.NpgsqlDataSource dataSource, IKazakhstanClock clock, IOptions<RollupOptions> options,
    DailyCapture capture, ILogger<RollupReconciler> logger) : BackgroundService
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
        DateOnly? partitionsEnsured = null;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var today = clock.Today;
                    if (partitionsEnsured != today)
                    {
                        // Every silo, once a day (and again after a failure): the journal's partitions of the year and the next.
                        await JournalPartitions.EnsureAsync(dataSource, today, stoppingToken);
                        partitionsEnsured = today;
                    }
                    await CaptureYesterdayAsync(today, stoppingToken);
                    if (await registry.RollDayAsync(today, stoppingToken) is { } moved)
                    {
                        logger.LogInformation("Day roll of {Day}: {Classes} classes move to a new version", today, moved);
                    }
                    await grains.GetGrain<IAreaGrain>(RepublicId).Reconcile();
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning(ex, "Roll-up reconciliation failed; retrying next interval");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // A host disposed without being stopped cancels the wait: the end of the loop, not a failure that stops the host.
        }
    }

    /// <summary>
    /// Yesterday's trend capture, before the roll moves the figures to today. A failed capture does not hold the roll
    /// back (it is retried on the next tick, then with what was written since midnight).
    /// </summary>
    private async Task CaptureYesterdayAsync(DateOnly today, CancellationToken stoppingToken)
    {
        try
        {
            await capture.CaptureAsync(today.AddDays(-1), stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Daily trend capture of {Day} failed; retrying next interval", today.AddDays(-1));
        }
    }
}
