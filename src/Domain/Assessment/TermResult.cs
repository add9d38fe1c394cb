namespace EduInfo.Domain.Assessment;

/// <summary>
/// A student's term in one subject: the outcome, the exact and the rounded term percentage, the mark, and the
/// weights actually used (after sharing the weight of components not held or excused) — shown to users.
/// </summary>
public sealed record TermResult(
    TermOutcome Outcome,
    Fraction? ExactPercent,
    int? Percent,
    int? Mark,
    IReadOnlyDictionary<ComponentKind, Fraction> WeightsUsed);
