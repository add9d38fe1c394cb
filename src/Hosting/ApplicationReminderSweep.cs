using EduInfo.Grains.Interfaces.EServices;
using EduInfo.Storage.EServices;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace EduInfo.Hosting;

/// <summary>
/// When a silo becomes active, and then once a day, every application with a deadline running is asked to make sure
/// of its reminder. A backup keeps the reminder table's schema only, so after a restore this is what brings the
/// reminders back; a registration that failed after its step committed is made good within a day; on a running
/// cluster it registers what is there already (idempotent).
/// </summary>
internal sealed class ApplicationReminderSweep(IGrainFactory grains, ApplicationStore store, ILogger<ApplicationReminderSweep> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ApplicationReminderSweep), ServiceLifecycleStage.Active, started =>
        {
            // In the background: a silo's start does not wait for thousands of applications.
            _ = Task.Run(() => SweepAsync(_stopping.Token));
            return Task.CompletedTask;
        }, stopped =>
        {
            _stopping.Cancel();
            return Task.CompletedTask;
        });

    private async Task SweepAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            await SweepOnceAsync(stopping);
            await Task.Delay(TimeSpan.FromDays(1), stopping).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task SweepOnceAsync(CancellationToken stopping)
    {
        for (var attempt = 1; attempt <= 5 && !stopping.IsCancellationRequested; attempt++)
        {
            try
            {
                var open = await store.WithDeadlineAsync(stopping);
                foreach (var id in open)
                {
                    stopping.ThrowIfCancellationRequested();
                    await grains.GetGrain<IServiceApplicationGrain>(id).EnsureReminder();
                }
                logger.LogInformation("Reminder sweep: {Count} open applications have their deadline's reminder", open.Count);
                return;
            }
            catch (Exception ex) when (!stopping.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Reminder sweep failed (attempt {Attempt}); retrying", attempt);
                await Task.Delay(TimeSpan.FromSeconds(5 * attempt), stopping).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
