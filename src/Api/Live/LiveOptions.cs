namespace EduInfo.Api.Live;

/// <summary>Settings of the live views (configuration section <c>Live</c>; see docs/operations.md).</summary>
public sealed class LiveOptions
{
    /// <summary>
    /// Nodes and students watched at once by this process (one grain subscription each, shared by all their viewers);
    /// beyond it the least recently used entry is dropped, an entry without viewers first.
    /// </summary>
    public int MaxWatchedNodes { get; set; } = 10_000;

    /// <summary>
    /// How often each watch is renewed and the summary read again: a push lost (its grain moved to another silo, a
    /// message dropped) is repaired within this. Well below Orleans' idle collection age, so a watched grain stays active.
    /// </summary>
    public TimeSpan ResubscribeInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The pause before a failed watch is tried again (and the most a silo loss's re-watch is spread over).</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a watch is kept after its last viewer left, for a reconnecting client or the next viewer.</summary>
    public TimeSpan IdleGrace { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>An idle stream sends a <c>heartbeat</c> event this often.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Whether a read of an organization's or an area's summary (GET …/summary, the dashboard page) takes the summary this
    /// process's watch holds, kept current by the grain's pushes, instead of calling the grain: a dashboard's read then
    /// waits for no silo. A read of a node not watched calls the grain and starts a watch, kept <see cref="IdleGrace"/>
    /// for the next read. Off: every read calls the grain (for comparison in bench/reads.sh).
    /// </summary>
    public bool CachedReads { get; set; } = true;

    /// <summary>The lease a grain keeps a watcher for: three renewals, so one or two failed renewals do not drop it.</summary>
    public TimeSpan Lease => ResubscribeInterval * 3;

    /// <summary>Refuses settings that would make the live views spin or never renew.</summary>
    public LiveOptions Validated() =>
        MaxWatchedNodes < 1 ? throw new InvalidOperationException("Live:MaxWatchedNodes must be at least 1.")
        : ResubscribeInterval <= TimeSpan.Zero || RetryInterval <= TimeSpan.Zero || HeartbeatInterval <= TimeSpan.Zero || IdleGrace < TimeSpan.Zero
            ? throw new InvalidOperationException("Live:ResubscribeInterval, RetryInterval and HeartbeatInterval must be positive, IdleGrace not negative.")
            : this;
}
