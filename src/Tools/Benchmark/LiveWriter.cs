using System.Collections.Concurrent;
using EduInfo.Tools.Simulation;

namespace EduInfo.Tools.Benchmark;

/// <summary>
/// The journal mix at a steady rate (open loop, like the simulator): batch <c>i</c> goes out at <c>i / rate</c> into the
/// watched class of target <c>i mod targets</c>, whatever the answers before it. Each acknowledged batch is recorded with
/// its arrival time and the class watermark it returned.
/// </summary>
public sealed class LiveWriter(JournalClient client, double batchesPerSecond, int maxInFlight = 64)
{
    /// <summary>A watched node, its one written class and what that class's teachers write.</summary>
    public sealed record Target(string NodeId, string ClassId, JournalTraffic Traffic);

    /// <summary>An acknowledged batch of a target (its index), at a time on the run's clock, with the class's watermark after it.</summary>
    public readonly record struct Acked(int Target, double AtMs, long Watermark);

    public sealed record Result(IReadOnlyList<Acked> Acks, long Sent, long AlreadyRecorded, long Failed);

    public async Task<Result> RunAsync(IReadOnlyList<Target> targets, Func<(DateOnly Date, TimeSpan TimeOfDay)> moment, Func<double> nowMs,
        CancellationToken stop)
    {
        var acks = new ConcurrentBag<Acked>();
        long sent = 0, alreadyRecorded = 0, failed = 0;
        using var slots = new SemaphoreSlim(maxInFlight);
        var posts = new List<Task>();
        var start = nowMs();
        try
        {
            for (var i = 0L; !stop.IsCancellationRequested; i++)
            {
                var due = start + i * 1000 / batchesPerSecond - nowMs();
                if (due > 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(due), stop);
                }
                await slots.WaitAsync(stop); // a slow system holds the schedule back instead of piling requests up
                var index = (int)(i % targets.Count);
                var (date, timeOfDay) = moment();
                var request = targets[index].Traffic.Next(date, timeOfDay);
                sent++;
                posts.Add(Task.Run(async () =>
                {
                    try
                    {
                        var (outcome, _, watermark) = await client.PostForAckAsync(request, readWatermark: true, CancellationToken.None);
                        var at = nowMs();
                        switch (outcome)
                        {
                            case JournalClient.Outcome.Acknowledged when watermark is { } w: acks.Add(new Acked(index, at, w)); break;
                            case JournalClient.Outcome.AlreadyRecorded: Interlocked.Increment(ref alreadyRecorded); break;
                            default: Interlocked.Increment(ref failed); break;
                        }
                    }
                    finally
                    {
                        slots.Release();
                    }
                }, CancellationToken.None));
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        await Task.WhenAll(posts);
        return new Result([.. acks.OrderBy(a => a.AtMs)], sent, alreadyRecorded, failed);
    }
}
