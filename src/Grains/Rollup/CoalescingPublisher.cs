using EduInfo.Grains.Interfaces.Summaries;
using Orleans.Streams;

namespace EduInfo.Grains.Rollup;

/// <summary>
/// Publishes a grain's whole summary to its parent's stream: at once when the last publish is older than the
/// coalescing interval, otherwise once on a one-shot timer, so a burst of updates costs one message per interval.
/// No periodic timer: an idle grain runs nothing. Owned by one grain and used on its turns only.
/// </summary>
internal sealed class CoalescingPublisher(
    IGrainBase grain,
    IAsyncStream<NodeSummary>? parentStream,
    Func<NodeSummary> snapshot,
    TimeSpan interval,
    TimeProvider clock)
{
    private DateTimeOffset _lastPublish = DateTimeOffset.MinValue;
    private IGrainTimer? _pending;
    private bool _dirty;

    public long Publishes { get; private set; }

    /// <summary>Asks for the current summary to be published: now, or at the end of the coalescing interval.</summary>
    public async Task RequestAsync()
    {
        _dirty = true;
        if (parentStream is null || _pending is not null)
        {
            return;
        }
        var wait = _lastPublish + interval - clock.GetUtcNow();
        if (wait <= TimeSpan.Zero)
        {
            await PublishAsync();
            return;
        }
        _pending = grain.RegisterGrainTimer(async _ =>
        {
            _pending?.Dispose();
            _pending = null;
            await PublishAsync();
        }, new GrainTimerCreationOptions(wait, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

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

    private async Task PublishAsync()
    {
        if (parentStream is null || !_dirty)
        {
            return;
        }
        _dirty = false;
        _lastPublish = clock.GetUtcNow();
        Publishes++;
        await parentStream.OnNextAsync(snapshot());
    }
}
