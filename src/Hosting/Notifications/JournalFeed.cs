using EduInfo.Domain.Calendar;
using EduInfo.Domain.Notifications;
using EduInfo.Storage.Notifications;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EduInfo.Hosting.Notifications;

/// <summary>
/// Turns the journal into parents' notices (issue 22), behind the write path: every poll it reads the journal's newest
/// sequence number with the database's snapshot, and passes over the rows whose writers have all ended
/// (<see cref="FeedHorizon"/>), a span at a time. A teacher's write waits for none of this; a silo that stops leaves the
/// cursor where the last committed pass put it, and the next pass (on any silo) goes on from there. Every few polls it
/// rechecks the recent segments for a row whose writer stalled between its number and its transaction id.
/// </summary>
public sealed class JournalFeed(JournalFeedStore store, IKazakhstanClock clock, IOptions<NotificationOptions> options, ILogger<JournalFeed> logger)
    : BackgroundService
{
    private readonly FeedHorizon _horizon = new() { KeepPolls = Math.Max(options.Value.FeedRecheckPolls, 1) };
    private long _polls;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.FeedInterval, stoppingToken);
                await PollAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning("Journal feed poll failed ({Error}); the next poll retries", ex.GetType().Name);
            }
        }
    }

    /// <summary>One poll: the passes it made up to the settled horizon (none while it is not settled or another silo holds the cursor).</summary>
    public async Task<int> PollAsync(CancellationToken cancellationToken)
    {
        var (cursor, newest, oldestRunning, boundary) = await store.SnapshotAsync(cancellationToken);
        if (_horizon.Poll(cursor, newest, oldestRunning, boundary) is not { } upTo)
        {
            return 0;
        }
        if (++_polls % options.Value.FeedRecheckEvery == 0
            && await store.RecheckAsync(_horizon.Recent(options.Value.FeedRecheckPolls), clock.Today, clock.UtcNow, cancellationToken) is > 0 and var late)
        {
            logger.LogInformation("Journal feed recheck: {Notices} notices of rows written late", late);
        }
        var passes = 0;
        while (await store.PassAsync(upTo, options.Value.FeedSpan, clock.Today, clock.UtcNow, cancellationToken) is { } pass)
        {
            passes++;
            if (pass.Notices > 0)
            {
                logger.LogDebug("Journal feed {From}–{To}: {Notices} notices, {Outgoing} to send", pass.From, pass.To, pass.Notices, pass.Outgoing);
            }
        }
        return passes;
    }
}
