using System.Diagnostics.Metrics;
using EduInfo.Domain.Calendar;
using EduInfo.Storage.EServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EduInfo.Hosting.Telemetry;

/// <summary>
/// The e-services' overdue decisions as a gauge: applications still filed or in review past their deadline (a reminder
/// that did not fire, or fired and nobody acted). Counted once a minute, not on each scrape: a scrape must stay cheap.
/// Every silo reports the same number; alerts take the max.
/// </summary>
internal sealed class OverdueDecisions : BackgroundService
{
    public const string MeterName = "EduInfo.EServices";
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly ApplicationStore _store;
    private readonly IKazakhstanClock _clock;
    private readonly ILogger<OverdueDecisions> _logger;
    private long _overdue = -1;

    public OverdueDecisions(ApplicationStore store, IKazakhstanClock clock, IMeterFactory meters, ILogger<OverdueDecisions> logger)
    {
        (_store, _clock, _logger) = (store, clock, logger);
        meters.Create(MeterName).CreateObservableGauge("eduinfo.eservices.overdue_decisions", Observe, "{application}",
            "Applications past their decision's deadline, still filed or in review");
    }

    // No measurement until the first count: a gauge of 0 before it would read as "nothing overdue".
    private IEnumerable<Measurement<long>> Observe() => Interlocked.Read(ref _overdue) is var n and >= 0 ? [new Measurement<long>(n)] : [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do
            {
                try
                {
                    Interlocked.Exchange(ref _overdue, await _store.OverdueCountAsync(_clock.Today, stoppingToken));
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    _logger.LogWarning("Counting overdue decisions failed ({Error}); retrying in a minute", ex.GetType().Name);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // A host disposed without being stopped cancels the wait: the end of the loop, not a failure that stops the host.
        }
    }
}
