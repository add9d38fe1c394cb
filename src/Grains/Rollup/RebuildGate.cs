using Microsoft.Extensions.Options;

namespace EduInfo.Grains.Rollup;

/// <summary>
/// Bounds how many classes the aggregates of a silo pull at once while reconciling. A cold start (a new cluster, a
/// lost silo) would otherwise activate thousands of classes at the same moment; each rebuilds from the journal, and
/// unbounded they queue on the connection pool until reads and activations time out and retry. The wait happens in
/// the aggregate, before the call, so it never counts against a class's activation.
/// </summary>
public sealed class RebuildGate(IOptions<RollupOptions> options)
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.Value.ConcurrentRebuilds));

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        return new Slot(_slots);
    }

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
