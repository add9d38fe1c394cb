namespace EduInfo.Grains.Live;

/// <summary>
/// The observers watching one grain (Api processes with live viewers), each until its lease ends. Kept in memory only:
/// an activation starts with none, and every watcher renews its lease often (<c>Live:ResubscribeInterval</c>), so a
/// lost activation loses its watchers for at most that long. Sends are one-way: a watcher that is gone costs nothing
/// but its entry, which its lease ends. Used on the owning grain's turns only.
/// </summary>
internal sealed class Watchers<TObserver> where TObserver : IGrainObserver
{
    /// <summary>No lease outlives this, whatever a caller asks: a watcher that vanished is forgotten within it.</summary>
    public static readonly TimeSpan MaxLease = TimeSpan.FromMinutes(30);

    private readonly Dictionary<TObserver, DateTimeOffset> _leases = [];

    /// <summary>Whether anyone watches at <paramref name="now"/> (expired leases are dropped first).</summary>
    public bool Any(DateTimeOffset now)
    {
        DropExpired(now);
        return _leases.Count > 0;
    }

    /// <summary>Adds <paramref name="observer"/> or renews its lease (observer references are equal by identity).</summary>
    public void Watch(TObserver observer, TimeSpan lease, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _leases[observer] = now + (lease <= TimeSpan.Zero ? TimeSpan.Zero : lease > MaxLease ? MaxLease : lease);
    }

    public void Unwatch(TObserver observer) => _leases.Remove(observer);

    /// <summary>Sends to every watcher whose lease runs: one-way calls, nothing is awaited; a watcher that cannot be sent to is dropped.</summary>
    public void Notify(DateTimeOffset now, Func<TObserver, Task> send)
    {
        DropExpired(now);
        foreach (var observer in _leases.Keys)
        {
            try
            {
                _ = send(observer).ContinueWith(static t => _ = t.Exception, CancellationToken.None,
                    TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
            catch (Exception)
            {
                _leases.Remove(observer); // it renews its lease if it is still there
            }
        }
    }

    private void DropExpired(DateTimeOffset now)
    {
        foreach (var (observer, until) in _leases)
        {
            if (until < now)
            {
                _leases.Remove(observer); // removing while enumerating is allowed for Dictionary since .NET Core 3.0
            }
        }
    }
}
