namespace EduInfo.Domain.Assessment;

/// <summary>
/// A student's standing in one subject and term, as the diary and the teacher's journal show it: the component
/// percentages, the term percentage (exact and rounded once, half-up), the mark (projected while the term is open,
/// final once closed), and the weights actually used after sharing those of components not held or excused.
/// <see cref="Term"/> 0 is the year (the annual mark).
/// </summary>
public sealed record TermStanding(
    string SubjectId,
    int Term,
    string Outcome,
    bool Final,
    decimal? FormativePercent,
    decimal? SectionPercent,
    decimal? TermSummativePercent,
    decimal? ExactPercent,
    int? Percent,
    int? Mark,
    string? Letter,
    decimal? Gpa,
    IReadOnlyDictionary<string, decimal> WeightsUsed,
    IReadOnlyList<string> PendingComponents,
    IReadOnlyList<string>? ExcusedComponents = null);
