using EduInfo.Domain.Forums;
using EduInfo.Domain.Materials;

namespace EduInfo.Grains.Interfaces.Materials;

/// <summary>A material's facts as its author writes them (Markdown body), for a new draft or an edit.</summary>
[GenerateSerializer, Immutable]
public sealed record MaterialRequest(
    [property: Id(0)] string? Title,
    [property: Id(1)] string? Summary,
    [property: Id(2)] string? Body,
    [property: Id(3)] string? SubjectId,
    [property: Id(4)] int? Grade,
    [property: Id(5)] MaterialLanguage? Language)
{
    public MaterialDraft Draft => new(Title, Summary, Body, SubjectId, Grade, Language);
}

/// <summary>A file to attach: the client's id for it (a retry with it answers as the first did), the name it was sent under, its bytes.</summary>
[GenerateSerializer, Immutable]
public sealed record AttachmentRequest([property: Id(0)] Guid AttachmentId, [property: Id(1)] string? Name, [property: Id(2)] byte[] Content);

/// <summary>A reviewer's decision; returning and withdrawing say why (the author reads it).</summary>
[GenerateSerializer, Immutable]
public sealed record ReviewRequest([property: Id(0)] ReviewAction? Action, [property: Id(1)] string? Reason);

[GenerateSerializer, Immutable]
public sealed record CommentRequest([property: Id(0)] Guid CommentId, [property: Id(1)] string? Body);

[GenerateSerializer, Immutable]
public sealed record RatingRequest([property: Id(0)] int? Stars);

[GenerateSerializer]
public enum MaterialStatus
{
    Done = 1,
    /// <summary>201: written now (a draft, an attachment, a comment).</summary>
    Created = 2,
    /// <summary>400: a field is wrong (named in the problems).</summary>
    Invalid = 3,
    /// <summary>404: no such material or comment, or not the caller's to see.</summary>
    NotFound = 4,
    /// <summary>403: not the caller's to do.</summary>
    Forbidden = 5,
    /// <summary>409: the material's state does not allow it, or an id is another's.</summary>
    Conflict = 6,
    /// <summary>413: an attachment over the size cap.</summary>
    TooLarge = 7,
    /// <summary>429: too many comments in the window.</summary>
    TooMany = 8,
}

/// <summary>One problem: the field and its code (its message is <c>material.error.{code}</c>, or the forum's for a text rule).</summary>
[GenerateSerializer, Immutable]
public sealed record MaterialRefusal([property: Id(0)] string Field, [property: Id(1)] string Code);

/// <summary>The answer of a write: its status, its problems, the state the material (or comment) is in now.</summary>
[GenerateSerializer, Immutable]
public sealed record MaterialOutcome(
    [property: Id(0)] MaterialStatus Status,
    [property: Id(1)] IReadOnlyList<MaterialRefusal> Problems,
    [property: Id(2)] MaterialState? State = null,
    [property: Id(3)] ForumPostState? CommentState = null,
    [property: Id(4)] IReadOnlyList<PersonalDataKind>? HeldFor = null)
{
    public static MaterialOutcome Refused(MaterialStatus status, string field, string code) => new(status, [new(field, code)]);
    public static readonly MaterialOutcome Done = new(MaterialStatus.Done, []);
    public static readonly MaterialOutcome Created = new(MaterialStatus.Created, []);
    public static readonly MaterialOutcome NotFound = new(MaterialStatus.NotFound, []);
    public static readonly MaterialOutcome Forbidden = new(MaterialStatus.Forbidden, []);
}

/// <summary>
/// A methodological material (issue 24, order point 12.4), keyed by its id (the author's client chooses it: a retry of a
/// draft with the same id answers as the first did): the one writer of its text, attachments, review, comments and
/// ratings. Every write is authorized here and written with its audit row in one transaction.
/// </summary>
public interface IMaterialGrain : IGrainWithGuidKey
{
    Task<MaterialOutcome> Create(Actors.Actor actor, MaterialRequest request);

    Task<MaterialOutcome> Edit(Actors.Actor actor, MaterialRequest request);

    Task<MaterialOutcome> Attach(Actors.Actor actor, AttachmentRequest request);

    Task<MaterialOutcome> Detach(Actors.Actor actor, Guid attachmentId);

    /// <summary>The author sends a draft (or a returned material) to the reviewers.</summary>
    Task<MaterialOutcome> Submit(Actors.Actor actor);

    Task<MaterialOutcome> Review(Actors.Actor actor, ReviewRequest request);

    Task<MaterialOutcome> Comment(Actors.Actor actor, CommentRequest request);

    /// <summary>A reviewer moderates a comment with the forums' actions (approve, reject, edit, delete).</summary>
    Task<MaterialOutcome> ModerateComment(Actors.Actor actor, Guid commentId, Forums.ModerationRequest request);

    Task<MaterialOutcome> Rate(Actors.Actor actor, RatingRequest request);
}
