using System.Diagnostics.Metrics;
using EduInfo.Api.Cluster;
using EduInfo.Domain.Registry;

namespace EduInfo.Api.Live;

/// <summary>
/// The live views' fan-out in this Api process: one grain watch per watched node or student, shared by all its viewers,
/// holding the latest summary (watermark) that the grain pushes (<see cref="LiveEntry"/>). Viewers wait for a change
/// instead of polling: no grain call per viewer. Each watch is renewed every <see cref="LiveOptions.ResubscribeInterval"/>
/// and at once after a failure or a lost silo, and each renewal reads the summary, so a lost push costs at most that
/// long. An entry goes <see cref="LiveOptions.IdleGrace"/> after its last viewer; at most
/// <see cref="LiveOptions.MaxWatchedNodes"/> are kept (least recently used dropped, idle ones first).
/// </summary>
public sealed class LiveSummaries : IDisposable
{
    public const string MeterName = "EduInfo.Live";

    private readonly Lock _lock = new();
    private readonly Dictionary<(LiveTopic, string), LiveEntry> _entries = [];
    private readonly LinkedList<LiveEntry> _recency = []; // least recently used first
    private readonly CancellationTokenSource _shutdown = new();
    private readonly IGrainFactory _grains;
    private readonly ClusterCalls _calls;
    private readonly SiloLossSignal _loss;
    private readonly TimeProvider _time;
    private readonly ILogger<LiveSummaries> _logger;
    private long _renewals, _failures, _evictions, _droppedPushes, _lastWarning;

    public LiveSummaries(IGrainFactory grains, ClusterCalls calls, SiloLossSignal loss, LiveOptions options, TimeProvider time,
        IMeterFactory meters, ILogger<LiveSummaries> logger)
    {
        (_grains, _calls, _loss, _time, _logger, Options) = (grains, calls, loss, time, logger, options.Validated());
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("eduinfo.live.entries", () => Report() is var r ? r.Nodes + r.Students : 0, description: "Nodes and students watched");
        meter.CreateObservableGauge("eduinfo.live.viewers", () => Report().Viewers, description: "Open live views");
        meter.CreateObservableGauge("eduinfo.live.cached_bytes", () => Report().EstimatedBytes, "By", "Estimated bytes of the cached summaries and payloads");
        meter.CreateObservableCounter("eduinfo.live.pushes", () => Report().Pushes, description: "Pushes taken from grains");
        meter.CreateObservableCounter("eduinfo.live.renewals", () => Interlocked.Read(ref _renewals), description: "Watches renewed (each reads the summary)");
        meter.CreateObservableCounter("eduinfo.live.failures", () => Interlocked.Read(ref _failures), description: "Watches that failed and were retried");
        meter.CreateObservableCounter("eduinfo.live.evictions", () => Interlocked.Read(ref _evictions), description: "Entries dropped by the bound");
    }

    public LiveOptions Options { get; }

    /// <summary>A viewer of a node's summary: holds the node's entry until disposed.</summary>
    public LiveView Node(NodeKind kind, string nodeId) => Acquire(LiveTopic.Node, nodeId, kind);

    /// <summary>A viewer of a student's watermark (the diary): holds the student's entry until disposed.</summary>
    public LiveView Student(string studentId) => Acquire(LiveTopic.Student, studentId, default);

    public LiveFigures Report()
    {
        lock (_lock)
        {
            int nodes = 0, students = 0, viewers = 0;
            long bytes = 0, pushes = Interlocked.Read(ref _droppedPushes);
            foreach (var entry in _entries.Values)
            {
                _ = entry.Topic == LiveTopic.Node ? nodes++ : students++;
                viewers += entry.Viewers;
                bytes += entry.State.EstimatedBytes;
                pushes += Interlocked.Read(ref entry.Pushes);
            }
            return new LiveFigures(nodes, students, viewers, Options.MaxWatchedNodes, bytes, pushes,
                Interlocked.Read(ref _renewals), Interlocked.Read(ref _failures), Interlocked.Read(ref _evictions));
        }
    }

    private LiveView Acquire(LiveTopic topic, string id, NodeKind kind)
    {
        ObjectDisposedException.ThrowIf(_shutdown.IsCancellationRequested, this);
        LiveEntry? created = null;
        List<LiveEntry> evicted = [];
        LiveEntry entry;
        lock (_lock)
        {
            if (_entries.TryGetValue((topic, id), out var held))
            {
                entry = held;
                _recency.Remove(entry.Recency!);
                _recency.AddLast(entry.Recency!);
            }
            else
            {
                entry = created = new LiveEntry(topic, id, kind);
                _entries.Add((topic, id), entry);
                entry.Recency = _recency.AddLast(entry);
                while (_entries.Count > Options.MaxWatchedNodes && LeastRecentlyUsed(except: entry) is { } victim)
                {
                    Remove(victim);
                    evicted.Add(victim);
                }
            }
            entry.Viewers++;
        }
        foreach (var victim in evicted)
        {
            Interlocked.Increment(ref _evictions);
            Drop(victim);
        }
        if (created is not null)
        {
            created.Renewing = RenewAsync(created);
        }
        return new LiveView(this, entry);
    }

