using EduInfo.Domain.Assessment;
using EduInfo.Domain.Journal;
using EduInfo.Grains.Interfaces.Assessment;

namespace EduInfo.Grains.Interfaces.Journal;

/// <summary>
/// The teacher's journal grid for one subject and term (order point 12): the lessons held with their roll-calls,
/// and per student every mark, every absence and the standing. Effective rows only (corrections applied).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ClassJournalView(
    [property: Id(0)] string ClassId,
    [property: Id(1)] string SubjectId,
    [property: Id(2)] int Term,
    [property: Id(3)] DateOnly? Starts,
    [property: Id(4)] DateOnly? Ends,
    [property: Id(5)] bool Closed,
    [property: Id(6)] IReadOnlyList<JournalGridLesson> Lessons,
    [property: Id(7)] IReadOnlyList<JournalGridStudent> Students,
    [property: Id(8)] long Watermark);

[GenerateSerializer, Immutable]
public sealed record JournalGridLesson(
    [property: Id(0)] long Sequence,
    [property: Id(1)] DateOnly Date,
    [property: Id(2)] int Period,
    [property: Id(3)] int Roster,
    [property: Id(4)] int Absent);

[GenerateSerializer, Immutable]
public sealed record JournalGridStudent(
    [property: Id(0)] string StudentId,
    [property: Id(1)] IReadOnlyList<JournalGridMark> Marks,
    [property: Id(2)] IReadOnlyList<JournalGridAbsence> Absences,
    [property: Id(3)] TermStanding? Standing);

[GenerateSerializer, Immutable]
public sealed record JournalGridMark(
    [property: Id(0)] long Sequence,
    [property: Id(1)] DateOnly Date,
    [property: Id(2)] MarkKind Kind,
    [property: Id(3)] int Score,
    [property: Id(4)] int MaxScore);

[GenerateSerializer, Immutable]
public sealed record JournalGridAbsence(
    [property: Id(0)] long Sequence,
    [property: Id(1)] DateOnly Date,
    [property: Id(2)] int Period,
    [property: Id(3)] AbsenceCode Code);
