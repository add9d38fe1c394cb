using EduInfo.Domain.Assessment;
using EduInfo.Domain.Calendar;
using EduInfo.Domain.Metrics;
using EduInfo.Grains.Interfaces.Calendar;

namespace EduInfo.Grains.Interfaces.Assessment;

/// <summary>A student's standings from their class: the terms (dates, closed or not) and one standing per subject and term.</summary>
[GenerateSerializer, Immutable]
public sealed record StudentStandings(
    [property: Id(0)] string ClassId,
    [property: Id(1)] IReadOnlyList<TermDates> Terms,
    [property: Id(2)] IReadOnlyList<int> ClosedTerms,
    [property: Id(3)] IReadOnlyList<TermStanding> Standings);
