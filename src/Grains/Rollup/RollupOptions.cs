namespace EduInfo.Grains.Rollup;

/// <summary>Timing of the roll-up (configuration section "Rollup").</summary>
public sealed class RollupOptions
{
    /// <summary>A grain publishes at most once per interval; updates inside it are coalesced by a one-shot timer.</summary>
    public TimeSpan CoalescingInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How often an aggregate writes its children's snapshots to the cache (and always on deactivation). The cache only
    /// shortens a cold start (reconciliation repairs whatever it misses), so it is written rarely: its writes compete with
    /// the journal's (docs/benchmarks.md, "Figures behind the code").
    /// </summary>
    public TimeSpan CacheWriteInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the silo reconciles the republic against the journal's watermarks (0 = never).</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Classes pulled (activated and rebuilt from the journal) at once by a silo's aggregates (<see cref="RebuildGate"/>).</summary>
    public int ConcurrentRebuilds { get; set; } = 8;

    /// <summary>
    /// How long an aggregate's <c>Reconcile()</c> waits for its reconciliation before it answers with what it has counted
    /// so far (the reconciliation goes on, and its result reaches the parent by the stream). Below the response timeout.
    /// </summary>
    public TimeSpan ReconcileWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Children an aggregate pulls at once while it reconciles.</summary>
    public int ReconcileParallelism { get; set; } = 16;

    /// <summary>
    /// Whether classes keep their ledger sums between activations (class_ledger_snapshots) and start from them and the
    /// journal after them; off, every activation sums the class's year from the journal (the benchmark's baseline).
    /// </summary>
    public bool LedgerSnapshots { get; set; } = true;

    /// <summary>
    /// How often a loaded class brings its snapshot up to its watermark (and always on deactivation), bounding the journal
    /// a class reads after a crash. Each write is one row of about a kilobyte per pupil at the year's end.
    /// </summary>
    public TimeSpan LedgerSnapshotInterval { get; set; } = TimeSpan.FromMinutes(5);
}
