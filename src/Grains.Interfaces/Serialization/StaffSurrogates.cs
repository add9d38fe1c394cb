using EduInfo.Domain.Registry;

namespace EduInfo.Grains.Interfaces.Serialization;

// How the Domain's staff problems travel between grains (see ImmutableCopier.cs for why surrogates).

[GenerateSerializer, Alias("eduinfo.StaffProblem")]
public readonly record struct StaffProblemSurrogate(
    [property: Id(0)] string Field,
    [property: Id(1)] StaffError Error,
    [property: Id(2)] IReadOnlyList<long>? Rows);

[RegisterConverter]
public sealed class StaffProblemConverter : IConverter<StaffProblem, StaffProblemSurrogate>
{
    public StaffProblem ConvertFromSurrogate(in StaffProblemSurrogate s) => new(s.Field, s.Error, s.Rows);
    public StaffProblemSurrogate ConvertToSurrogate(in StaffProblem v) => new(v.Field, v.Error, v.Rows);
}

[RegisterCopier]
public sealed class StaffProblemCopier : ImmutableCopier<StaffProblem>;
