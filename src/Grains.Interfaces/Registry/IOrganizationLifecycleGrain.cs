using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Actors;

namespace EduInfo.Grains.Interfaces.Registry;

/// <summary>A new organization as the client sent it (see <c>OrganizationOpeningDraft</c>), carried to its grain.</summary>
[GenerateSerializer, Immutable]
public sealed record OrganizationOpeningChange(
    [property: Id(0)] string? Id,
    [property: Id(1)] string? NameKk,
    [property: Id(2)] string? NameRu,
    [property: Id(3)] string? NameEn,
    [property: Id(4)] IReadOnlyList<string>? Languages,
    [property: Id(5)] string? Kind,
    [property: Id(6)] bool? IsRural,
    [property: Id(7)] DateOnly? OpenedOn);

/// <summary>A closing as the client sent it (see <c>OrganizationClosingDraft</c>).</summary>
[GenerateSerializer, Immutable]
public sealed record OrganizationClosingChange(
    [property: Id(0)] DateOnly? Date,
    [property: Id(1)] string? Reason,
    [property: Id(2)] string? Pupils,
    [property: Id(3)] IReadOnlyList<ClassTransferChange>? Transfers);

[GenerateSerializer, Immutable]
public sealed record ClassTransferChange([property: Id(0)] string? FromClassId, [property: Id(1)] string? ToClassId);

/// <summary>A pupil or member of staff a closing cannot move or end (see <c>ClosingConflict</c>): by opaque id, with the code of the rule that refused.</summary>
[GenerateSerializer, Immutable]
public sealed record ClosingConflictView(
    [property: Id(0)] ClosingConflictSource Source,
    [property: Id(1)] string Id,
    [property: Id(2)] string Code,
    [property: Id(3)] IReadOnlyList<string> Arguments);

/// <summary>
/// An opening's or closing's answer: done, or refused with the request's problems (nothing written) or the conflicts of
/// the pupils and staff in the way. A closing says what it did (also when it stopped part-way: repeating it finishes).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LifecycleOutcome(
    [property: Id(0)] IReadOnlyList<RegistryProblem> Problems,
    [property: Id(1)] IReadOnlyList<ClosingConflictView> Conflicts,
    [property: Id(2)] int PupilsEnded = 0,
    [property: Id(3)] int PupilsTransferred = 0,
    [property: Id(4)] int StaffEnded = 0,
    [property: Id(5)] bool Closed = false)
{
    public static LifecycleOutcome Refused(IReadOnlyList<RegistryProblem> problems) => new(problems, []);

    public bool Accepted => Problems.Count == 0 && Conflicts.Count == 0;

    public bool IsNotFound => Problems.Any(p => p.Error == RegistryError.NotFound);

    /// <summary>Refused for what the registry or the journal holds (HTTP 409), not for the request's shape.</summary>
    public bool IsConflict => Conflicts.Count > 0
        || Problems.Any(p => p.Error is RegistryError.IdTaken or RegistryError.AlreadyClosed or RegistryError.EnrolmentChanged);

    public bool IsForbidden => Problems.Any(p => p.Error == RegistryError.RepublicOperatorOnly);
}

/// <summary>
/// An organization's opening and closing (issue 18), keyed by the organization's id: its one writer, so two closings of
/// one organization, or two openings of one id, never interleave. The caller's right is checked by the Api.
/// </summary>
public interface IOrganizationLifecycleGrain : IGrainWithStringKey
{
    /// <summary>
    /// Opens the organization (this grain's id) under an area after <c>OrganizationOpeningValidator</c>, audited in the
    /// same transaction; the area then reconciles, so the new child is on its list and in the roll-up at once.
    /// </summary>
    Task<LifecycleOutcome> Open(Actor actor, string nodeId, OrganizationOpeningChange change, bool byOperator);

    /// <summary>
    /// Closes the organization: checks every leaving, transfer and staff leaving first (a dry run; any conflict refuses
    /// the whole closing with nothing written), then makes them through the enrolment and staff grains (same rules and
    /// audit as single ones), then sets its last day, audited. A failure part-way is finished by the same request again.
    /// </summary>
    Task<LifecycleOutcome> Close(Actor actor, OrganizationClosingChange change);
}
