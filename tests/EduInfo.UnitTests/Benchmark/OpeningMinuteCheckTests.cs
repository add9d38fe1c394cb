using EduInfo.Tools.Benchmark;
using static EduInfo.Tools.Benchmark.OpeningMinuteCheck;

namespace EduInfo.UnitTests.Benchmark;

public sealed class OpeningMinuteCheckTests
{
    private static readonly Guid A = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid B = Guid.Parse("00000000-0000-0000-0000-00000000000b");
    private static readonly Guid C = Guid.Parse("00000000-0000-0000-0000-00000000000c");

    [Fact]
    public void Filings_in_flight_together_may_be_received_in_either_order()
    {
        // A and B overlap (each sent before the other's 201): any receipt order is honest.
        var acked = new[] { new Acked(A, 0, 10), new Acked(B, 1, 5) };
        Assert.True(Compare(acked, [new Row(A, 2), new Row(B, 1)]).None);
        Assert.True(Compare(acked, [new Row(A, 1), new Row(B, 2)]).None);
    }

    [Fact]
    public void A_filing_received_before_one_acknowledged_before_it_was_sent_is_reordered()
    {
        // A was acknowledged at 5; B was sent at 6, yet B has the earlier receipt.
        var result = Compare([new Acked(A, 0, 5), new Acked(B, 6, 8), new Acked(C, 9, 12)], [new Row(A, 2), new Row(B, 1), new Row(C, 3)]);
        Assert.Equal([(A, B)], result.Reordered);
        Assert.False(result.None);
    }

    [Fact]
    public void Lost_doubled_and_unacknowledged_rows_are_each_named()
    {
        var result = Compare([new Acked(A, 0, 1), new Acked(B, 2, 3)], [new Row(B, 1), new Row(B, 2), new Row(C, 3)]);
        Assert.Equal([A], result.Lost);
        Assert.Equal([B], result.Doubled);
        Assert.Equal([C], result.Unacknowledged);
        Assert.Equal("1 lost, 1 doubled, 1 filed without an acknowledgement, 0 reordered", result.ToString());
    }
}
