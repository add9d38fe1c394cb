using System.Collections.Concurrent;
using System.Diagnostics;
using EduInfo.Tools.Simulation;

namespace EduInfo.Tools.Benchmark;

/// <summary>
/// Requests at a fixed rate whatever the answers (open loop), as a country of teachers does not slow down when the
/// system does: the overload phase (twice the sustainable rate) and the recovery after it. Samples the system's
/// resident memory while it runs.
/// </summary>
public sealed class OpenLoad(JournalClient client, IReadOnlyList<Teaching> teachings, IReadOnlyList<DateOnly> days, Func<long> residentBytes)
{
    public sealed record Result(double RatePerSecond, TimeSpan Elapsed, long Sent, long Acked, long Refused, long Failed,
        double[] AckLatency, double[] RefusalLatency, long MaxResidentBytes, long MaxInFlight, IReadOnlyDictionary<int, long> Statuses);

    public async Task<Result> RunAsync(double ratePerSecond, TimeSpan duration, int seed)
    {
        var traffic = new JournalTraffic(teachings, seed, new ConcurrentDictionary<(string, DateOnly, int), bool>(), markedShare: 0.95, rollCallShare: 0.2);
        var random = new Random(seed);
        var acked = new ConcurrentBag<double>();
        var refused = new ConcurrentBag<double>();
        var statuses = new ConcurrentDictionary<int, long>();
        long failed = 0, inFlight = 0, maxInFlight = 0, maxResident = 0, sent = 0;
        var pending = new List<Task>();
        var stopwatch = Stopwatch.StartNew();
        using var sampler = new Timer(_ => InterlockedMax(ref maxResident, residentBytes()), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(250));
        while (stopwatch.Elapsed < duration)
        {
            var due = (long)(stopwatch.Elapsed.TotalSeconds * ratePerSecond);
            for (; sent < due; sent++)
            {
                var request = traffic.Next(days[random.Next(days.Count)], TimeSpan.FromHours(16));
                pending.Add(Task.Run(async () =>
                {
                    InterlockedMax(ref maxInFlight, Interlocked.Increment(ref inFlight));
                    var started = Stopwatch.GetTimestamp();
                    var (outcome, status) = await client.PostWithStatusAsync(request, CancellationToken.None);
                    var latency = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    Interlocked.Decrement(ref inFlight);
                    statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                    if (outcome == JournalClient.Outcome.Acknowledged)
                    {
                        acked.Add(latency);
                    }
                    else if (status is 429 or 503)
                    {
                        refused.Add(latency);
                    }
                    else if (outcome != JournalClient.Outcome.AlreadyRecorded)
                    {
                        Interlocked.Increment(ref failed);
                    }
                }));
            }
            await Task.Delay(5);
        }
        await Task.WhenAll(pending);
        var elapsed = stopwatch.Elapsed;
        return new Result(ratePerSecond, elapsed, sent, acked.Count, refused.Count, failed, acked.Order().ToArray(), refused.Order().ToArray(),
            Interlocked.Read(ref maxResident), maxInFlight, statuses.ToDictionary(s => s.Key, s => s.Value));
    }

    private static void InterlockedMax(ref long target, long value)
    {
        for (var current = Interlocked.Read(ref target); value > current; current = Interlocked.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, current) == current)
            {
                return;
            }
        }
    }
}
