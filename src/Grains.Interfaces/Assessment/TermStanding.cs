namespace EduInfo.Grains.Interfaces.Assessment;

/// <summary>
/// A student's standing in one subject and term, as the diary and the teacher's journal show it: the component
/// percentages, the term percentage (exact and rounded once, half-up), the mark (projected while the term is open,
/// final once closed), and the weights actually used after sharing those of components not held or excused.
/// <see cref="Term"/> 0 is the year (the annual mark).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TermStanding(
    [property: Id(0)] string SubjectId,
    [property: Id(1)] int Term,
    [property: Id(2)] string Outcome,
    [property: Id(3)] bool Final,
    [property: Id(4)] decimal? FormativePercent,
    [property: Id(5)] decimal? SectionPercent,
    [property: Id(6)] decimal? TermSummativePercent,
    [property: Id(7)] decimal? ExactPercent,
    [property: Id(8)] int? Percent,
    [property: Id(9)] int? Mark,
    [property: Id(10)] string? Letter,
    [property: Id(11)] decimal? Gpa,
    [property: Id(12)] IReadOnlyDictionary<string, decimal> WeightsUsed,
    [property: Id(13)] IReadOnlyList<string> PendingComponents,
    [property: Id(14)] IReadOnlyList<string>? ExcusedComponents = null);
