using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Journal;

namespace EduInfo.Grains.Interfaces.Calendar;

/// <summary>
/// An academic year's state (issue 20), keyed by the year ("2026-2027"): closing freezes the journal of its classes and
/// archives every node's summary; reopening (with a reason) lets corrections in again until it is closed anew. The
/// caller's right (operators) is checked by the Api; the grain records the actor in the audit.
/// </summary>
public interface IAcademicYearGrain : IGrainWithStringKey
{
    Task<AcademicYearOutcome> Close(Actor actor);

    Task<AcademicYearOutcome> Reopen(Actor actor, string? reason);

    Task<AcademicYearView> Get();

    /// <summary>
    /// Rolls a closed year into the next: the next year's classes, every pupil moved as the council decided; the live
    /// summaries then hold the next year. Refused while a pupil has no decision (nothing is written then).
    /// </summary>
    Task<YearRollOutcome> Roll(Actor actor);
}

/// <summary>What a roll did: the next year, its classes, and the pupils by decision.</summary>
[GenerateSerializer, Immutable]
public sealed record YearRollView(
    [property: Id(0)] string NextYear,
    [property: Id(1)] int Classes,
    [property: Id(2)] IReadOnlyDictionary<string, int> Decisions);

[GenerateSerializer, Immutable]
public sealed record YearRollOutcome([property: Id(0)] BatchOutcome Outcome, [property: Id(1)] YearRollView? Roll = null);

/// <summary>A year's state: closed since when, how many classes it has, how many summaries its archive holds.</summary>
[GenerateSerializer, Immutable]
public sealed record AcademicYearView(
    [property: Id(0)] string AcademicYear,
    [property: Id(1)] bool Closed,
    [property: Id(2)] DateTimeOffset? ClosedAt,
    [property: Id(3)] int Classes,
    [property: Id(4)] long Archived,
    [property: Id(5)] DateTimeOffset? ReopenedAt);

[GenerateSerializer, Immutable]
public sealed record AcademicYearOutcome([property: Id(0)] BatchOutcome Outcome, [property: Id(1)] AcademicYearView? Year = null);
