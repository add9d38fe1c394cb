using System.Diagnostics;

namespace EduInfo.Api.Cluster;

/// <summary>
/// Tells the Api, as an Orleans client, that a silo went away: its gateway connection closed. A call in flight through
/// that gateway, or forwarded by another gateway to the lost silo, gets no answer and no error until Orleans' response
/// timeout (30 s); the membership vote that fails such calls inside the cluster does not reach the client's own
/// callbacks. <see cref="ClusterCalls"/> abandons and resends those calls when this fires.
/// </summary>
public sealed class SiloLossSignal(ILogger<SiloLossSignal> logger, bool watching) : IClusterConnectionStatusObserver
{
    /// <summary>
    /// Whether the Api is a client of separate silos and hears of its gateway connections. A co-hosted silo has no
    /// gateway to lose: the cluster's own death declaration fails its calls to a dead silo.
    /// </summary>
    public bool Watching => watching;

    private CancellationTokenSource _lost = new();
    private long _lastLoss;

    /// <summary>Cancelled at the next loss of a gateway connection (a fresh token after each loss).</summary>
    public CancellationToken NextLoss => Volatile.Read(ref _lost).Token;

    /// <summary>Whether a gateway connection was lost within <paramref name="window"/>: transient failures are expected then.</summary>
    public bool LostWithin(TimeSpan window) =>
        Interlocked.Read(ref _lastLoss) is var at and not 0 && Stopwatch.GetElapsedTime(at) <= window;

    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered)
    {
        if (currentNumberOfGateways < previousNumberOfGateways)
        {
            logger.LogWarning("A gateway connection closed ({Gateways} left): calls in flight are resent", currentNumberOfGateways);
            Signal();
        }
    }

    public void NotifyClusterConnectionLost() => Signal();

    private void Signal()
    {
        Interlocked.Exchange(ref _lastLoss, Stopwatch.GetTimestamp());
        var lost = Interlocked.Exchange(ref _lost, new CancellationTokenSource());
        lost.Cancel();
        lost.Dispose();
    }
}
