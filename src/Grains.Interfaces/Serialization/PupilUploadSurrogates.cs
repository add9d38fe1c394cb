using EduInfo.Domain.Registry;

namespace EduInfo.Grains.Interfaces.Serialization;

// How a school's pupil upload travels to its grain (see ImmutableCopier.cs for why surrogates).

[GenerateSerializer, Alias("eduinfo.PupilUploadRow")]
public readonly record struct PupilUploadRowSurrogate(
    [property: Id(0)] int Line,
    [property: Id(1)] string? ClassId,
    [property: Id(2)] PupilEnrolmentRequest Request,
    [property: Id(3)] bool SexGiven);

[RegisterConverter]
public sealed class PupilUploadRowConverter : IConverter<PupilUploadRow, PupilUploadRowSurrogate>
{
    public PupilUploadRow ConvertFromSurrogate(in PupilUploadRowSurrogate s) => new(s.Line, s.ClassId, s.Request, s.SexGiven);
    public PupilUploadRowSurrogate ConvertToSurrogate(in PupilUploadRow v) => new(v.Line, v.ClassId, v.Request, v.SexGiven);
}

[RegisterCopier]
public sealed class PupilUploadRowCopier : ImmutableCopier<PupilUploadRow>;

[GenerateSerializer, Alias("eduinfo.UploadProblem")]
public readonly record struct UploadProblemSurrogate(
    [property: Id(0)] int Line,
    [property: Id(1)] string Field,
    [property: Id(2)] string Key,
    [property: Id(3)] IReadOnlyList<string> Arguments);

[RegisterConverter]
public sealed class UploadProblemConverter : IConverter<UploadProblem, UploadProblemSurrogate>
{
    public UploadProblem ConvertFromSurrogate(in UploadProblemSurrogate s) => new(s.Line, s.Field, s.Key, s.Arguments);
    public UploadProblemSurrogate ConvertToSurrogate(in UploadProblem v) => new(v.Line, v.Field, v.Key, v.Arguments);
}

[RegisterCopier]
public sealed class UploadProblemCopier : ImmutableCopier<UploadProblem>;
