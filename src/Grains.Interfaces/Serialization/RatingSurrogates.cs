using EduInfo.Domain.Ratings;

namespace EduInfo.Grains.Interfaces.Serialization;

// How the Domain's rating methodology travels between grains (see ImmutableCopier.cs for why surrogates).

[GenerateSerializer, Alias("eduinfo.RatingMethodology")]
public readonly record struct RatingMethodologySurrogate(
    [property: Id(0)] DateOnly? EffectiveFrom,
    [property: Id(1)] IReadOnlyList<IndicatorWeight?>? Indicators,
    [property: Id(2)] int? MinimumStudents,
    [property: Id(3)] MethodologyNote? Note);

[RegisterConverter]
public sealed class RatingMethodologyConverter : IConverter<RatingMethodology, RatingMethodologySurrogate>
{
    public RatingMethodology ConvertFromSurrogate(in RatingMethodologySurrogate s) => new(s.EffectiveFrom, s.Indicators, s.MinimumStudents, s.Note);
    public RatingMethodologySurrogate ConvertToSurrogate(in RatingMethodology v) => new(v.EffectiveFrom, v.Indicators, v.MinimumStudents, v.Note);
}

[RegisterCopier]
public sealed class RatingMethodologyCopier : ImmutableCopier<RatingMethodology>;

[GenerateSerializer, Alias("eduinfo.IndicatorWeight")]
public readonly record struct IndicatorWeightSurrogate([property: Id(0)] string? Indicator, [property: Id(1)] int? Weight);

[RegisterConverter]
public sealed class IndicatorWeightConverter : IConverter<IndicatorWeight, IndicatorWeightSurrogate>
{
    public IndicatorWeight ConvertFromSurrogate(in IndicatorWeightSurrogate s) => new(s.Indicator, s.Weight);
    public IndicatorWeightSurrogate ConvertToSurrogate(in IndicatorWeight v) => new(v.Indicator, v.Weight);
}

[RegisterCopier]
public sealed class IndicatorWeightCopier : ImmutableCopier<IndicatorWeight>;

[GenerateSerializer, Alias("eduinfo.MethodologyNote")]
public readonly record struct MethodologyNoteSurrogate([property: Id(0)] string? Kk, [property: Id(1)] string? Ru, [property: Id(2)] string? En);

[RegisterConverter]
public sealed class MethodologyNoteConverter : IConverter<MethodologyNote, MethodologyNoteSurrogate>
{
    public MethodologyNote ConvertFromSurrogate(in MethodologyNoteSurrogate s) => new(s.Kk, s.Ru, s.En);
    public MethodologyNoteSurrogate ConvertToSurrogate(in MethodologyNote v) => new(v.Kk, v.Ru, v.En);
}

[RegisterCopier]
public sealed class MethodologyNoteCopier : ImmutableCopier<MethodologyNote>;
