using Microsoft.Extensions.Options;

namespace EduInfo.Grains.Rollup;

/// <summary>
/// Bounds how many class grains rebuild from the journal at once on a silo. A cold start (a new cluster, a lost silo)
/// activates thousands of classes through the reconciliation at the same moment; unbounded, they queue on the
/// connection pool until their reads time out and the activations fail and retry. A few at a time, each finishes in
/// milliseconds and the country comes up in one pass.
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
