using EduInfo.Domain.Calendar;

namespace EduInfo.Domain.Forums;

/// <summary>Whose forum it is: an organization's (its head answers) or an education office's (its officers answer).</summary>
public enum ForumKind
{
    Organization = 1,
    District = 2,
    Region = 3,
}

/// <summary>Whether posts wait for a moderator before they are shown (pre) or are shown at once and moderated after (post).</summary>
public enum ForumModeration
{
    Pre = 1,
    Post = 2,
}

/// <summary>Who wrote a post, as readers are told (never the account).</summary>
public enum ForumAuthorKind
{
    Parent = 1,
    /// <summary>Shown by first name and initial; always pre-moderated.</summary>
    Student = 2,
    Teacher = 3,
    /// <summary>The head of the forum's organization.</summary>
    Head = 4,
    /// <summary>An officer of the forum's education office.</summary>
    Office = 5,
    /// <summary>Anyone else signed in (staff of another organization, an officer elsewhere).</summary>
    Member = 6,
}

public enum ForumPostKind
{
    /// <summary>The first post of a thread.</summary>
    Question = 1,
    /// <summary>The forum's head or office answering.</summary>
    Answer = 2,
    Reply = 3,
}

public enum ForumPostState
{
    /// <summary>Waiting for a moderator (pre-moderation, or a student's post).</summary>
    Pending = 1,
    /// <summary>Held for a moderator because it seems to carry personal data; its author sees why.</summary>
    Held = 2,
    Published = 3,
    Rejected = 4,
    Deleted = 5,
}

public enum ModerationAction
{
    Approve = 1,
    Reject = 2,
    /// <summary>Replace the text (the earlier one is kept for the audit, never shown).</summary>
    Edit = 3,
    Delete = 4,
}

public enum ReportReason
{
    Abuse = 1,
    Spam = 2,
    PersonalData = 3,
    Other = 4,
}

/// <summary>The forum's rules (issue 23), pure: where a new post goes, what a moderator may do, when a question is unanswered.</summary>
public static class ForumRules
{
    /// <summary>
    /// The state a new post arrives in. Personal data holds it whoever wrote it (the author is told why); a student's
    /// post always waits; the forum's own head or office answers at once (they answer for it); anyone else follows the
    /// forum's moderation.
    /// </summary>
    public static ForumPostState Arriving(ForumModeration moderation, ForumAuthorKind author, bool official, IReadOnlyCollection<PersonalDataKind> personalData) =>
        personalData.Count > 0 ? ForumPostState.Held
        : author == ForumAuthorKind.Student ? ForumPostState.Pending
        : official ? ForumPostState.Published
        : moderation == ForumModeration.Post ? ForumPostState.Published
        : ForumPostState.Pending;

    /// <summary>The state a moderator's action leads to, or null when the post's state does not allow it (a 409).</summary>
    public static ForumPostState? After(ForumPostState state, ModerationAction action) => (state, action) switch
    {
        (ForumPostState.Pending or ForumPostState.Held, ModerationAction.Approve) => ForumPostState.Published,
        (ForumPostState.Pending or ForumPostState.Held or ForumPostState.Published, ModerationAction.Reject) => ForumPostState.Rejected,
        (ForumPostState.Pending or ForumPostState.Held or ForumPostState.Published, ModerationAction.Edit) => state,
        (not ForumPostState.Deleted, ModerationAction.Delete) => ForumPostState.Deleted,
        _ => null,
    };

    /// <summary>
    /// Whether a reader sees a post: published, their own, or theirs to moderate — in a thread whose question they see by
    /// the same rule. A deleted post or thread is no one's to see (its text is kept for the audit only).
    /// </summary>
    public static bool Sees(ForumPostState post, bool wrotePost, ForumPostState question, bool askedQuestion, bool moderates) =>
        post != ForumPostState.Deleted && question != ForumPostState.Deleted
        && (post == ForumPostState.Published || wrotePost || moderates)
        && (question == ForumPostState.Published || askedQuestion || moderates);

    /// <summary>Every action but approval is explained: the reason goes to the audit and, for a rejection, to the author.</summary>
    public static bool NeedsReason(ModerationAction action) => action != ModerationAction.Approve;

    /// <summary>
    /// The latest day a question may count from and be unanswered after <paramref name="workingDays"/> working days of
    /// the labour calendar today: a question counting from that day or earlier is overdue.
    /// </summary>
    public static DateOnly UnansweredIfCountingBy(DateOnly today, int workingDays, LabourCalendar calendar)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workingDays, 1);
        // The N-th working day back from today (inclusive): a question counting from the day before it has had N.
        var day = today.AddDays(1);
        for (var counted = 0; counted < workingDays;)
        {
            day = day.AddDays(-1);
            counted += calendar.IsWorkingDay(day) ? 1 : 0;
        }
        return day.AddDays(-1);
    }

    /// <summary>Whether one more post keeps the author within the limit of posts in the window.</summary>
    public static bool WithinRate(int postsInWindow, int limit) => postsInWindow < limit;
}
