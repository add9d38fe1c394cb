namespace EduInfo.Grains.Interfaces.Assessment;

/// <summary>
/// An assessment policy as data (DESIGN.md §2): the formative scale, the weights of the three components in
/// percent, the bands of the rounded term percentage and the grades assessed descriptively. Versioned by
/// <see cref="EffectiveFrom"/>; a term is assessed under the version in force on its first day.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AssessmentPolicyDocument(
    [property: Id(0)] DateOnly? EffectiveFrom,
    [property: Id(1)] int? FormativeScale,
    [property: Id(2)] ComponentWeights? Weights,
    [property: Id(3)] IReadOnlyList<PolicyBand>? Bands,
    [property: Id(4)] IReadOnlyList<int>? DescriptiveGrades);

/// <summary>Weights of formative (ФО), section summative (СОР) and term summative (СОЧ) work, in percent.</summary>
[GenerateSerializer, Immutable]
public sealed record ComponentWeights(
    [property: Id(0)] int? Formative,
    [property: Id(1)] int? Section,
    [property: Id(2)] int? Term);

/// <summary>A rounded term percentage from <see cref="FromPercent"/> up (to the next band) gives <see cref="Mark"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record PolicyBand(
    [property: Id(0)] int? FromPercent,
    [property: Id(1)] int? Mark);
