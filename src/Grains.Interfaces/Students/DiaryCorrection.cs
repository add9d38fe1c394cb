using EduInfo.Domain.Journal;

namespace EduInfo.Grains.Interfaces.Students;

/// <summary>
/// One correction in a student's diary: which row was superseded, old → new (a score, or this student's roll-call
/// code; null = present or voided), why, by which account and when.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DiaryCorrection(
    [property: Id(0)] long Sequence,
    [property: Id(1)] long Supersedes,
    [property: Id(2)] string Action,
    [property: Id(3)] string EntryKind,
    [property: Id(4)] string SubjectId,
    [property: Id(5)] DateOnly Date,
    [property: Id(6)] int? Period,
    [property: Id(7)] string? OldValue,
    [property: Id(8)] string? NewValue,
    [property: Id(9)] string Reason,
    [property: Id(10)] string AuthorId,
    [property: Id(11)] DateTimeOffset RecordedAt);
