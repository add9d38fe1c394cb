using EduInfo.Domain.Forums;
using EduInfo.Domain.Materials;

namespace EduInfo.Api.Contracts;

/// <summary>A material in a list: what, for whom, from which organization (never its author's name), how rated.</summary>
public sealed record MaterialListItemResponse(Guid Id, string Title, string Summary, string SubjectId, string Subject, int Grade, MaterialLanguage Language,
    string OrganizationId, string Organization, MaterialState State, DateTimeOffset UpdatedAt, DateTimeOffset? PublishedAt, double? Stars, int Ratings,
    int Attachments);

/// <summary>A page of a search: <c>Total</c> matches in all, ranked (best first) when words were given, else newest first.</summary>
public sealed record MaterialSearchResponse(IReadOnlyList<MaterialListItemResponse> Items, int Total, int Offset, int Limit);

public sealed record MaterialAttachmentResponse(Guid Id, string Name, string ContentType, int Size, string Href);

public sealed record MaterialCommentResponse(Guid Id, ForumAuthorKind AuthorKind, string Author, string Html, ForumPostState State,
    IReadOnlyList<PersonalDataKind> HeldFor, DateTimeOffset At, bool Mine, string? Reason, string? Markdown = null);

/// <summary>
/// One material with its attachments and discussion. <c>Markdown</c> is for its author (to edit) and its reviewers;
/// <c>ReviewReason</c> why it was returned or withdrawn (its author and reviewers); <c>MyStars</c> the caller's rating.
/// </summary>
public sealed record MaterialResponse(MaterialListItemResponse Material, string Html, string? Markdown, bool Mine, bool Reviewer, string? ReviewReason,
    IReadOnlyList<MaterialAttachmentResponse> Attachments, IReadOnlyList<MaterialCommentResponse> Comments, int? MyStars);

/// <summary>What a write answers: the material's state (and a comment's) with what it means for its writer.</summary>
public sealed record MaterialWriteResponse(Guid Id, MaterialState? State, ForumPostState? CommentState, string? Notice);

/// <summary>A new material or an edit (<c>materialId</c> is the client's key for a new one: a retry is the same material).</summary>
public sealed record MaterialBody(Guid? MaterialId, string? Title, string? Summary, string? Body, string? SubjectId, int? Grade, MaterialLanguage? Language);
