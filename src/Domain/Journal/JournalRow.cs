namespace EduInfo.Domain.Journal;

/// <summary>One journal row as corrections, the teacher's grid and the diary read it, with whether a later row already supersedes it.</summary>
public sealed record JournalRow(
    long Sequence,
    EntryKind EntryKind,
    string ClassId,
    string SubjectId,
    DateOnly Date,
    int? Period,
    string? StudentId,
    MarkKind? MarkKind,
    int? Score,
    int? MaxScore,
    IReadOnlyList<string>? Roster,
    IReadOnlyList<string>? AbsentIds,
    IReadOnlyList<AbsenceCode>? AbsentCodes,
    long? Supersedes,
    string? Reason,
    string AuthorId,
    DateTimeOffset RecordedAt,
    long? SupersededBy,
    string GroupId = "")
{
    /// <summary>A roll-call's absentees with their codes (empty for other rows).</summary>
    public IReadOnlyDictionary<string, AbsenceCode> Absences() =>
        (AbsentIds ?? []).Zip(AbsentCodes ?? []).ToDictionary(a => a.First, a => a.Second, StringComparer.Ordinal);
}

/// <summary>A correction to append: a replacement (same kind, new values) or a void, superseding <see cref="Supersedes"/>.</summary>
public sealed record NewCorrection(
    Guid EntryId,
    long Supersedes,
    bool Void,
    string Reason,
    int? Score,
    int? MaxScore,
    IReadOnlyList<string>? AbsentIds,
    IReadOnlyList<AbsenceCode>? AbsentCodes,
    byte[] PayloadHash);

/// <summary>A head's excusal to append: <see cref="Date"/> is its term's first day, which places it in the term.</summary>
public sealed record NewExcusal(
    Guid EntryId,
    string StudentId,
    string SubjectId,
    DateOnly Date,
    MarkKind Kind,
    string Reason,
    byte[] PayloadHash);

/// <summary>
/// A head's exemption to append: <see cref="Date"/> is its term's first day (the year's first term's for
/// <see cref="WholeYear"/>), which places it.
/// </summary>
public sealed record NewExemption(
    Guid EntryId,
    string StudentId,
    string SubjectId,
    DateOnly Date,
    bool WholeYear,
    ExemptionGround Ground,
    string Reason,
    byte[] PayloadHash);

/// <summary>A term closed or reopened for a class, with the reason (required to reopen).</summary>
public sealed record TermEvent(int Term, bool Close, string? Reason);

/// <summary>How a one-row append (a correction, an excusal) ended.</summary>
public enum CorrectionOutcome
{
    Inserted,
    Duplicate,
    Conflict,
    AlreadyCorrected,
}
