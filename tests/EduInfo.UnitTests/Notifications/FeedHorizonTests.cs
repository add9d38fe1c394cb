using EduInfo.Domain.Notifications;

namespace EduInfo.UnitTests.Notifications;

public sealed class FeedHorizonTests
{
    // Each poll: "newest seq/oldest running xid/the poll's own xid", then the horizon it answers ("-" for none yet). A
    // poll's own transaction runs while it reads, so the oldest running is at most its own id.
    [Theory]
    // Nothing else runs: a number noted at one poll is paired with the next poll's id, passed at the poll after.
    [InlineData("10/100/100 20/101/101 30/102/102 40/103/103", "- - 10 20")]
    // A writer with xid 100 runs across three polls: nothing noted while it ran is settled until it ends.
    [InlineData("10/100/101 20/100/102 30/100/103 40/104/104", "- - - 20")]
    // A writer given a high id (105) while older ones have completed: the snapshot's xmax (one past the newest completed)
    // would be below it; the boundaries taken later are above it, so its number waits for it.
    [InlineData("10/102/106 20/105/107 30/105/108 40/109/109", "- - - 20")]
    // The horizon never goes back, whatever a poll reads.
    [InlineData("10/100/100 20/101/101 5/102/102 6/103/103 7/104/104", "- - 10 20 20")]
    public void The_feed_reads_only_up_to_numbers_whose_writers_have_all_ended(string polls, string expected)
    {
        var horizon = new FeedHorizon();
        var answers = polls.Split(' ').Select(p => p.Split('/')).Select(p => horizon.Poll(0, long.Parse(p[0]), ulong.Parse(p[1]), ulong.Parse(p[2])));
        Assert.Equal(expected, string.Join(' ', answers.Select(a => a?.ToString() ?? "-")));
    }

    // The segments the recheck reads: "after-upTo@boundary" each, settled at the polls given (cursor 5 at the first poll).
    [Theory]
    // One writer at a time: each poll's noted number becomes a segment with the next poll's id as its boundary.
    [InlineData("10/100/100 20/101/101 30/102/102 40/103/103", 3, "5-10@101 10-20@102")]
    // A long writer holds two notes back; when it ends both settle at once, each with its own boundary.
    [InlineData("10/100/101 20/100/102 30/100/103 40/104/104", 3, "5-10@102 10-20@103")]
    // A number that went back (a restored sequence) makes no empty or reversed segment.
    [InlineData("10/100/100 20/101/101 5/102/102 6/103/103 7/104/104", 5, "5-10@101 10-20@102")]
    // Only the polls asked for: the first segment settled three polls ago is left out of the last two.
    [InlineData("10/100/100 20/101/101 30/102/102 40/103/103", 1, "10-20@102")]
    public void Settled_segments_carry_the_boundary_a_stalled_writer_would_be_above(string polls, int lastPolls, string expected)
    {
        var horizon = new FeedHorizon();
        foreach (var p in polls.Split(' ').Select(p => p.Split('/')))
        {
            horizon.Poll(5, long.Parse(p[0]), ulong.Parse(p[1]), ulong.Parse(p[2]));
        }
        Assert.Equal(expected, string.Join(' ', horizon.Recent(lastPolls).Select(s => $"{s.After}-{s.UpTo}@{s.Boundary}")));
    }

    [Fact]
    public void Segments_older_than_the_kept_polls_are_forgotten()
    {
        var horizon = new FeedHorizon { KeepPolls = 2 };
        for (var i = 1; i <= 6; i++)
        {
            horizon.Poll(0, i * 10, (ulong)(100 + i), (ulong)(100 + i));
        }
        Assert.Equal([30, 40], horizon.Recent(100).Select(s => s.UpTo));
    }

    [Theory]
    [InlineData(JournalNoticeKind.Mark, true, false, false)]
    [InlineData(JournalNoticeKind.Absence, false, true, false)]
    [InlineData(JournalNoticeKind.TermMarks, false, false, true)]
    public void Each_kind_is_followed_by_its_own_switch(JournalNoticeKind kind, bool marks, bool absences, bool termMarks)
    {
        Assert.True(new JournalSubscriptions(marks, absences, termMarks).Follows(kind));
        Assert.False(new JournalSubscriptions(!marks, !absences, !termMarks).Follows(kind));
        Assert.False(JournalSubscriptions.None.Follows(kind));
    }
}
