using EduInfo.Domain.Notifications;

namespace EduInfo.UnitTests.Notifications;

public sealed class FeedHorizonTests
{
    // Each poll: "newest seq/oldest running xid/next xid", then the horizon it answers ("-" for none yet).
    [Theory]
    // Nothing ever runs: a number noted at one poll is settled at the next.
    [InlineData("10/100/100 20/101/101 30/102/102", "- 10 20")]
    // A writer with xid 100 runs across three polls: nothing noted while it ran is settled until it ends.
    [InlineData("10/100/101 20/100/102 30/100/103 40/103/103", "- - - 30")]
    // Writers given their ids after a number was noted may still hold a number up to it (taken just before the id):
    // the number waits for them too.
    [InlineData("10/100/100 20/100/100 30/100/105 40/103/105 50/105/105", "- 10 10 10 40")]
    // The horizon never goes back, whatever a poll reads.
    [InlineData("10/100/100 20/101/101 5/101/101 6/101/101", "- 10 20 20")]
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
