using EduInfo.Grains.Interfaces.Actors;

namespace EduInfo.Grains.Interfaces.Registry;

/// <summary>A profile as the client sent it (see <c>OrganizationProfileDraft</c>), carried to the organization's grain.</summary>
[GenerateSerializer, Immutable]
public sealed record OrganizationProfileChange(
    [property: Id(0)] string? NameKk,
    [property: Id(1)] string? NameRu,
    [property: Id(2)] string? NameEn,
    [property: Id(3)] IReadOnlyList<string>? Languages,
    [property: Id(4)] string? Kind,
    [property: Id(5)] bool? IsRural,
    [property: Id(6)] OrganizationContactsChange? Contacts = null);

/// <summary>The public contacts as the client sent them (see <c>OrganizationContactsDraft</c>); null fields are "not given".</summary>
[GenerateSerializer, Immutable]
public sealed record OrganizationContactsChange(
    [property: Id(0)] string? AddressKk,
    [property: Id(1)] string? AddressRu,
    [property: Id(2)] string? Phone,
    [property: Id(3)] string? Email,
    [property: Id(4)] string? Website,
    [property: Id(5)] string? HeadName);

/// <summary>An organization's profile, keyed by the organization id: its one writer, so two edits never interleave.</summary>
public interface IOrganizationProfileGrain : IGrainWithStringKey
{
    /// <summary>
    /// Replaces the profile after <c>OrganizationProfileValidator</c>, audited in the same transaction. The Api checked the
    /// caller may edit it and says whether they may change the kind.
    /// </summary>
    Task<RegistryOutcome> Update(Actor actor, OrganizationProfileChange change, bool mayChangeKind);
}
