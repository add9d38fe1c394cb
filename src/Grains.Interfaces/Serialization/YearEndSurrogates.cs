using EduInfo.Domain.YearEnd;

namespace EduInfo.Grains.Interfaces.Serialization;

// How the Domain's final attestation policy travels between grains (see ImmutableCopier.cs for why surrogates).

[GenerateSerializer, Alias("eduinfo.FinalAttestationPolicyDocument")]
public readonly record struct FinalAttestationPolicyDocumentSurrogate(
    [property: Id(0)] DateOnly? EffectiveFrom,
    [property: Id(1)] IReadOnlyList<AttestedGradeDocument?>? Documents,
    [property: Id(2)] int? FinalGrade,
    [property: Id(3)] int? AnnualWeight,
    [property: Id(4)] int? ExamWeight,
    [property: Id(5)] int? PassMark,
    [property: Id(6)] int? MaxReexaminations);

[RegisterConverter]
public sealed class FinalAttestationPolicyDocumentConverter : IConverter<FinalAttestationPolicyDocument, FinalAttestationPolicyDocumentSurrogate>
{
    public FinalAttestationPolicyDocument ConvertFromSurrogate(in FinalAttestationPolicyDocumentSurrogate s) =>
        new(s.EffectiveFrom, s.Documents, s.FinalGrade, s.AnnualWeight, s.ExamWeight, s.PassMark, s.MaxReexaminations);

    public FinalAttestationPolicyDocumentSurrogate ConvertToSurrogate(in FinalAttestationPolicyDocument v) =>
        new(v.EffectiveFrom, v.Documents, v.FinalGrade, v.AnnualWeight, v.ExamWeight, v.PassMark, v.MaxReexaminations);
}

[RegisterCopier]
public sealed class FinalAttestationPolicyDocumentCopier : ImmutableCopier<FinalAttestationPolicyDocument>;

[GenerateSerializer, Alias("eduinfo.AttestedGradeDocument")]
public readonly record struct AttestedGradeDocumentSurrogate([property: Id(0)] int? Grade, [property: Id(1)] string? Document);

[RegisterConverter]
public sealed class AttestedGradeDocumentConverter : IConverter<AttestedGradeDocument, AttestedGradeDocumentSurrogate>
{
    public AttestedGradeDocument ConvertFromSurrogate(in AttestedGradeDocumentSurrogate s) => new(s.Grade, s.Document);
    public AttestedGradeDocumentSurrogate ConvertToSurrogate(in AttestedGradeDocument v) => new(v.Grade, v.Document);
}

[RegisterCopier]
public sealed class AttestedGradeDocumentCopier : ImmutableCopier<AttestedGradeDocument>;
