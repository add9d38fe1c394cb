using EduInfo.Tools.Benchmark;
using static EduInfo.Tools.Benchmark.LiveFreshness;

namespace EduInfo.UnitTests.Benchmark;

public sealed class LiveFreshnessTests
{
    [Fact]
    public void A_batch_is_fresh_at_the_first_event_that_covers_it_not_at_the_first_event_after_its_ack()
    {
        // Batch at 100 ms needs version 12: the event at 130 ms (version 11) is an earlier publish; the one at 260 ms covers it.
        var freshness = new List<double>();
        var missed = Measure([new Ack(100, 12)], [new Arrival(0, 10), new Arrival(130, 11), new Arrival(260, 12), new Arrival(400, 15)], freshness);
        Assert.Equal(0, missed);
        Assert.Equal([160.0], freshness);
    }

    [Fact]
    public void Coalesced_batches_share_one_event_and_an_event_before_the_ack_counts_as_zero()
    {
        var freshness = new List<double>();
        var missed = Measure([new Ack(50, 20), new Ack(100, 21), new Ack(120, 25)], [new Arrival(40, 20), new Arrival(300, 25)], freshness);
        Assert.Equal(0, missed);
        Assert.Equal([0.0, 200.0, 180.0], freshness);
    }

    [Fact]
    public void A_version_stepping_back_does_not_hide_a_covering_event_and_an_uncovered_batch_is_missed()
    {
        var freshness = new List<double>();
        var missed = Measure([new Ack(10, 7), new Ack(20, 9)], [new Arrival(30, 8), new Arrival(40, 5), new Arrival(50, 8)], freshness);
        Assert.Equal(1, missed);
        Assert.Equal([20.0], freshness);
        Assert.Equal(1, Measure([new Ack(0, 1)], [], freshness));
    }
}
