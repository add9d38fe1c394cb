using EduInfo.Grains.Interfaces.Summaries;

namespace EduInfo.Api.Live;

/// <summary>One viewer's hold on a watched node or student; disposing it lets the entry go once no viewer is left.</summary>
public sealed class LiveView : IDisposable
{
    private readonly LiveSummaries _owner;
    private readonly LiveEntry _entry;
    private int _disposed;

    internal LiveView(LiveSummaries owner, LiveEntry entry) => (_owner, _entry) = (owner, entry);

    /// <summary>The latest state; await its <see cref="LiveState.Changed"/> for the next.</summary>
    public LiveState State => _entry.State;

    /// <summary>The node's summary if the grain holds this process's watch (so pushes keep it current), else null.</summary>
    public NodeSummary? CurrentSummary => _entry.Current && _entry.State.Summary is { } summary ? summary : null;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _owner.Release(_entry);
        }
    }
}
