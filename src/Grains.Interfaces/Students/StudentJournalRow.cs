using EduInfo.Domain.Journal;
using EduInfo.Grains.Interfaces.Journal;

namespace EduInfo.Grains.Interfaces.Students;

/// <summary>
/// A journal row as it concerns one student: a mark of theirs, or their seat in a lesson
/// (<see cref="Attendance"/> null = present). Carries the journal sequence number so the
/// student applies it at most once.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record StudentJournalRow(
    [property: Id(0)] long Sequence,
    [property: Id(1)] string SubjectId,
    [property: Id(2)] DateOnly Date,
    [property: Id(3)] MarkKind? MarkKind,
    [property: Id(4)] int Score,
    [property: Id(5)] int MaxScore,
    [property: Id(6)] bool IsLesson,
    [property: Id(7)] int Period,
    [property: Id(8)] AbsenceCode? Attendance);
