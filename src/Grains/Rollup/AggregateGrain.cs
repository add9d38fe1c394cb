using EduInfo.Domain.Calendar;
using EduInfo.Domain.Registry;
using EduInfo.Domain.Metrics;
using EduInfo.Grains.Interfaces.Calendar;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.Grains.Live;
using EduInfo.Storage.Registry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Serialization.Invocation;
using Orleans.Streams;

namespace EduInfo.Grains.Rollup;

/// <summary>
/// An aggregate of the hierarchy (organization or area): keeps the latest summary of each child, accepting a
/// child's summary only when its version is newer, and publishes its own (version = Σ children's versions)
/// to its parent through the coalescing publisher. Children arrive on the stream whose id is this node.
/// </summary>
/// <remarks>
/// Reconciliation may wait minutes on a cold start (classes rebuild from the journal a few at a time per silo). It runs
/// as one coalesced background task, and the requests that wait for it (<see cref="Reconcile"/>, the first reads) do not
/// hold the grain's queue (<see cref="WaitsWithoutHoldingTheQueue"/>): children's summaries keep arriving meanwhile.
/// Concrete grains carry <c>[MayInterleave(nameof(WaitsWithoutHoldingTheQueue))]</c>.
/// </remarks>
public abstract class AggregateGrain(
    IPersistentState<RollupState> cache,
    RegistryStore registry,
    IOptions<RollupOptions> options,
    TimeProvider time,
    IKazakhstanClock clock,
    ILogger logger) : Grain, IAggregateNode
{
    private readonly ChildSummaries _children = new();
    private readonly Watchers<ISummaryObserver> _watchers = new();
    private NodeSummary? _snapshot;
    private NodeRecord? _node;
    private CoalescingPublisher? _publisher;
    private bool _loadedFromCache;
    private long _cachedVersion;
    private DateTimeOffset _lastCacheWrite = DateTimeOffset.MinValue;

    /// <summary>The stream namespace this node's children publish on.</summary>
    protected abstract string InboxNamespace { get; }

    /// <summary>What the node adds itself to its whole-year and per-term totals (an organization counts as one organization).</summary>
    protected virtual SummaryFigures OwnFigures => SummaryFigures.Zero;

    /// <summary>
    /// What the node adds itself to its version besides its children's (an organization opened through the registry: its
    /// opening's number), read at each reconciliation; the parent expects the same sum (RegistryStore.ChildVersionsAsync).
    /// </summary>
    protected virtual Task<long> OwnVersionAsync(CancellationToken cancellationToken) => Task.FromResult(0L);

    private long _ownVersion;

    /// <summary>Where the node's own figures fall in the breakdowns (an organization: its kind, locality, subordination); null: nowhere.</summary>
    protected virtual Task<BreakdownPlace?> ReadOwnPlaceAsync(RegistryStore registry, CancellationToken cancellationToken) =>
        Task.FromResult<BreakdownPlace?>(null);

    private BreakdownPlace? _ownPlace;

    private string NodeId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _node = await registry.FindNodeAsync(NodeId, cancellationToken);
        _ownPlace = await ReadOwnPlaceAsync(registry, cancellationToken);
        var provider = this.GetStreamProvider(RollupStreams.Provider);
        await provider.GetStream<NodeSummary>(StreamId.Create(InboxNamespace, NodeId)).SubscribeAsync(OnChildSummaryAsync);

        IAsyncStream<NodeSummary>? parent = _node?.ParentId is { } parentId
            ? provider.GetStream<NodeSummary>(StreamId.Create(RollupStreams.ToArea, parentId))
            : null;
        _metrics = ServiceProvider.GetRequiredService<RollupMetrics>();
        _publisher = new CoalescingPublisher(this, parent, _watchers, Snapshot, options.Value.CoalescingInterval, time, logger,
            () => _metrics.Published(Kind));

        _loadedFromCache = cache.RecordExists && cache.State.Layout == RollupState.CurrentLayout;
        foreach (var summary in _loadedFromCache ? cache.State.Children.Values : Enumerable.Empty<NodeSummary>())
        {
            _children.Accept(summary); // counted before, not news: no freshness
        }
        _cachedVersion = _children.Version;
        // Not awaited here: on a cold start the republic's reconciliation activates the whole country, which must not
        // hold up (and time out) this activation. Reads wait for it (below), so no one is shown a half-counted node.
        _initialReconcile = ReconcileAfterActivationAsync();
    }

    private Task _initialReconcile = Task.CompletedTask;
    private Task? _reconciling;
    private Task? _nextReconcile;

    /// <summary>
    /// The requests that only wait (for a reconciliation) or only read may run between the turns of other requests:
    /// everything they touch is changed in synchronous steps, and every child's summary is accepted by version.
    /// </summary>
    public static bool WaitsWithoutHoldingTheQueue(IInvokable request) =>
        request.GetMethodName() is nameof(Reconcile) or nameof(GetSummary) or nameof(GetChildren) or nameof(GetDiagnostics)
            or nameof(Watch) or nameof(Unwatch);

    private async Task ReconcileAfterActivationAsync()
    {
        try
        {
            await ReconcileCoalescedAsync();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Node {NodeId}: reconciliation after activation failed; the periodic reconciliation retries", NodeId);
        }
    }

    /// <summary>
    /// One reconciliation at a time. A caller arriving while one runs joins the next one, which starts after the
    /// running one ends and so sees every journal write made before the caller asked; later callers join it too.
    /// </summary>
    private Task ReconcileCoalescedAsync()
    {
        if (_reconciling is null || _reconciling.IsCompleted)
        {
            return _reconciling = ReconcileAndPublishAsync();
        }
        return _nextReconcile ??= AfterRunningAsync(_reconciling);

        async Task AfterRunningAsync(Task running)
        {
            try
            {
                await running;
            }
            catch
            {
                // The running reconciliation's failure belongs to its callers; this one starts afresh.
            }
            _nextReconcile = null;
            await (_reconciling = ReconcileAndPublishAsync());
        }
    }

    private async Task ReconcileAndPublishAsync()
    {
        await ReconcileChildrenAsync(CancellationToken.None);
        await PublishAsync();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        try
        {
            if (_publisher is not null)
            {
                await _publisher.FlushAsync();
            }
        }
        catch (Exception ex)
        {
            // While a silo shuts down the stream queues may already be gone; the parent reconciles from the journal.
            logger.LogDebug(ex, "Node {NodeId}: final publish failed on deactivation", NodeId);
        }
        // A silo shutting down is seen by the Api as a lost silo (its watches renew); telling each watcher would only fail.
        if (reason.ReasonCode != DeactivationReasonCode.ShuttingDown)
        {
            _watchers.Notify(time.GetUtcNow(), w => w.Leaving());
        }
        await WriteCacheAsync(force: true);
    }

    public async Task<NodeSummary> GetSummary()
    {
        await _initialReconcile; // completes at once after the first reconciliation; never throws
        return Snapshot();
    }

    public async Task<IReadOnlyList<NodeSummary>> GetChildren()
    {
        await _initialReconcile;
        return _children.InOrder();
    }

    public async Task<NodeSummary> Watch(ISummaryObserver observer, TimeSpan lease)
    {
        _watchers.Watch(observer, lease, time.GetUtcNow());
        await _initialReconcile; // as GetSummary: nobody is shown a half-counted node
        return Snapshot();
    }

    public Task Unwatch(ISummaryObserver observer)
    {
        _watchers.Unwatch(observer);
        return Task.CompletedTask;
    }

    public Task<RollupDiagnostics> GetDiagnostics() => Task.FromResult(new RollupDiagnostics(
        NodeId, _loadedFromCache, _cachedVersion, _children.Version, _children.Children.Count, _publisher?.Publishes ?? 0,
        _children.Accepted, _children.Ignored));

    public async Task<NodeSummary> Reconcile()
    {
        // Waits a bounded time, well inside the caller's response timeout: on a cold start the pull of a region can take
        // minutes, and the caller (the parent) is better served by what is counted so far than by a timeout; the rest
        // reaches it through the stream when the reconciliation ends.
        try
        {
            await ReconcileCoalescedAsync().WaitAsync(options.Value.ReconcileWait); // its failure is the caller's
        }
        catch (TimeoutException)
        {
            // still running: answer with what is counted so far
        }
        return Snapshot();
    }

    private async Task OnChildSummaryAsync(NodeSummary summary, StreamSequenceToken? token)
    {
        if (Accept(summary))
        {
            await PublishAsync();
        }
    }

    /// <summary>
    /// Keeps a child's summary only if it is newer than the one held; true when it changed this node. A row counted here
    /// for the first time is measured from its commit (freshness at this level).
    /// </summary>
    private bool Accept(NodeSummary summary)
    {
        if (!_children.Accept(summary, out var newCommit))
        {
            return false;
        }
        if (newCommit is { } committed)
        {
            _metrics!.Counted(Kind, committed, time.GetUtcNow());
        }
        if (_behind is not null && _behind.TryGetValue(summary.NodeId, out var due)
            && summary.Version >= due.Version && summary.Figures.Organizations >= due.Organizations)
        {
            _behind.Remove(summary.NodeId);
        }
        _snapshot = null;
        return true;
    }

    private RollupMetrics? _metrics;
    // The first reconciliation after activation pulls every child (a cold start), which is not drift.
    private bool _reconciledOnce;

    // Catching up (NodeSummary.CatchingUp): null until the first reconciliation after activation has read the versions the
    // journal expects; then the children it found behind, with the version and organizations each must reach. Later reconciliations only
    // strike children off: a child behind because of the writes of the last minute is live lag, not a restart.
    private Dictionary<string, (long Version, long Organizations)>? _behind;

    private NodeKind Kind => _node?.Kind ?? NodeKind.Republic;

    /// <summary>
    /// Compares each child's held version with the version the journal says it must have, and pulls (reconciles)
    /// only the children that differ or are missing; drops children no longer under this node.
    /// </summary>
    private async Task ReconcileChildrenAsync(CancellationToken cancellationToken)
    {
        if (await OwnVersionAsync(cancellationToken) is var own && own != _ownVersion)
        {
            _ownVersion = own;
            _snapshot = null;
        }
        var expected = await registry.ChildVersionsAsync(NodeId, cancellationToken);
        var current = expected.Select(c => c.ChildId).ToHashSet(StringComparer.Ordinal);
        if (_children.RetainOnly(current))
        {
            _snapshot = null;
        }

        var differing = expected.Where(c => !_children.Holds(c.ChildId, c.ExpectedVersion, c.ExpectedOrganizations)).ToList();
        var drift = _reconciledOnce;
        _reconciledOnce = true;
        if (_behind is null)
        {
            _behind = differing.Where(c => !_children.Children.TryGetValue(c.ChildId, out var held)
                    || held.Version < c.ExpectedVersion || held.Figures.Organizations < c.ExpectedOrganizations)
                .ToDictionary(c => c.ChildId, c => (c.ExpectedVersion, c.ExpectedOrganizations), StringComparer.Ordinal);
            _snapshot = null;
        }
        else if (_behind.Keys.Where(id => !current.Contains(id)).ToList() is { Count: > 0 } movedAway)
        {
            movedAway.ForEach(id => _behind.Remove(id));
            _snapshot = null;
        }
        // A child held as catching up (a partial answer, or the cache of one) is asked again even at the right version:
        // it says when it has caught up only to a parent that listens.
        var pulls = differing.Concat(expected.Where(c => _children.Children.TryGetValue(c.ChildId, out var held) && held.CatchingUp)
            .Except(differing)).ToList();
        if (pulls.Count == 0)
        {
            return;
        }
        logger.LogDebug("Node {NodeId}: pulling {Count} of {Total} children", NodeId, pulls.Count, expected.Count);
        // A few children at a time, and a child that cannot answer now does not fail this node: it keeps what it held,
        // its version stays short of the journal's, and the next reconciliation pulls that child again.
        var failed = 0;
        var repaired = 0;
        var pulled = 0; // the differing children come first in the pulls
        foreach (var chunk in pulls.Chunk(Math.Max(1, options.Value.ReconcileParallelism)))
        {
            foreach (var summary in await Task.WhenAll(chunk.Select(PullAsync)))
            {
                if (summary is null)
                {
                    failed++;
                }
                else
                {
                    Accept(summary);
                    repaired += pulled < differing.Count ? 1 : 0;
                }
                pulled++;
            }
        }
        if (drift && differing.Count > 0)
        {
            _metrics!.Reconciled(Kind, differing.Count, repaired);
        }
        if (failed > 0)
        {
            logger.LogWarning("Node {NodeId}: {Failed} of {Count} children could not be reconciled now; the next reconciliation retries", NodeId, failed, pulls.Count);
        }
    }

    private async Task<NodeSummary?> PullAsync(ChildVersion child)
    {
        try
        {
            // A class pulled here may have to activate and rebuild from the journal: a few at a time per silo.
            using var slot = child.Kind == NodeKind.Class
                ? await ServiceProvider.GetRequiredService<RebuildGate>().EnterAsync(CancellationToken.None)
                : null;
            // A class is told the watermark just read, so one that holds it need not read it again.
            return child.Kind == NodeKind.Class
                ? await GrainFactory.GetGrain<IClassGrain>(child.ChildId).ReconcileTo(child.ExpectedVersion)
                : await GrainFactory.SummaryNode(child.Kind, child.ChildId).Reconcile();
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException or Npgsql.NpgsqlException)
        {
            logger.LogDebug(ex, "Node {NodeId}: child {ChildId} did not reconcile", NodeId, child.ChildId);
            return null;
        }
    }

    private async Task PublishAsync()
    {
        _publisher!.Request();
        await WriteCacheAsync(force: false);
    }

    private async Task WriteCacheAsync(bool force)
    {
        var now = time.GetUtcNow();
        if (!force && (now - _lastCacheWrite < options.Value.CacheWriteInterval || _cacheWrite is { IsCompleted: false }))
        {
            return;
        }
        // Turns may interleave (see the remarks): never two writes at once, or the second would fail on the ETag.
        if (_cacheWrite is { IsCompleted: false } running)
        {
            await running;
        }
        _lastCacheWrite = now;
        cache.State.Children = new Dictionary<string, NodeSummary>(_children.Children, StringComparer.Ordinal);
        cache.State.Layout = RollupState.CurrentLayout;
        await (_cacheWrite = WriteCacheNowAsync());
    }

    private Task? _cacheWrite;

    private async Task WriteCacheNowAsync()
    {
        try
        {
            await cache.WriteStateAsync();
        }
        catch (Exception ex)
        {
            // A cache only: reconciliation repairs a lost write, so this must not fail the update that caused it.
            logger.LogWarning(ex, "Node {NodeId}: roll-up cache write failed", NodeId);
        }
    }

    /// <summary>The node's summary, rebuilt only after a child's summary changed it (dashboards read it far more often).</summary>
    private NodeSummary Snapshot()
    {
        if (_snapshot is not null)
        {
            return _snapshot with { AsOf = clock.UtcNow };
        }
        var summary = _children.Summarize(NodeId, Kind, OwnFigures, clock.UtcNow, _ownPlace);
        summary = summary with { CatchingUp = summary.CatchingUp || _behind is not { Count: 0 } };
        return _snapshot = _ownVersion == 0 ? summary : summary with { Version = summary.Version + _ownVersion };
    }
}
