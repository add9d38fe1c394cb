namespace EduInfo.Tools.Benchmark;

/// <summary>
/// Freshness of acknowledged journal batches at a live viewer: from a batch's ack to the first summary event of the
/// viewer's node whose version covers the batch. A node's version is the sum of its classes' watermarks, so when the
/// writer is the only one writing under the node, and into one class of it, the node covers a batch once its version
/// reaches <c>the node's version at rest − the class's version at rest + the watermark the ack returned</c>.
/// </summary>
public static class LiveFreshness
{
    /// <summary>An acknowledged batch: when its ack arrived (ms on the run's clock) and the node version that covers it.</summary>
    public readonly record struct Ack(double AtMs, long Covering);

    /// <summary>A summary event a viewer received: when (ms on the run's clock) and its version (the event id).</summary>
    public readonly record struct Arrival(double AtMs, long Version);

    /// <summary>
    /// For each ack, the milliseconds until the first arrival that covers it (0 when the viewer had it before the
    /// writer had its ack), appended to <paramref name="into"/>; returns how many acks no arrival covered.
    /// Arrivals are in the order received; versions may repeat or, across a reconnect, step back.
    /// </summary>
    public static int Measure(IReadOnlyList<Ack> acks, IReadOnlyList<Arrival> arrivals, List<double> into)
    {
        // The highest version seen so far, by arrival: the first index where it reaches a version is found by halving.
        var highest = new long[arrivals.Count];
        for (var i = 0; i < arrivals.Count; i++)
        {
            highest[i] = i == 0 ? arrivals[i].Version : Math.Max(highest[i - 1], arrivals[i].Version);
        }
        var missed = 0;
        foreach (var ack in acks)
        {
            var first = FirstReaching(highest, ack.Covering);
            if (first < 0)
            {
                missed++;
                continue;
            }
            into.Add(Math.Max(0, arrivals[first].AtMs - ack.AtMs));
        }
        return missed;
    }

    private static int FirstReaching(long[] highest, long version)
    {
        int low = 0, high = highest.Length - 1, found = -1;
        while (low <= high)
        {
            var middle = low + (high - low) / 2;
            if (highest[middle] >= version)
            {
                found = middle;
                high = middle - 1;
            }
            else
            {
                low = middle + 1;
            }
        }
        return found;
    }
}
