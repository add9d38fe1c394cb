using EduInfo.Domain.Registry;

namespace EduInfo.Grains.Interfaces.Serialization;

// How the Domain's registry values travel between grains (see ImmutableCopier.cs for why surrogates).

[GenerateSerializer, Alias("eduinfo.RegistryProblem")]
public readonly record struct RegistryProblemSurrogate(
    [property: Id(0)] string Field,
    [property: Id(1)] RegistryError Error);

[RegisterConverter]
public sealed class RegistryProblemConverter : IConverter<RegistryProblem, RegistryProblemSurrogate>
{
    public RegistryProblem ConvertFromSurrogate(in RegistryProblemSurrogate s) => new(s.Field, s.Error);
    public RegistryProblemSurrogate ConvertToSurrogate(in RegistryProblem v) => new(v.Field, v.Error);
}

[RegisterCopier]
public sealed class RegistryProblemCopier : ImmutableCopier<RegistryProblem>;

[GenerateSerializer, Alias("eduinfo.TransferRequest")]
public readonly record struct TransferRequestSurrogate(
    [property: Id(0)] string? ToClassId,
    [property: Id(1)] DateOnly? Date,
    [property: Id(2)] string? Reason);

[RegisterConverter]
public sealed class TransferRequestConverter : IConverter<TransferRequest, TransferRequestSurrogate>
{
    public TransferRequest ConvertFromSurrogate(in TransferRequestSurrogate s) => new(s.ToClassId, s.Date, s.Reason);
    public TransferRequestSurrogate ConvertToSurrogate(in TransferRequest v) => new(v.ToClassId, v.Date, v.Reason);
}

[RegisterCopier]
public sealed class TransferRequestCopier : ImmutableCopier<TransferRequest>;
