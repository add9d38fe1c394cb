using EduInfo.Domain.Admission;

namespace EduInfo.UnitTests.Admission;

public sealed class RetryScheduleTests
{
    private static readonly DateTimeOffset Opening = new(2026, 4, 1, 3, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, int, int, int, int[]> Refusals() => new()
    {
        // because, slots, running ms (0: none measured), refusals at the same instant, the Retry-After of each in order
        { "nothing measured yet: the minimum for all", 8, 0, 3, [5, 5, 5] },
        { "8 slots × 200 ms: 40 a second taken, turns given at 80 a second",
            8, 200, 82, [5, .. Enumerable.Repeat(6, 80), 7] },
        { "8 slots × 16 s: one taken every 2 s, a turn a second up to the horizon", 8, 16000, 6, [5, 6, 7, 8, 9, 10] },
        { "one slot × 5 s", 1, 5000, 3, [5, 8, 10] },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Refusals_at_one_instant_are_given_turns_at_the_rate_writes_are_taken(string because, int slots, int runningMs, int refusals,
        int[] expected)
    {
        _ = because;
        var schedule = new RetrySchedule(slots, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), new Random(1));
        if (runningMs > 0)
        {
            schedule.Finished(TimeSpan.FromMilliseconds(runningMs));
        }
        Assert.Equal(expected, Enumerable.Range(0, refusals).Select(_ => schedule.RetryAfterSeconds(Opening)).ToArray());
    }

    [Fact]
    public void Turns_already_past_give_way_to_the_minimum()
    {
        var schedule = new RetrySchedule(1, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(120), new Random(1));
        schedule.Finished(TimeSpan.FromSeconds(2));
        Assert.Equal([5, 6, 7], new[] { schedule.RetryAfterSeconds(Opening), schedule.RetryAfterSeconds(Opening), schedule.RetryAfterSeconds(Opening) });
        // Ten seconds on, the turns given (up to 7 s after the opening) are past: the minimum again.
        Assert.Equal(5, schedule.RetryAfterSeconds(Opening.AddSeconds(10)));
        // One second on, the last turn (15 s after the opening) is 4 s ahead: the next one after it.
        Assert.Equal(5, schedule.RetryAfterSeconds(Opening.AddSeconds(11)));
        Assert.Equal(6, schedule.RetryAfterSeconds(Opening.AddSeconds(11)));
    }

    [Fact]
    public void A_crowd_beyond_the_horizon_comes_back_spread_within_it_not_at_its_end()
    {
        // One slot × 10 s: a turn every 5 s, so of 1,000 refused at once only the first two fit within 10 s.
        var schedule = new RetrySchedule(1, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), new Random(7));
        schedule.Finished(TimeSpan.FromSeconds(10));
        var turns = Enumerable.Range(0, 1000).Select(_ => schedule.RetryAfterSeconds(Opening)).ToList();
        Assert.Equal([5, 10], turns.Take(2));
        Assert.All(turns, t => Assert.InRange(t, 5, 10));
        // Spread over the window: every second from 6 to 10 gets a share (a uniform draw: ~200 each).
        Assert.All(Enumerable.Range(6, 5), second => Assert.InRange(turns.Skip(2).Count(t => t == second), 150, 250));
    }

    [Theory]
    [InlineData(new[] { 100 }, 100)]
    [InlineData(new[] { 100, 200 }, 110)]
    [InlineData(new[] { 100, 200, 200 }, 119)]
    public void The_running_time_is_a_moving_average(int[] runs, int expectedMs)
    {
        var schedule = new RetrySchedule(8, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60), new Random(1));
        foreach (var run in runs)
        {
            schedule.Finished(TimeSpan.FromMilliseconds(run));
        }
        Assert.Equal(expectedMs, (int)Math.Round(schedule.Running!.Value.TotalMilliseconds));
    }
}
