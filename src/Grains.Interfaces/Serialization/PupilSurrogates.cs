using EduInfo.Domain.Registry;

namespace EduInfo.Grains.Interfaces.Serialization;

// How the Domain's pupil and parent values travel between grains (see ImmutableCopier.cs for why surrogates).

[GenerateSerializer, Alias("eduinfo.PupilProblem")]
public readonly record struct PupilProblemSurrogate(
    [property: Id(0)] string Field,
    [property: Id(1)] PupilError Error,
    [property: Id(2)] IReadOnlyList<string> Arguments);

[RegisterConverter]
public sealed class PupilProblemConverter : IConverter<PupilProblem, PupilProblemSurrogate>
{
    public PupilProblem ConvertFromSurrogate(in PupilProblemSurrogate s) => new(s.Field, s.Error, s.Arguments);
    public PupilProblemSurrogate ConvertToSurrogate(in PupilProblem v) => new(v.Field, v.Error, v.Arguments);
}

[RegisterCopier]
public sealed class PupilProblemCopier : ImmutableCopier<PupilProblem>;

[GenerateSerializer, Alias("eduinfo.PupilEnrolmentRequest")]
public readonly record struct PupilEnrolmentRequestSurrogate(
    [property: Id(0)] string? Iin,
    [property: Id(1)] string? LastName,
    [property: Id(2)] string? FirstName,
    [property: Id(3)] string? MiddleName,
    [property: Id(4)] DateOnly? BirthDate,
    [property: Id(5)] string? Sex,
    [property: Id(6)] DateOnly? Date);

[RegisterConverter]
public sealed class PupilEnrolmentRequestConverter : IConverter<PupilEnrolmentRequest, PupilEnrolmentRequestSurrogate>
{
    public PupilEnrolmentRequest ConvertFromSurrogate(in PupilEnrolmentRequestSurrogate s) => new(s.Iin, s.LastName, s.FirstName, s.MiddleName, s.BirthDate, s.Sex, s.Date);
    public PupilEnrolmentRequestSurrogate ConvertToSurrogate(in PupilEnrolmentRequest v) => new(v.Iin, v.LastName, v.FirstName, v.MiddleName, v.BirthDate, v.Sex, v.Date);
}

[RegisterCopier]
public sealed class PupilEnrolmentRequestCopier : ImmutableCopier<PupilEnrolmentRequest>;

[GenerateSerializer, Alias("eduinfo.PupilEndRequest")]
public readonly record struct PupilEndRequestSurrogate(
    [property: Id(0)] DateOnly? Date,
    [property: Id(1)] string? Reason);

[RegisterConverter]
public sealed class PupilEndRequestConverter : IConverter<PupilEndRequest, PupilEndRequestSurrogate>
{
    public PupilEndRequest ConvertFromSurrogate(in PupilEndRequestSurrogate s) => new(s.Date, s.Reason);
    public PupilEndRequestSurrogate ConvertToSurrogate(in PupilEndRequest v) => new(v.Date, v.Reason);
}

[RegisterCopier]
public sealed class PupilEndRequestCopier : ImmutableCopier<PupilEndRequest>;

[GenerateSerializer, Alias("eduinfo.PupilCorrectionRequest")]
public readonly record struct PupilCorrectionRequestSurrogate(
    [property: Id(0)] string? LastName,
    [property: Id(1)] string? FirstName,
    [property: Id(2)] string? MiddleName,
    [property: Id(3)] DateOnly? BirthDate,
    [property: Id(4)] string? Reason);

[RegisterConverter]
public sealed class PupilCorrectionRequestConverter : IConverter<PupilCorrectionRequest, PupilCorrectionRequestSurrogate>
{
    public PupilCorrectionRequest ConvertFromSurrogate(in PupilCorrectionRequestSurrogate s) => new(s.LastName, s.FirstName, s.MiddleName, s.BirthDate, s.Reason);
    public PupilCorrectionRequestSurrogate ConvertToSurrogate(in PupilCorrectionRequest v) => new(v.LastName, v.FirstName, v.MiddleName, v.BirthDate, v.Reason);
}

[RegisterCopier]
public sealed class PupilCorrectionRequestCopier : ImmutableCopier<PupilCorrectionRequest>;

[GenerateSerializer, Alias("eduinfo.ParentLinkRequest")]
public readonly record struct ParentLinkRequestSurrogate(
    [property: Id(0)] string? Iin,
    [property: Id(1)] string? LastName,
    [property: Id(2)] string? FirstName,
    [property: Id(3)] string? MiddleName,
    [property: Id(4)] string? Relation,
    [property: Id(5)] DateOnly? From,
    [property: Id(6)] string? DocumentKind,
    [property: Id(7)] string? DocumentNumber);

[RegisterConverter]
public sealed class ParentLinkRequestConverter : IConverter<ParentLinkRequest, ParentLinkRequestSurrogate>
{
    public ParentLinkRequest ConvertFromSurrogate(in ParentLinkRequestSurrogate s) =>
        new(s.Iin, s.LastName, s.FirstName, s.MiddleName, s.Relation, s.From, s.DocumentKind, s.DocumentNumber);
    public ParentLinkRequestSurrogate ConvertToSurrogate(in ParentLinkRequest v) =>
        new(v.Iin, v.LastName, v.FirstName, v.MiddleName, v.Relation, v.From, v.DocumentKind, v.DocumentNumber);
}

[RegisterCopier]
public sealed class ParentLinkRequestCopier : ImmutableCopier<ParentLinkRequest>;
