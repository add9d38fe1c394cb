using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Students;
using EduInfo.Grains.Interfaces.Summaries;

namespace EduInfo.Api.Live;

/// <summary>
/// One watched node or student in this process: the observer its grain pushes to (one per entry, whatever the number of
/// viewers), the latest state, and its viewers' count. The owner (<see cref="LiveSummaries"/>) keeps the count, the
/// recency and the renewal loop; this class takes the pushes and the renewals' reads.
/// </summary>
internal sealed class LiveEntry(LiveTopic topic, string id, NodeKind kind) : ISummaryObserver, IStudentObserver
{
    private readonly Lock _lock = new();
    private LiveState _state = LiveState.Unknown();
    private IGrainObserver? _reference;
    private CancellationTokenSource _nudge = new();
    private volatile bool _current;

    public LiveTopic Topic => topic;
    public string Id => id;

    /// <summary>Viewers holding the entry (guarded by the owner's lock).</summary>
    public int Viewers { get; set; }

    /// <summary>Moves with every release, so a grace period that ended after a later release does not drop the entry.</summary>
    public long Releases { get; set; }

    /// <summary>The entry's place in the owner's recency list (guarded by the owner's lock).</summary>
    public LinkedListNode<LiveEntry>? Recency { get; set; }

    /// <summary>Stops the renewal loop when the entry is dropped.</summary>
    public CancellationTokenSource Stop { get; } = new();

    /// <summary>The renewal loop (the owner's), awaited before the grain is told to stop: a renewal still in flight would watch again.</summary>
    public Task Renewing { get; set; } = Task.CompletedTask;

    public LiveState State => Volatile.Read(ref _state);

    /// <summary>
    /// Whether the grain holds this entry's watch as far as this process knows: set by a renewal that answered, cleared
    /// by a failed one and by the grain's <see cref="Leaving"/>. Only then does a read take the held summary for the
    /// grain's (<see cref="SummaryReads"/>): pushes reach only a watch the grain holds.
    /// </summary>
    public bool Current => _current && !State.Ended;

    /// <summary>Cancelled when the entry should be renewed now rather than at its interval (the grain is leaving).</summary>
    public CancellationToken NextNudge => Volatile.Read(ref _nudge).Token;

    /// <summary>A renewal failed: what the entry holds may no longer move.</summary>
    public void Lapsed() => _current = false;

    /// <summary>Pushes taken (the owner's report).</summary>
    public long Pushes;

    /// <summary>The reference the grain pushes to; created once, deleted when the entry is dropped.</summary>
    public IGrainObserver Reference(IGrainFactory grains) => _reference ??= topic == LiveTopic.Node
        ? grains.CreateObjectReference<ISummaryObserver>(this)
        : grains.CreateObjectReference<IStudentObserver>(this);

    /// <summary>Renews the watch and takes the current summary (watermark) from the answer; a lost push costs no more than this.</summary>
    public async Task<long> WatchAsync(IGrainFactory grains, TimeSpan lease)
    {
        if (topic == LiveTopic.Node)
        {
            var summary = await grains.SummaryNode(kind, id).Watch((ISummaryObserver)Reference(grains), lease);
            Offer(summary.Version, summary);
            _current = true;
            return summary.Version;
        }
        var watermark = await grains.GetGrain<IStudentGrain>(id).Watch((IStudentObserver)Reference(grains), lease);
        Offer(watermark, null);
        return watermark;
    }

    /// <summary>Tells the grain to stop pushing (best effort: the lease ends it anyway) and deletes the reference.</summary>
    public async Task UnwatchAsync(IGrainFactory grains)
    {
        if (_reference is not { } reference)
        {
            return;
        }
        try
        {
            await (topic == LiveTopic.Node
                ? grains.SummaryNode(kind, id).Unwatch((ISummaryObserver)reference)
                : grains.GetGrain<IStudentGrain>(id).Unwatch((IStudentObserver)reference));
        }
        finally
        {
            grains.DeleteObjectReference<IGrainObserver>(reference);
        }
    }

    public Task SummaryPublished(NodeSummary summary)
    {
        Interlocked.Increment(ref Pushes);
        Offer(summary.Version, summary);
        return Task.CompletedTask;
    }

    public Task Leaving()
    {
        _current = false;
        Interlocked.Exchange(ref _nudge, new CancellationTokenSource()).Cancel();
        return Task.CompletedTask;
    }

    public Task WatermarkChanged(long watermark)
    {
        Interlocked.Increment(ref Pushes);
        Offer(watermark, null);
        return Task.CompletedTask;
    }

    /// <summary>Ends the entry: its viewers' streams end (they reconnect and find a new entry).</summary>
    public void End() => Replace(current => new LiveState(current.Version, current.Summary, ended: true));

    /// <summary>Takes a summary or watermark from a push or a renewal, if it is news (<see cref="LiveNews.Is"/>).</summary>
    private void Offer(long version, NodeSummary? summary) => Replace(current =>
        LiveNews.Is(topic, current, version, summary) ? new LiveState(version, summary, ended: false) : null);

    private void Replace(Func<LiveState, LiveState?> next)
    {
        LiveState replaced;
        lock (_lock)
        {
            if (next(_state) is not { } state)
            {
                return;
            }
            replaced = _state;
            Volatile.Write(ref _state, state);
        }
        replaced.Replaced();
    }
}
