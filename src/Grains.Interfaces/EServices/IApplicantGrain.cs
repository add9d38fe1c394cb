using EduInfo.Grains.Interfaces.Actors;

namespace EduInfo.Grains.Interfaces.EServices;

/// <summary>A child as the parent names them from the birth certificate (see <c>ChildClaim</c>).</summary>
[GenerateSerializer, Immutable]
public sealed record ChildClaimRequest(
    [property: Id(0)] string? Iin,
    [property: Id(1)] string? LastName,
    [property: Id(2)] string? FirstName,
    [property: Id(3)] string? MiddleName,
    [property: Id(4)] DateOnly? BirthDate,
    [property: Id(5)] string? BirthCertificate);

/// <summary>A parent as an applicant, keyed by the parent's id: the one writer of the children they claim.</summary>
public interface IApplicantGrain : IGrainWithStringKey
{
    /// <summary>Claims a child (unconfirmed until staff of an office check the birth certificate); the link's id, or the problems.</summary>
    Task<ApplicationOutcome> ClaimChild(Actor actor, ChildClaimRequest request);
}

/// <summary>An operator's change of a service's term (working days) or window.</summary>
[GenerateSerializer, Immutable]
public sealed record ServiceSettingChange(
    [property: Id(0)] int? DecisionWorkingDays,
    [property: Id(1)] int? WindowFromMonth,
    [property: Id(2)] int? WindowFromDay,
    [property: Id(3)] int? WindowToMonth,
    [property: Id(4)] int? WindowToDay);

/// <summary>The catalogue's one writer (key "KZ"): operators change a service's term and window, audited.</summary>
public interface IServiceCatalogueGrain : IGrainWithStringKey
{
    Task<ApplicationOutcome> Change(Actor actor, Domain.EServices.ServiceKind service, ServiceSettingChange change);
}

/// <summary>A recipient's in-app inbox, keyed by the recipient (a parent's person id): the one writer of its read marks.</summary>
public interface IInboxGrain : IGrainWithStringKey
{
    /// <summary>Marks a message read; false when it is not this recipient's.</summary>
    Task<bool> MarkRead(Actor actor, long messageId);

    /// <summary>
    /// Saves the recipient's e-mail and SMS channels and quiet hours (the recipient only; audited without the addresses);
    /// messages are written in <paramref name="language"/>.
    /// </summary>
    Task<ApplicationOutcome> SaveChannels(Actor actor, NotificationChannelsRequest request, string language);
}
