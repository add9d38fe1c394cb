using EduInfo.Domain.Calendar;
using EduInfo.Domain.Forums;

namespace EduInfo.UnitTests.Forums;

public sealed class ForumRulesTests
{
    // Moderation, author, official answer, personal data found → the state a new post arrives in.
    [Theory]
    [InlineData(ForumModeration.Pre, ForumAuthorKind.Parent, false, "", ForumPostState.Pending)]
    [InlineData(ForumModeration.Post, ForumAuthorKind.Parent, false, "", ForumPostState.Published)]
    // A student's post always waits, whatever the forum's moderation.
    [InlineData(ForumModeration.Post, ForumAuthorKind.Student, false, "", ForumPostState.Pending)]
    [InlineData(ForumModeration.Pre, ForumAuthorKind.Student, false, "", ForumPostState.Pending)]
    // The forum's own answer is published at once, even in a pre-moderated forum.
    [InlineData(ForumModeration.Pre, ForumAuthorKind.Head, true, "", ForumPostState.Published)]
    [InlineData(ForumModeration.Pre, ForumAuthorKind.Office, true, "", ForumPostState.Published)]
    // A head asking in another forum is a member like any other.
    [InlineData(ForumModeration.Pre, ForumAuthorKind.Member, false, "", ForumPostState.Pending)]
    // Personal data holds any post, the head's answer too.
    [InlineData(ForumModeration.Post, ForumAuthorKind.Parent, false, "Iin", ForumPostState.Held)]
    [InlineData(ForumModeration.Pre, ForumAuthorKind.Head, true, "Phone", ForumPostState.Held)]
    [InlineData(ForumModeration.Post, ForumAuthorKind.Student, false, "Iin,Phone", ForumPostState.Held)]
    public void A_new_post_arrives_where_its_author_and_text_put_it(ForumModeration moderation, ForumAuthorKind author, bool official, string personal,
        ForumPostState expected)
    {
        var found = personal.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<PersonalDataKind>).ToList();
        Assert.Equal(expected, ForumRules.Arriving(moderation, author, official, found));
    }

    // State × action → the state after, or "-" for a 409.
    [Theory]
    [InlineData(ForumPostState.Pending, ModerationAction.Approve, "Published")]
    [InlineData(ForumPostState.Held, ModerationAction.Approve, "Published")]
    [InlineData(ForumPostState.Published, ModerationAction.Approve, "-")]
    [InlineData(ForumPostState.Rejected, ModerationAction.Approve, "-")]
    [InlineData(ForumPostState.Deleted, ModerationAction.Approve, "-")]
    [InlineData(ForumPostState.Pending, ModerationAction.Reject, "Rejected")]
    [InlineData(ForumPostState.Published, ModerationAction.Reject, "Rejected")]
    [InlineData(ForumPostState.Rejected, ModerationAction.Reject, "-")]
    [InlineData(ForumPostState.Held, ModerationAction.Edit, "Held")]
    [InlineData(ForumPostState.Published, ModerationAction.Edit, "Published")]
    [InlineData(ForumPostState.Rejected, ModerationAction.Edit, "-")]
    [InlineData(ForumPostState.Rejected, ModerationAction.Delete, "Deleted")]
    [InlineData(ForumPostState.Published, ModerationAction.Delete, "Deleted")]
    [InlineData(ForumPostState.Deleted, ModerationAction.Delete, "-")]
    public void A_moderator_acts_only_where_the_state_allows(ForumPostState state, ModerationAction action, string expected) =>
        Assert.Equal(expected, ForumRules.After(state, action)?.ToString() ?? "-");

    [Theory]
    // post state, wrote it, question state, asked it, moderates → sees
    [InlineData(ForumPostState.Published, false, ForumPostState.Published, false, false, true)]
    [InlineData(ForumPostState.Pending, false, ForumPostState.Published, false, false, false)]
    [InlineData(ForumPostState.Pending, true, ForumPostState.Published, false, false, true)]
    [InlineData(ForumPostState.Held, false, ForumPostState.Published, false, true, true)]
    [InlineData(ForumPostState.Rejected, true, ForumPostState.Published, false, false, true)]
    // A published reply in a thread whose question waits is hidden with its thread, but from the question's author and the moderators.
    [InlineData(ForumPostState.Published, false, ForumPostState.Pending, false, false, false)]
    [InlineData(ForumPostState.Published, true, ForumPostState.Held, false, false, false)]
    [InlineData(ForumPostState.Published, false, ForumPostState.Pending, true, false, true)]
    [InlineData(ForumPostState.Published, false, ForumPostState.Rejected, false, true, true)]
    // Deleted is no one's to see, not even its author's or a moderator's.
    [InlineData(ForumPostState.Deleted, true, ForumPostState.Published, false, true, false)]
    [InlineData(ForumPostState.Published, true, ForumPostState.Deleted, true, true, false)]
    public void A_post_is_seen_only_with_its_thread(ForumPostState post, bool wrote, ForumPostState question, bool asked, bool moderates, bool sees) =>
        Assert.Equal(sees, ForumRules.Sees(post, wrote, question, asked, moderates));

    [Theory]
    [InlineData(ModerationAction.Approve, false)]
    [InlineData(ModerationAction.Reject, true)]
    [InlineData(ModerationAction.Edit, true)]
    [InlineData(ModerationAction.Delete, true)]
    public void Every_action_but_approval_needs_a_reason(ModerationAction action, bool needs) => Assert.Equal(needs, ForumRules.NeedsReason(action));

    // Today, working days → the latest day a question may count from and be unanswered (the labour calendar's days off skipped).
    [Theory]
    // Friday 27 November: Thu, Wed, Tue... three working days back inclusive of today are 27, 26, 25 → counting from the 24th.
    [InlineData("2026-11-27", 3, "2026-11-24")]
    [InlineData("2026-11-27", 1, "2026-11-26")]
    // Monday 30 November: the weekend does not count → 30, 27, 26 → the 25th.
    [InlineData("2026-11-30", 3, "2026-11-25")]
    // Over Independence Day (Wednesday 16 December 2026): 18, 17, 15 → the 14th.
    [InlineData("2026-12-18", 3, "2026-12-14")]
    // On a Saturday today itself is no working day: 27, 26, 25 → the 24th.
    [InlineData("2026-11-28", 3, "2026-11-24")]
    public void A_question_is_unanswered_after_the_working_days_of_the_labour_calendar(string today, int days, string expected)
    {
        var calendar = new LabourCalendar([]);
        Assert.Equal(DateOnly.Parse(expected), ForumRules.UnansweredIfCountingBy(DateOnly.Parse(today), days, calendar));
        // The rule agrees with the calendar's own count: a question counting from that day has had the days, one a day later has not.
        Assert.Equal(days, calendar.WorkingDaysBetween(DateOnly.Parse(expected), DateOnly.Parse(today)));
        Assert.True(calendar.WorkingDaysBetween(DateOnly.Parse(expected).AddDays(1), DateOnly.Parse(today)) < days);
    }

    [Theory]
    [InlineData(0, 5, true)]
    [InlineData(4, 5, true)]
    [InlineData(5, 5, false)]
    [InlineData(9, 5, false)]
    public void An_author_posts_within_the_rate(int posts, int limit, bool within) => Assert.Equal(within, ForumRules.WithinRate(posts, limit));
}
