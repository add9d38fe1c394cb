using EduInfo.Domain.EServices;

namespace EduInfo.Api.Contracts;

/// <summary>A service of the catalogue in the request's language: who applies, the documents, the office, the term and window.</summary>
public sealed record ServiceResponse(
    ServiceKind Kind,
    string Name,
    IReadOnlyList<ApplicantKind> Applicants,
    IReadOnlyList<DocumentRequirementResponse> Documents,
    ResponsibleOffice Office,
    int? DecisionWorkingDays,
    WindowResponse? Window,
    IReadOnlyList<NamedResponse<RefusalGround>> RefusalGrounds);

public sealed record DocumentRequirementResponse(IReadOnlyList<NamedResponse<ServiceDocument>> AnyOf, bool OnlyWhereNeeded);

/// <summary>A window of filing as month-day pairs ("04-01" to "08-31").</summary>
public sealed record WindowResponse(string From, string To);

/// <summary>A value of an enumeration and its name in the request's language.</summary>
public sealed record NamedResponse<T>(T Value, string Name);

/// <summary>A child a parent claimed, as the parent sees it: whether staff confirmed the link yet.</summary>
public sealed record ChildLinkResponse(Guid Id, string LastName, string FirstName, string? MiddleName, DateOnly BirthDate, bool Confirmed);

/// <summary>
/// One application for its applicant or its office: where it stands, its term (due, overdue, escalated), the child
/// (only to these two), the decision, what the caller may do now, and every transition of record.
/// </summary>
public sealed record ApplicationResponse(
    Guid Id,
    ServiceKind Service,
    string ServiceName,
    ApplicationState State,
    string StateName,
    DateTimeOffset ReceivedAt,
    DateOnly CountsFrom,
    DateOnly? DueOn,
    bool Overdue,
    bool Escalated,
    DateOnly? DecidedOn,
    string OfficeId,
    string OfficeName,
    ApplicationChildResponse? Child,
    bool LinkConfirmed,
    IReadOnlyList<NamedResponse<ServiceDocument>> Documents,
    bool FromAssignedTerritory,
    PriorityCategory Priority,
    string? AdmittedYear,
    RefusalResponse? Refusal,
    string? VerificationCode,
    IReadOnlyList<NamedResponse<ApplicationAction>> Actions,
    IReadOnlyList<TransitionResponse> Transitions,
    QueueResponse? Queue = null);

/// <summary>
/// A child's place in the kindergarten queue (for one application, to its applicant and office): the place now and of
/// how many, the reference shown in the published queue, the priority that counts, a direction given, and every change of
/// place with its cause.
/// </summary>
public sealed record QueueResponse(int? Place, int Of, string Reference, bool PriorityConfirmed, string? DirectedTo, DateOnly? DirectionUntil,
    IReadOnlyList<QueueChangeResponse> Changes);

public sealed record QueueChangeResponse(DateTimeOffset At, int? From, int? To, QueueChangeCause Cause, string CauseName);

/// <summary>A district's published kindergarten queues: no child, no parent; each place with its reference, filing month and whether a priority counts.</summary>
public sealed record PublicQueueResponse(string DistrictId, string DistrictName, IReadOnlyList<PublicQueueYearResponse> Years);

public sealed record PublicQueueYearResponse(int BirthYear, IReadOnlyList<PublicQueuePlaceResponse> Places);

public sealed record PublicQueuePlaceResponse(int Place, string Reference, string FiledMonth, bool Priority);

public sealed record ApplicationChildResponse(Guid? ChildLinkId, string? StudentId, string LastName, string FirstName, DateOnly BirthDate);

public sealed record RefusalResponse(RefusalGround Ground, string GroundName, string Reason);

/// <summary>A transition of record: the step, the party that took it (never a staff member's name), when and why.</summary>
public sealed record TransitionResponse(int Version, ApplicationAction? Action, ApplicationState? From, ApplicationState To, WorkflowActor By,
    DateTimeOffset At, RefusalGround? Ground, string? Reason);

