using System.Collections.Concurrent;
using EduInfo.Grains.Interfaces.Summaries;

namespace EduInfo.Api.Live;

/// <summary>
/// A watched node or student as its viewers see it at one moment: immutable, replaced whole by every change, so a viewer
/// that read it and then awaits <see cref="Changed"/> cannot miss a change in between. Payloads built from it (a summary
/// serialized in one language) are kept with it and shared by every viewer of the entry.
/// </summary>
public sealed class LiveState
{
    private readonly TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, string> _payloads = new(StringComparer.Ordinal);
    private readonly long _summaryBytes;
    private long _payloadBytes;

    public LiveState(long? version, NodeSummary? summary, bool ended)
    {
        Version = version;
        Summary = summary;
        Ended = ended;
        _summaryBytes = summary is null ? 0 : LiveMemory.Of(summary);
    }

    internal static LiveState Unknown() => new(null, null, ended: false);

    /// <summary>A node's version or a student's watermark; null until the first read answered.</summary>
    public long? Version { get; }

    /// <summary>The node's summary (null for a student, whose diary each viewer reads under its own authorization).</summary>
    public NodeSummary? Summary { get; }

    /// <summary>The entry was dropped (the bounded cache needed its place): its viewers end, and their clients reconnect.</summary>
    public bool Ended { get; }

    /// <summary>Completes when a newer state replaces this one (or the entry ends).</summary>
    public Task Changed => _next.Task;

    /// <summary>The payload under <paramref name="key"/> (e.g. a language), built once per state and shared by its viewers.</summary>
    public string Payload(string key, Func<LiveState, string> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        if (_payloads.TryGetValue(key, out var cached))
        {
            return cached;
        }
        var built = build(this);
        if (_payloads.TryAdd(key, built))
        {
            Interlocked.Add(ref _payloadBytes, LiveMemory.Of(built));
            return built;
        }
        return _payloads[key];
    }

    /// <summary>The managed bytes this state holds: the summary and the payloads built from it (an estimate).</summary>
    internal long EstimatedBytes => _summaryBytes + Interlocked.Read(ref _payloadBytes);

    internal void Replaced() => _next.TrySetResult();
}
