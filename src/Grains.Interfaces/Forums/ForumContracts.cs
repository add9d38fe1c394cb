using EduInfo.Domain.Forums;

namespace EduInfo.Grains.Interfaces.Forums;

/// <summary>A question: the client's id for the thread (a retry with it answers as the first did), its title and text (Markdown).</summary>
[GenerateSerializer, Immutable]
public sealed record AskRequest([property: Id(0)] Guid ThreadId, [property: Id(1)] string? Title, [property: Id(2)] string? Body);

/// <summary>A post in a thread: the client's id for it, and its text (Markdown).</summary>
[GenerateSerializer, Immutable]
public sealed record ReplyRequest([property: Id(0)] Guid PostId, [property: Id(1)] string? Body);

/// <summary>
/// A moderator's decision on a post; the reason is required but for an approval; for an edit the text, and for a question
/// optionally its title (a title with personal data is edited before the question is approved).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ModerationRequest(
    [property: Id(0)] ModerationAction? Action,
    [property: Id(1)] string? Reason,
    [property: Id(2)] string? Body,
    [property: Id(3)] string? Title = null);

[GenerateSerializer, Immutable]
public sealed record ReportRequest([property: Id(0)] ReportReason? Reason);

/// <summary>Blocking (or unblocking) a post's author from posting in the forum, with a reason; <c>blocked</c> is required (a missing field unblocks no one).</summary>
[GenerateSerializer, Immutable]
public sealed record BlockRequest([property: Id(0)] bool? Blocked, [property: Id(1)] string? Reason);

[GenerateSerializer, Immutable]
public sealed record ForumSettingsRequest([property: Id(0)] ForumModeration? Moderation);

[GenerateSerializer]
public enum ForumStatus
{
    Done = 1,
    /// <summary>400: a field is wrong (named in the problems).</summary>
    Invalid = 2,
    /// <summary>404: no such forum, thread or post (or not the caller's to see).</summary>
    NotFound = 3,
    /// <summary>403: not the caller's to do, or the caller is blocked in this forum.</summary>
    Forbidden = 4,
    /// <summary>409: the thread is closed, or the post's state does not allow the action.</summary>
    Conflict = 5,
    /// <summary>429: the author posted too much in the window.</summary>
    TooMany = 6,
}

/// <summary>One problem: the field and its code (its message is <c>forum.error.{code}</c>).</summary>
[GenerateSerializer, Immutable]
public sealed record ForumProblem([property: Id(0)] string Field, [property: Id(1)] string Code);

/// <summary>The answer of a write: its status, the problems, the thread's or post's id, the state it is in and what holds it.</summary>
[GenerateSerializer, Immutable]
public sealed record ForumOutcome(
    [property: Id(0)] ForumStatus Status,
    [property: Id(1)] IReadOnlyList<ForumProblem> Problems,
    [property: Id(2)] Guid? Id = null,
    [property: Id(3)] ForumPostState? State = null,
    [property: Id(4)] IReadOnlyList<PersonalDataKind>? HeldFor = null)
{
    public static ForumOutcome Done(Guid id, ForumPostState? state = null, IReadOnlyList<PersonalDataKind>? heldFor = null) =>
        new(ForumStatus.Done, [], id, state, heldFor);
    public static ForumOutcome Refused(ForumStatus status, string field, string code) => new(status, [new(field, code)]);
    public static readonly ForumOutcome NotFound = new(ForumStatus.NotFound, []);
    public static readonly ForumOutcome Forbidden = new(ForumStatus.Forbidden, []);
}

/// <summary>
/// A forum (issue 23, order point 12.3), keyed by its node's id (an organization, a district, a region): the one writer of
/// its threads, posts, reports, blocks and settings. Every write is authorized here, checked (the text rules, personal
/// data, the author's rate) and written with its audit row in one transaction.
/// </summary>
public interface IForumGrain : IGrainWithStringKey
{
    Task<ForumOutcome> Ask(Actors.Actor actor, AskRequest request);

    Task<ForumOutcome> Reply(Actors.Actor actor, Guid threadId, ReplyRequest request);

    /// <summary>The forum's head or office (or a moderator) closes a thread: no more posts.</summary>
    Task<ForumOutcome> Close(Actors.Actor actor, Guid threadId);

    Task<ForumOutcome> Report(Actors.Actor actor, Guid postId, ReportRequest request);

    Task<ForumOutcome> Moderate(Actors.Actor actor, Guid postId, ModerationRequest request);

    Task<ForumOutcome> Block(Actors.Actor actor, Guid postId, BlockRequest request);

    Task<ForumOutcome> ChangeSettings(Actors.Actor actor, ForumSettingsRequest request);
}
