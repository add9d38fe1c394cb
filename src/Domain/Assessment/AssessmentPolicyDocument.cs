namespace EduInfo.Domain.Assessment;

/// <summary>
/// An assessment policy as data (DESIGN.md §2): the formative scale, the weights of the three components in
/// percent, the bands of the rounded term percentage and the grades assessed descriptively. Versioned by
/// <see cref="EffectiveFrom"/>; a term is assessed under the version in force on its first day.
/// </summary>
public sealed record AssessmentPolicyDocument(
    DateOnly? EffectiveFrom,
    int? FormativeScale,
    ComponentWeights? Weights,
    IReadOnlyList<PolicyBand>? Bands,
    IReadOnlyList<int>? DescriptiveGrades);

/// <summary>Weights of formative (ФО), section summative (СОР) and term summative (СОЧ) work, in percent.</summary>
public sealed record ComponentWeights(
    int? Formative,
    int? Section,
    int? Term);

/// <summary>A rounded term percentage from <see cref="FromPercent"/> up (to the next band) gives <see cref="Mark"/>.</summary>
public sealed record PolicyBand(
    int? FromPercent,
    int? Mark);
