using EduInfo.Domain.EServices;

namespace EduInfo.Grains.Interfaces.EServices;

/// <summary>
/// An application as the parent sent it: the service, the child (a link the parent claimed, or a pupil of theirs), the
/// office it goes to (a school, or the district's education department for the kindergarten queue), the documents
/// attached, and for the first grade the school's assigned territory, for the queue a priority category claimed.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ApplicationFilingRequest(
    [property: Id(0)] ServiceKind? Service,
    [property: Id(1)] Guid? ChildLinkId,
    [property: Id(2)] string? StudentId,
    [property: Id(3)] string? OfficeId,
    [property: Id(4)] IReadOnlyList<ServiceDocument>? Documents,
    [property: Id(5)] bool FromAssignedTerritory = false,
    [property: Id(6)] PriorityCategory Priority = PriorityCategory.None);

/// <summary>
/// A step asked of an application: the action; for a refusal its listed ground and written reason; when enqueueing,
/// whether the proof of the priority claimed was checked; for a direction, the kindergarten; to carry out a transfer,
/// the receiving school's class and the first day in it.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ApplicationStepRequest(
    [property: Id(0)] ApplicationAction? Action,
    [property: Id(1)] RefusalGround? Ground = null,
    [property: Id(2)] string? Reason = null,
    [property: Id(3)] bool? PriorityConfirmed = null,
    [property: Id(4)] string? OrganizationId = null,
    [property: Id(5)] string? ClassId = null,
    [property: Id(6)] DateOnly? Date = null,
    [property: Id(7)] Guid? DocumentId = null,
    [property: Id(8)] string? Series = null,
    [property: Id(9)] string? Number = null);

/// <summary>The office's confirmation of the parent–child link: the birth certificate's number as staff read it.</summary>
/// <summary>
/// A recipient's channels as typed: an e-mail, a mobile number, each channel on or off, quiet hours as hh:mm (Kazakhstan
/// time), and which of their children's journal events they follow (new marks, absences, term marks; one not sent keeps
/// what was saved, off at first).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record NotificationChannelsRequest(
    [property: Id(0)] string? Email,
    [property: Id(1)] string? Phone,
    [property: Id(2)] bool EmailOn,
    [property: Id(3)] bool SmsOn,
    [property: Id(4)] string? QuietFrom,
    [property: Id(5)] string? QuietTo,
    [property: Id(6)] bool? MarksOn = null,
    [property: Id(7)] bool? AbsencesOn = null,
    [property: Id(8)] bool? TermMarksOn = null);

[GenerateSerializer, Immutable]
public sealed record LinkConfirmationRequest([property: Id(0)] string? BirthCertificate);

/// <summary>How a write to an application ended; each maps to one HTTP status.</summary>
[GenerateSerializer]
public enum ApplicationStatus
{
    Done = 1,
    /// <summary>400: a field is wrong (named in the problems).</summary>
    Invalid = 2,
    /// <summary>404: no such application, or not the caller's to see.</summary>
    NotFound = 3,
    /// <summary>403: the caller may see it but this step is not theirs.</summary>
    Forbidden = 4,
    /// <summary>409: the step does not follow from the state, the application is closed, or the link is unconfirmed.</summary>
    Conflict = 5,
}

/// <summary>One problem: the field, its code on the wire, and its message's key (<c>application.error.{code}</c> unless given).</summary>
[GenerateSerializer, Immutable]
public sealed record ApplicationProblem([property: Id(0)] string Field, [property: Id(1)] string Code, [property: Id(2)] string? Key = null)
{
    public string MessageKey => Key ?? $"application.error.{Code}";
}

/// <summary>The answer of a write: its status, the problems, and the application's id when it exists.</summary>
[GenerateSerializer, Immutable]
public sealed record ApplicationOutcome(
    [property: Id(0)] ApplicationStatus Status,
    [property: Id(1)] IReadOnlyList<ApplicationProblem> Problems,
    [property: Id(2)] Guid? ApplicationId = null)
{
    public static ApplicationOutcome Done(Guid id) => new(ApplicationStatus.Done, [], id);
    public static ApplicationOutcome Refused(ApplicationStatus status, string field, string code) => new(status, [new(field, code)]);
    public static readonly ApplicationOutcome NotFound = new(ApplicationStatus.NotFound, []);
}

/// <summary>
/// One application, keyed by its id: it holds the state machine, applies <c>ApplicationWorkflow</c>, keeps every
/// transition as a row of record, and owns the reminder of its deadline (the deadline is the row's; the reminder only
/// wakes the grain).
/// </summary>
public interface IServiceApplicationGrain : IGrainWithGuidKey
{
    /// <summary>Files the application of this id (the Api makes the id); filing the same id twice is refused.</summary>
    Task<ApplicationOutcome> File(Actors.Actor actor, ApplicationFilingRequest request);

    /// <summary>A step of the workflow by the applicant or the office.</summary>
    Task<ApplicationOutcome> Act(Actors.Actor actor, ApplicationStepRequest request);

    /// <summary>The office confirms the parent–child link against the birth certificate.</summary>
    Task<ApplicationOutcome> ConfirmLink(Actors.Actor actor, LinkConfirmationRequest request);

    /// <summary>The applicant attaches a document (health data) while the office still owes its decision; the upload's id, or why not.</summary>
    Task<ApplicationOutcome> Attach(Actors.Actor actor, ServiceDocument document, byte[] content);

    /// <summary>Registers the deadline's reminder if the office still owes a decision (the start-up sweep), else drops it.</summary>
    Task EnsureReminder();

    /// <summary>What a reminder does: escalates an application past its deadline, once. Safe to call any number of times.</summary>
    Task Wake();
}
