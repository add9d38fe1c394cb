using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.Grains.Live;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace EduInfo.Grains.Rollup;

/// <summary>
/// Publishes a grain's whole summary to its parent's stream: at once when the last publish is older than the
/// coalescing interval, otherwise at the end of it, so a burst of updates costs one message per interval. No periodic
/// timer: an idle grain runs nothing. Owned by one grain and used on its turns only.
/// A publish runs on a timer turn of its own and does not wait for the stream: its queue may live on a silo that just
/// died, and until the cluster declares it dead (seconds) the enqueue gets no answer — a journal write that waited for
/// it would hold the teacher's acknowledgement and the class. A failed publish is retried after an interval (the
/// reconciler is the last resort); the parent keeps the highest version, so order does not matter.
/// The same publish is pushed to the grain's <paramref name="watchers"/> (the Api's live views), so they see what the
/// parent sees, at the same pace; a node without a parent (the republic) publishes only while it is watched.
/// </summary>
internal sealed class CoalescingPublisher(
    IGrainBase grain,
    IAsyncStream<NodeSummary>? parentStream,
    Watchers<ISummaryObserver> watchers,
    Func<NodeSummary> snapshot,
    TimeSpan interval,
    TimeProvider clock,
    ILogger logger,
    Action published)
{
    private DateTimeOffset _lastPublish = DateTimeOffset.MinValue;
    private IGrainTimer? _pending;
    private bool _dirty;
    private NodeSummary? _parentHolds;

    /// <summary>Summaries sent to the parent's stream.</summary>
    public long Publishes { get; private set; }

    /// <summary>Whether a publish reaches anyone: the parent, or a watcher.</summary>
    private bool HasAudience => parentStream is not null || watchers.Any(clock.GetUtcNow());

    /// <summary>
    /// Asks for the current summary to be published: now, or at the end of the coalescing interval. The caller's
    /// state must be whole (after a write is applied, a rebuild done): a publish now takes its snapshot here.
    /// </summary>
    public void Request()
    {
        _dirty = true;
        if (_pending is not null || !HasAudience)
        {
            return;
        }
        var wait = _lastPublish + interval - clock.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            Arm(wait);
        }
        else
        {
            SendNow();
        }
    }

    /// <summary>
    /// As <see cref="Request"/>, but never on this turn: at the end of the coalescing interval (after the activation, so
    /// the call that activated the grain is answered first).
    /// </summary>
    public void RequestLater()
    {
        _dirty = true;
        if (_pending is null && HasAudience)
        {
            Arm(interval);
        }
    }

    /// <summary>
    /// The parent has <paramref name="summary"/>: it pulled it. A publish the parent would ignore as not newer than that
    /// (<see cref="ChildSummaries.IsNewer"/>) skips the parent's stream; watchers still get it.
    /// </summary>
    public void Delivered(NodeSummary summary) => _parentHolds = summary;

    private bool ParentTakes(NodeSummary summary) => _parentHolds is not { } held || ChildSummaries.IsNewer(summary, held);

    /// <summary>Publishes now if anything is pending (on deactivation).</summary>
    public async Task FlushAsync()
    {
        _pending?.Dispose();
        _pending = null;
        if (_dirty)
        {
            await PublishAsync();
        }
    }

    // A turn of its own, never interleaved: a snapshot taken in the middle of another turn (halfway through a rebuild)
    // would send the new version with the old figures, and the parent would refuse the right ones later as not newer.
    // The send is not awaited: the grain's next turn does not wait for the queue.
    private void Arm(TimeSpan due) =>
        _pending = grain.RegisterGrainTimer((CancellationToken cancellation) =>
        {
            _pending?.Dispose();
            _pending = null;
            SendNow();
            return Task.CompletedTask;
        }, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { KeepAlive = true });

    private void SendNow()
    {
        if (_dirty && HasAudience)
        {
            _dirty = false;
            _lastPublish = clock.GetUtcNow();
            var summary = snapshot();
            watchers.Notify(_lastPublish, w => w.SummaryPublished(summary));
            if (parentStream is not null && ParentTakes(summary))
            {
                Publishes++;
                published();
                _ = SendAsync(parentStream, summary);
            }
        }
    }

    /// <summary>Sends one summary; a failure asks for a publish again an interval later (runs on the grain's scheduler).</summary>
    private async Task SendAsync(IAsyncStream<NodeSummary> stream, NodeSummary summary)
    {
        try
        {
            await stream.OnNextAsync(summary);
        }
        catch (Exception ex)
        {
            logger.LogWarning("A summary publish failed ({Error}); retrying in {Interval}", ex.GetType().Name, interval);
            _dirty = true;
            if (_pending is null)
            {
                Arm(interval);
            }
        }
    }

    private async Task PublishAsync()
    {
        if (!_dirty || !HasAudience)
        {
            return;
        }
        _dirty = false;
        _lastPublish = clock.GetUtcNow();
        var summary = snapshot();
        watchers.Notify(_lastPublish, w => w.SummaryPublished(summary));
        if (parentStream is not null && ParentTakes(summary))
        {
            Publishes++;
            published();
            await parentStream.OnNextAsync(summary);
        }
    }
}