/// <summary>An overdue application as officers above the office see it: no child, no applicant.</summary>
public sealed record OverdueApplicationResponse(Guid Id, ServiceKind Service, string ServiceName, string OfficeId, string OfficeName, DateOnly DueOn,
    int WorkingDaysLate, bool Escalated);

/// <summary>A certificate of study checked by its code: what the public may know, nothing more.</summary>
public sealed record PublicCertificateResponse(string Kind, string OrganizationId, string OrganizationName, DateOnly IssuedOn, string Initials, bool Valid);

/// <summary>An operator's change of a service: its term in working days and its window (month-day pairs), either may be left as it is.</summary>
public sealed record ServiceSettingRequest(int? DecisionWorkingDays, string? WindowFrom, string? WindowTo);

/// <summary>The filing request with the client's idempotency key: a retry with the same id answers as the first filing did.</summary>
public sealed record ApplicationFilingBody(
    Guid? ApplicationId,
    ServiceKind? Service,
    Guid? ChildLinkId,
    string? StudentId,
    string? OfficeId,
    IReadOnlyList<ServiceDocument>? Documents,
    bool FromAssignedTerritory = false,
    PriorityCategory Priority = PriorityCategory.None);

/// <summary>
/// How well a place is served by the e-services (issue 22, item 9), open data: its figures, by service, and for each
/// area or organization directly below it.
/// </summary>
public sealed record ServiceFiguresResponse(string NodeId, string Name, DateOnly Today, FiguresResponse Total,
    IReadOnlyList<ServiceFiguresRow> ByService, IReadOnlyList<ChildFiguresRow> Children);

public sealed record FiguresResponse(int Received, int Decided, int DecidedOnTime, int Overdue, double? MedianWorkingDaysToDecision)
{
    public static FiguresResponse Of(EduInfo.Domain.EServices.ServiceFigures f) => new(f.Received, f.Decided, f.DecidedOnTime, f.Overdue, f.MedianWorkingDaysToDecision);
}

public sealed record ServiceFiguresRow(ServiceKind Service, string Name, FiguresResponse Figures);

public sealed record ChildFiguresRow(string NodeId, string Name, FiguresResponse Figures);

/// <summary>A document attached: its id, kind and size.</summary>
public sealed record UploadResponse(Guid Id, ServiceDocument Document, int SizeBytes);

/// <summary>A document of an application as listed: never its content.</summary>
public sealed record UploadListItem(Guid Id, ServiceDocument Document, string DocumentName, string ContentType, int SizeBytes, DateTimeOffset UploadedAt);

/// <summary>The caller's in-app inbox: how many unread, and the latest messages (a status and a link, never a person).</summary>
public sealed record NotificationsResponse(int Unread, IReadOnlyList<NotificationResponse> Items);

public sealed record NotificationResponse(long Id, string Kind, string Text, string Link, DateTimeOffset CreatedAt, bool Read, Guid? ApplicationId,
    ApplicationState? State);

/// <summary>
/// A parent's own channels as saved (shown to them only): addresses, each channel on or off, quiet hours hh:mm, the
/// messages' language, and which of their children's journal events they follow.
/// </summary>
public sealed record NotificationChannelsResponse(string? Email, string? Phone, bool EmailOn, bool SmsOn, string? QuietFrom, string? QuietTo, string? Language,
    bool MarksOn, bool AbsencesOn, bool TermMarksOn)
{
    public static NotificationChannelsResponse Of(Storage.Notifications.SavedChannels? saved) => saved is null
        ? new(null, null, false, false, null, null, null, false, false, false)
        : new(saved.Settings.Email, saved.Settings.Phone, saved.Settings.EmailOn, saved.Settings.SmsOn,
            saved.Settings.Quiet.IsNone ? null : saved.Settings.Quiet.From.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            saved.Settings.Quiet.IsNone ? null : saved.Settings.Quiet.To.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), saved.Language,
            saved.Follows.Marks, saved.Follows.Absences, saved.Follows.TermMarks);
}
