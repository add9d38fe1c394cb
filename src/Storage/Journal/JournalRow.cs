using EduInfo.Domain.Journal;

namespace EduInfo.Storage.Journal;

/// <summary>One journal row as a correction needs it, with whether a later row already supersedes it.</summary>
public sealed record JournalRow(
    long Sequence,
    string EntryKind,
    string ClassId,
    string SubjectId,
    DateOnly Date,
    int? Period,
    string? StudentId,
    string? MarkKind,
    int? Score,
    int? MaxScore,
    IReadOnlyList<string>? Roster,
    IReadOnlyList<string>? AbsentIds,
    IReadOnlyList<string>? AbsentCodes,
    long? Supersedes,
    string? Reason,
    string AuthorId,
    DateTimeOffset RecordedAt,
    long? SupersededBy,
    string GroupId = "");

/// <summary>A correction to append: a replacement (same kind, new values) or a void, superseding <see cref="Supersedes"/>.</summary>
public sealed record NewCorrection(
    Guid EntryId,
    long Supersedes,
    bool Void,
    string Reason,
    int? Score,
    int? MaxScore,
    IReadOnlyList<string>? AbsentIds,
    IReadOnlyList<string>? AbsentCodes,
    byte[] PayloadHash);

/// <summary>How a correction append ended.</summary>
public enum CorrectionOutcome
{
    Inserted,
    Duplicate,
    Conflict,
    AlreadyCorrected,
}
