using EduInfo.Domain.Assessment;

namespace EduInfo.Grains.Interfaces.Serialization;

// How the Domain's assessment values travel between grains (see ImmutableCopier.cs for why surrogates).

[GenerateSerializer, Alias("eduinfo.AssessmentPolicyDocument")]
public readonly record struct AssessmentPolicyDocumentSurrogate(
    [property: Id(0)] DateOnly? EffectiveFrom,
    [property: Id(1)] int? FormativeScale,
    [property: Id(2)] ComponentWeights? Weights,
    [property: Id(3)] IReadOnlyList<PolicyBand>? Bands,
    [property: Id(4)] IReadOnlyList<int>? DescriptiveGrades);

[RegisterConverter]
public sealed class AssessmentPolicyDocumentConverter : IConverter<AssessmentPolicyDocument, AssessmentPolicyDocumentSurrogate>
{
    public AssessmentPolicyDocument ConvertFromSurrogate(in AssessmentPolicyDocumentSurrogate s) => new(s.EffectiveFrom, s.FormativeScale, s.Weights, s.Bands, s.DescriptiveGrades);
    public AssessmentPolicyDocumentSurrogate ConvertToSurrogate(in AssessmentPolicyDocument v) => new(v.EffectiveFrom, v.FormativeScale, v.Weights, v.Bands, v.DescriptiveGrades);
}

[RegisterCopier]
public sealed class AssessmentPolicyDocumentCopier : ImmutableCopier<AssessmentPolicyDocument>;

[GenerateSerializer, Alias("eduinfo.ComponentWeights")]
public readonly record struct ComponentWeightsSurrogate(
    [property: Id(0)] int? Formative,
    [property: Id(1)] int? Section,
    [property: Id(2)] int? Term);

[RegisterConverter]
public sealed class ComponentWeightsConverter : IConverter<ComponentWeights, ComponentWeightsSurrogate>
{
    public ComponentWeights ConvertFromSurrogate(in ComponentWeightsSurrogate s) => new(s.Formative, s.Section, s.Term);
    public ComponentWeightsSurrogate ConvertToSurrogate(in ComponentWeights v) => new(v.Formative, v.Section, v.Term);
}

[RegisterCopier]
public sealed class ComponentWeightsCopier : ImmutableCopier<ComponentWeights>;

[GenerateSerializer, Alias("eduinfo.PolicyBand")]
public readonly record struct PolicyBandSurrogate(
    [property: Id(0)] int? FromPercent,
    [property: Id(1)] int? Mark);

[RegisterConverter]
public sealed class PolicyBandConverter : IConverter<PolicyBand, PolicyBandSurrogate>
{
    public PolicyBand ConvertFromSurrogate(in PolicyBandSurrogate s) => new(s.FromPercent, s.Mark);
    public PolicyBandSurrogate ConvertToSurrogate(in PolicyBand v) => new(v.FromPercent, v.Mark);
}

[RegisterCopier]
public sealed class PolicyBandCopier : ImmutableCopier<PolicyBand>;

[GenerateSerializer, Alias("eduinfo.TermStanding")]
public readonly record struct TermStandingSurrogate(
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
    [property: Id(14)] IReadOnlyList<string>? ExcusedComponents);

[RegisterConverter]
public sealed class TermStandingConverter : IConverter<TermStanding, TermStandingSurrogate>
{
    public TermStanding ConvertFromSurrogate(in TermStandingSurrogate s) => new(s.SubjectId, s.Term, s.Outcome, s.Final, s.FormativePercent, s.SectionPercent, s.TermSummativePercent, s.ExactPercent, s.Percent, s.Mark, s.Letter, s.Gpa, s.WeightsUsed, s.PendingComponents, s.ExcusedComponents);
    public TermStandingSurrogate ConvertToSurrogate(in TermStanding v) => new(v.SubjectId, v.Term, v.Outcome, v.Final, v.FormativePercent, v.SectionPercent, v.TermSummativePercent, v.ExactPercent, v.Percent, v.Mark, v.Letter, v.Gpa, v.WeightsUsed, v.PendingComponents, v.ExcusedComponents);
}

[RegisterCopier]
public sealed class TermStandingCopier : ImmutableCopier<TermStanding>;