    /// <summary>The entry to drop for a new one: the least recently used without viewers, else the least recently used.</summary>
    private LiveEntry? LeastRecentlyUsed(LiveEntry except) =>
        _recency.FirstOrDefault(e => e.Viewers == 0 && e != except) ?? _recency.FirstOrDefault(e => e != except);

    internal void Release(LiveEntry entry)
    {
        long release;
        lock (_lock)
        {
            // An entry already dropped (the bound, or a later entry of the same node) has nothing left to release.
            if (--entry.Viewers > 0 || !_entries.TryGetValue((entry.Topic, entry.Id), out var held) || held != entry)
            {
                return;
            }
            release = ++entry.Releases;
            _recency.Remove(entry.Recency!);
            _recency.AddLast(entry.Recency!);
        }
        _ = DropWhenIdleAsync(entry, release);
    }

    private async Task DropWhenIdleAsync(LiveEntry entry, long release)
    {
        try
        {
            await Task.Delay(Options.IdleGrace, _time, _shutdown.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        lock (_lock)
        {
            if (entry.Viewers > 0 || entry.Releases != release || !_entries.TryGetValue((entry.Topic, entry.Id), out var held) || held != entry)
            {
                return;
            }
            Remove(entry);
        }
        Drop(entry);
    }

    private void Remove(LiveEntry entry)
    {
        _entries.Remove((entry.Topic, entry.Id));
        _recency.Remove(entry.Recency!);
        Interlocked.Add(ref _droppedPushes, Interlocked.Read(ref entry.Pushes));
    }

    /// <summary>Ends a removed entry: its viewers end, its loop stops, and the grain is told (its lease would end it anyway).</summary>
    private void Drop(LiveEntry entry)
    {
        entry.End();
        entry.Stop.Cancel();
        _ = UnwatchAsync(entry);
    }

    private async Task UnwatchAsync(LiveEntry entry)
    {
        try
        {
            await entry.Renewing.WaitAsync(_shutdown.Token);
            await entry.UnwatchAsync(_grains).WaitAsync(Options.RetryInterval * 5, _time);
        }
        catch (Exception ex)
        {
            _logger.LogDebug(ex, "A live watch was not ended at its grain; its lease ends it");
        }
    }

    /// <summary>
    /// Watches and renews until the entry is dropped: every <see cref="LiveOptions.ResubscribeInterval"/>, after a failure
    /// (in <see cref="LiveOptions.RetryInterval"/>), and when a silo is lost or the grain says it is leaving (it re-activates
    /// without watchers; spread over up to <see cref="LiveOptions.RetryInterval"/> so thousands of entries do not call at once).
    /// </summary>
    private async Task RenewAsync(LiveEntry entry)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(entry.Stop.Token, _shutdown.Token);
        while (!stop.IsCancellationRequested)
        {
            var lost = _loss.NextLoss;
            var nudged = entry.NextNudge;
            var wait = Options.ResubscribeInterval;
            try
            {
                await _calls.IdempotentAsync(() => entry.WatchAsync(_grains, Options.Lease), stop.Token);
                Interlocked.Increment(ref _renewals);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                entry.Lapsed();
                Failed(entry, ex);
                wait = Options.RetryInterval;
            }
            try
            {
                using var either = CancellationTokenSource.CreateLinkedTokenSource(stop.Token, lost, nudged);
                await Task.Delay(wait, _time, either.Token);
            }
            catch (OperationCanceledException) when (!stop.IsCancellationRequested)
            {
                await SpreadAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Counts a failed renewal and logs it: a warning at most every ten seconds (a cluster outage fails every entry
    /// every second), the rest at debug level. No ids: a student's id is personal data.
    /// </summary>
    private void Failed(LiveEntry entry, Exception ex)
    {
        var failures = Interlocked.Increment(ref _failures);
        var now = _time.GetTimestamp();
        var last = Interlocked.Read(ref _lastWarning);
        var level = (last == 0 || _time.GetElapsedTime(last, now) >= TimeSpan.FromSeconds(10)) && Interlocked.CompareExchange(ref _lastWarning, now, last) == last
            ? LogLevel.Warning
            : LogLevel.Debug;
        _logger.Log(level, "A live {Topic} watch failed ({Error}; {Failures} failed renewals since start); retrying in {Retry}",
            entry.Topic, ex.GetType().Name, failures, Options.RetryInterval);
    }

    private async Task SpreadAsync(CancellationToken stop)
    {
        try
        {
            await Task.Delay(Options.RetryInterval * Random.Shared.NextDouble(), _time, stop);
        }
        catch (OperationCanceledException)
        {
            // dropped meanwhile: the loop ends
        }
    }

    public void Dispose()
    {
        _shutdown.Cancel();
        lock (_lock)
        {
            foreach (var entry in _entries.Values)
            {
                entry.End();
            }
        }
        // Not disposed: loops and grace periods still running observe its token as they end.
    }
}
