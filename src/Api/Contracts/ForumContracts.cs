using EduInfo.Domain.Forums;

namespace EduInfo.Api.Contracts;

/// <summary>A forum and its threads as the caller may see them (issue 23).</summary>
public sealed record ForumResponse(string Id, ForumKind Kind, string Name, ForumModeration Moderation, bool MayPost, bool Answers, bool Moderates,
    IReadOnlyList<ForumThreadResponse> Threads);

/// <summary>A thread in the list; <c>State</c> is its question's (the viewer's own may still wait for a moderator).</summary>
public sealed record ForumThreadResponse(Guid Id, string Title, DateTimeOffset AskedAt, bool Answered, bool Closed, int Posts, DateTimeOffset LastPostAt,
    ForumPostState State, bool Mine);

public sealed record ForumThreadDetailResponse(Guid Id, string ForumId, string ForumName, string Title, DateTimeOffset AskedAt, bool Answered, bool Closed,
    IReadOnlyList<ForumPostResponse> Posts);

/// <summary>
/// A post: who wrote it by kind and the name shown (a student or parent by first name and initial, the forum's own by
/// role — <c>Official</c>), its text as inert HTML, and for its author why it waits or was rejected; a moderator also
/// gets its Markdown, to edit.
/// </summary>
public sealed record ForumPostResponse(Guid Id, ForumPostKind Kind, ForumAuthorKind AuthorKind, string Author, bool Official, string Html,
    DateTimeOffset PostedAt, ForumPostState State, IReadOnlyList<PersonalDataKind> HeldFor, string? Notice, string? Reason, bool Mine, bool Edited,
    string? Markdown = null);

/// <summary>What a write answers: the thread's or post's id and the state it is in, with what it means for its author.</summary>
public sealed record ForumWriteResponse(Guid Id, ForumPostState? State, string? Notice);

/// <summary>A page of the queue, oldest first; <c>Next</c> is the <c>after</c> of the next page (null on the last).</summary>
public sealed record ModerationQueueResponse(IReadOnlyList<ModerationItemResponse> Items, Guid? Next = null);

public sealed record ModerationItemResponse(Guid PostId, Guid ThreadId, string ForumId, string ForumName, string ThreadTitle, ForumPostKind Kind,
    ForumAuthorKind AuthorKind, string Author, string Body, string Html, ForumPostState State, IReadOnlyList<PersonalDataKind> HeldFor, int Reports,
    IReadOnlyList<ReportReason> ReportReasons, DateTimeOffset PostedAt);

/// <summary>Questions without an official answer after the term in working days, per organization or office of the area.</summary>
public sealed record UnansweredResponse(int WorkingDays, DateOnly CountingBy, int Questions, IReadOnlyList<UnansweredForumResponse> Forums);

public sealed record UnansweredForumResponse(string ForumId, string Name, int Questions, DateOnly Oldest);
