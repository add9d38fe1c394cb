using EduInfo.Domain.EServices;

namespace EduInfo.Storage.EServices;

/// <summary>An application's row of record, with the child's link state and the office's path (who may act on it).</summary>
public sealed record ApplicationRecord(
    Guid Id,
    long ReceiptSeq,
    ServiceKind Service,
    string ApplicantId,
    Guid? ChildLinkId,
    string? StudentId,
    string OfficeId,
    string DistrictId,
    IReadOnlyList<string> OfficePath,
    IReadOnlyList<ServiceDocument> Documents,
    bool FromTerritory,
    PriorityCategory Priority,
    string? AdmittedYear,
    DateTimeOffset ReceivedAt,
    DateOnly CountsFrom,
    DateOnly? DueOn,
    ApplicationState State,
    int Version,
    DateTimeOffset? DecidedAt,
    DateOnly? DecidedOn,
    DateTimeOffset? EscalatedAt,
    RefusalGround? RefusalGround,
    string? RefusalReason,
    string? VerificationCode,
    bool LinkConfirmed,
    bool PriorityConfirmed,
    int? BirthYear,
    string? DirectedTo,
    DateOnly? DirectionUntil);

/// <summary>One transition of record: the version it made, the step, who (account and party), when and why.</summary>
public sealed record ApplicationTransition(
    int Version,
    ApplicationAction? Action,
    ApplicationState? From,
    ApplicationState To,
    string ActorId,
    WorkflowActor ActorKind,
    DateTimeOffset At,
    RefusalGround? Ground,
    string? Reason);

/// <summary>A new application as the grain decided to file it.</summary>
public sealed record NewApplication(
    Guid Id,
    ServiceKind Service,
    string ApplicantId,
    Guid? ChildLinkId,
    string? StudentId,
    string OfficeId,
    string DistrictId,
    IReadOnlyList<ServiceDocument> Documents,
    bool FromTerritory,
    PriorityCategory Priority,
    string? AdmittedYear,
    DateTimeOffset ReceivedAt,
    DateOnly CountsFrom,
    DateOnly? DueOn,
    ApplicationState State,
    string? VerificationCode,
    int? BirthYear);

/// <summary>A child a parent claimed: who, born when, and whether staff confirmed the link.</summary>
public sealed record ChildLink(
    Guid Id,
    string ParentId,
    DateOnly BirthDate,
    string LastName,
    string FirstName,
    string? MiddleName,
    string BirthCertificate,
    DateTimeOffset ClaimedAt,
    bool Confirmed);

/// <summary>Where a filing goes and what the child is: the office's kind, district and path; a pupil's organization.</summary>
public sealed record FilingPlace(OfficeKind Office, string? DistrictId, IReadOnlyList<string> OfficePath, string? PupilOrganizationId, DateOnly? PupilBirthDate);

/// <summary>What a step changes besides the state: the priority confirmed at enqueueing, a direction given or ended.</summary>
public sealed record ApplicationChange(bool? PriorityConfirmed = null, string? DirectedTo = null, DateOnly? DirectionUntil = null, bool EndsDirection = false);

/// <summary>A change of a child's place in a queue as the parent sees it.</summary>
public sealed record QueuePositionRecord(DateTimeOffset At, int? From, int? To, QueueChangeCause Cause);

/// <summary>
/// A child in a published queue: its place, the month of filing, whether a confirmed priority counts (never which: a
/// disability or a lost parent is nobody's business), and a reference only its parent is shown.
/// </summary>
public sealed record PublicQueueEntry(int BirthYear, int Place, string FiledMonth, bool Priority, string Reference);

/// <summary>How a write to the rows of record ended.</summary>
public enum ApplicationWrite
{
    Done = 1,
    /// <summary>The same applicant has an open application for the child and service.</summary>
    AlreadyApplied = 2,
    /// <summary>The row moved since it was read (another step won): read again.</summary>
    Stale = 3,
    /// <summary>An application of this id exists.</summary>
    Exists = 4,
    /// <summary>A direction for a child who no longer heads the queue (another step moved it first).</summary>
    NotFirstInQueue = 5,
    /// <summary>A duplicate's new blank is used already: nothing written.</summary>
    BlankTaken = 6,
    /// <summary>A duplicate's original is no longer a valid document of the class (revoked meanwhile): nothing written.</summary>
    DocumentWrong = 7,
}

/// <summary>
/// A step that moves a district's kindergarten queue of a birth year: why, and whether its application must head the
/// queue (a direction). Its places are recorded in the step's own transaction, one step of a queue at a time.
/// </summary>
public sealed record QueueMove(string DistrictId, int BirthYear, EduInfo.Domain.EServices.QueueChangeCause Cause, bool MustHeadQueue);
