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
        var answers = polls.Split(' ').Select(p => p.Split('/')).Select(p => horizon.Poll(long.Parse(p[0]), ulong.Parse(p[1]), ulong.Parse(p[2])));
        Assert.Equal(expected, string.Join(' ', answers.Select(a => a?.ToString() ?? "-")));
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
