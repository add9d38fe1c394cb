using System.Security.Cryptography;
using EduInfo.Domain.Calendar;
using EduInfo.Domain.EServices;
using EduInfo.Domain.YearEnd;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Domain.Journal;
using EduInfo.Grains.Interfaces.EServices;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Grains.Interfaces.Registry;
using EduInfo.Domain.Registry;
using EduInfo.Storage.Assessment;
using EduInfo.Storage.Audit;
using EduInfo.Storage.EServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EduInfo.Grains.EServices;

/// <summary>
/// One application (issue 22): its one writer, so two steps never interleave. The state machine is
/// <see cref="ApplicationWorkflow"/>'s; the row, its transitions and the audit are written in one transaction before a
/// step is acknowledged. The deadline is the row's: the reminder only wakes the grain, which escalates an overdue
/// application once (the row's escalated_at guards it across silos) and drops the reminder at the decision.
/// </summary>
public sealed class ServiceApplicationGrain(ApplicationStore store, ServiceDesk desk, IKazakhstanClock clock, IOptions<EServicesOptions> options,
    ILogger<ServiceApplicationGrain> logger) : Grain, IServiceApplicationGrain, IRemindable
{
    private const string DeadlineReminder = "deadline";
    private ApplicationRecord? _record;

    private Guid Id => this.GetPrimaryKey();

    public override async Task OnActivateAsync(CancellationToken cancellationToken) => _record = await store.LoadAsync(Id, cancellationToken);

    public async Task<ApplicationOutcome> File(Actor actor, ApplicationFilingRequest request)
    {
        if (ServiceParties.ApplicantOf(actor) is not { } applicant)
        {
            return new ApplicationOutcome(ApplicationStatus.Forbidden, []);
        }
        if (_record is { } existing)
        {
            // A retry of the same filing (the id is the client's idempotency key) answers as the first did.
            if (existing.ApplicantId != applicant)
            {
                return ApplicationOutcome.NotFound;
            }
            await AfterCommitAsync();
            return await CompleteAtOnceAsync(actor);
        }
        if (Shape(request) is { } malformed)
        {
            return malformed;
        }
        var now = clock.UtcNow;
        var catalogue = await desk.CatalogueAsync();
        var service = catalogue.Single(s => s.Kind == request.Service);
        DateOnly birth = default;
        if (request.ChildLinkId is { } linkId)
        {
            if (await store.ChildLinkAsync(linkId) is not { } link || link.ParentId != applicant)
            {
                return ApplicationOutcome.Refused(ApplicationStatus.Invalid, "childLinkId", "childNotFound");
            }
            birth = link.BirthDate;
        }
        var place = await store.FilingPlaceAsync(request.OfficeId!, request.StudentId, applicant, clock.Today);
        if (request.StudentId is not null && place.PupilOrganizationId is null)
        {
            // Not the applicant's child today, or not a pupil: the same answer, so nothing is learnt of another's child.
            return ApplicationOutcome.Refused(ApplicationStatus.Invalid, "studentId", "childNotFound");
        }
        if (place.Office == OfficeKind.Unknown)
        {
            return ApplicationOutcome.Refused(ApplicationStatus.Invalid, "officeId", "officeUnknown");
        }
        var problems = FilingRules.Check(new Filing(service, place.PupilBirthDate ?? birth, place.PupilOrganizationId, request.OfficeId!, place.Office,
            request.Documents!.ToHashSet(), request.Priority, now));
        if (problems.Count > 0)
        {
            return new ApplicationOutcome(ApplicationStatus.Invalid, [.. problems.Select(p => new ApplicationProblem(p.Field, Code(p.Error)))]);
        }
        var calendar = await desk.CalendarAsync();
        var application = new NewApplication(Id, service.Kind, applicant, request.ChildLinkId, request.StudentId, request.OfficeId!, place.DistrictId!,
            [.. request.Documents!.Distinct().Order()], request.FromAssignedTerritory && service.Kind == ServiceKind.FirstGradeAdmission, request.Priority,
            service.Kind == ServiceKind.FirstGradeAdmission ? FirstGradeRules.AdmittedYear(now) : null, now, calendar.FiledOn(now),
            FilingRules.DueOn(service, now, calendar), ApplicationState.Filed,
            service.Kind == ServiceKind.StudyCertificate ? VerificationCode.Of(RandomNumberGenerator.GetBytes(VerificationCode.RandomBytes)) : null,
            service.Kind == ServiceKind.KindergartenQueue ? birth.Year : null);
        var first = new ApplicationTransition(1, null, null, ApplicationState.Filed, actor.UserId, WorkflowActor.Applicant, now, null, null);
        var written = await store.FileAsync(application, first, Audit(actor, "application.file", request.OfficeId!, place.DistrictId!));
        switch (written)
        {
            case ApplicationWrite.AlreadyApplied:
                return ApplicationOutcome.Refused(ApplicationStatus.Conflict, "service", "alreadyApplied");
            case ApplicationWrite.Exists:
                _record = await store.LoadAsync(Id);
                return _record?.ApplicantId == applicant ? ApplicationOutcome.Done(Id) : ApplicationOutcome.NotFound;
        }
        _record = await store.LoadAsync(Id);
        await AfterCommitAsync();
        return await CompleteAtOnceAsync(actor);
    }

    /// <summary>A service carried out at once (a certificate of study) is completed by the system right after its filing.</summary>
    private async Task<ApplicationOutcome> CompleteAtOnceAsync(Actor actor)
    {
        var record = _record!;
        if (record.State == ApplicationState.Filed && (await desk.CatalogueAsync()).Single(s => s.Kind == record.Service).DecisionWorkingDays is null)
        {
            var step = new ApplicationTransition(record.Version + 1, ApplicationAction.Complete, record.State, ApplicationState.Completed, actor.UserId,
                WorkflowActor.System, clock.UtcNow, null, null);
            await store.TransitionAsync(Id, record.Version, step, decides: true, Audit(actor, "application.complete", record.OfficeId, record.DistrictId),
                notify: record.ApplicantId);
            _record = await store.LoadAsync(Id);
        }
        return ApplicationOutcome.Done(Id);
    }

    public async Task<ApplicationOutcome> Act(Actor actor, ApplicationStepRequest request)
    {
        // Read afresh: the child's link may have been confirmed through another application of the same child.
        _record = await store.LoadAsync(Id);
        if (_record is not { } record || ServiceParties.Of(actor, record.Service, record.ApplicantId, record.OfficeId, record.DistrictId) is not { Count: > 0 } parties)
        {
            return ApplicationOutcome.NotFound;
        }
        if (request.Action is not { } action)
        {
            return ApplicationOutcome.Refused(ApplicationStatus.Invalid, "action", "required");
        }
        var service = (await desk.CatalogueAsync()).Single(s => s.Kind == record.Service);
        var reason = request.Reason?.Trim();
        if (reason?.Length > ApplicationWorkflow.MaxReasonLength)
        {
            return ApplicationOutcome.Refused(ApplicationStatus.Invalid, "reason", "reasonRequired");
        }
        var decisions = parties.Select(p => (Party: p, Outcome: ApplicationWorkflow.Decide(service, record.State, action, p, request.Ground, reason))).ToList();
        var (party, outcome) = decisions.FirstOrDefault(d => d.Outcome.To is not null) is { Party: var found } hit && hit.Outcome.To is not null ? hit : decisions[0];
        if (outcome.Refusal is { } refusal)
        {
            return Refusal(refusal);
        }
        if (!record.LinkConfirmed && party != WorkflowActor.Applicant && action != ApplicationAction.Refuse)
        {
            return ApplicationOutcome.Refused(ApplicationStatus.Conflict, "childLinkId", "linkUnconfirmed");
        }
        ApplicationChange? change = null;
        if (action == ApplicationAction.Enqueue)
        {
            change = new ApplicationChange(PriorityConfirmed: record.Priority != PriorityCategory.None && request.PriorityConfirmed == true);
        }
        else if (action == ApplicationAction.Direct)
        {
            var (direction, refused) = await DirectionAsync(record, request.OrganizationId);
            if (refused is not null)
            {
                return refused;
            }
            change = direction;
        }
        else if (action == ApplicationAction.Complete && record.Service == ServiceKind.SchoolTransfer
                 && await TransferAsync(actor, record, request) is { } refusedTransfer)
        {
            return refusedTransfer;
        }
        DocumentDuplicate? duplicate = null;
        if (action == ApplicationAction.Complete && record.Service == ServiceKind.DocumentDuplicate)
        {
            (duplicate, var refusedDuplicate) = await DuplicateAsync(record, request);
            if (refusedDuplicate is not null)
            {
                return refusedDuplicate;
            }
        }
        return await StepAsync(record, new ApplicationTransition(record.Version + 1, action, record.State, outcome.To!.Value, actor.UserId, party, clock.UtcNow,
            action == ApplicationAction.Refuse ? request.Ground : null, reason is { Length: > 0 } ? reason : null), change,
            Audit(actor, $"application.{ApplicationStore.Text(action)}", record.OfficeId, record.DistrictId), duplicate,
            duplicate is null ? null : new AuditEntry(actor.UserId, actor.Roles, actor.ClientAddress, "document.duplicate", "class", duplicate.ClassId,
                record.OfficeId, "committed"));
    }

    /// <summary>
    /// A direction goes to the first child of the queue only (the rules' order), to a kindergarten of the queue's district;
    /// it may be used for the catalogue's working days, counted like a filing.
    /// </summary>
    private async Task<(ApplicationChange? Change, ApplicationOutcome? Refused)> DirectionAsync(ApplicationRecord record, string? kindergartenId)
    {
        if (string.IsNullOrWhiteSpace(kindergartenId) || kindergartenId.Length > 64
            || await store.OrganizationAsync(kindergartenId) is not { Kind: "preschool" } kindergarten || kindergarten.NodeId != record.DistrictId)
        {
            return (null, ApplicationOutcome.Refused(ApplicationStatus.Invalid, "organizationId", "kindergartenWrong"));
        }
        var queue = await store.QueueEntriesAsync(record.DistrictId, record.BirthYear!.Value);
        return queue.Count == 0 || queue[0].ApplicationId != Id.ToString()
            ? (null, ApplicationOutcome.Refused(ApplicationStatus.Conflict, "action", "notFirstInQueue"))
            : (new ApplicationChange(DirectedTo: kindergartenId,
                DirectionUntil: KindergartenQueueRules.Default.DirectionUsableUntil(clock.UtcNow, await desk.CalendarAsync())), null);
    }

    /// <summary>
    /// A transfer is carried out through the journal's one transfer write path (the pupil's enrolment grain) into a class of
    /// the receiving school, before the step is recorded; a retry after the transfer committed finds the pupil there already.
    /// </summary>
    private async Task<ApplicationOutcome?> TransferAsync(Actor actor, ApplicationRecord record, ApplicationStepRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.ClassId) || request.ClassId.Length > 64 || request.Date is null
            || await store.ClassOrganizationAsync(request.ClassId) != record.OfficeId)
        {
            return ApplicationOutcome.Refused(ApplicationStatus.Invalid, "classId", "classWrong");
        }
        if (await store.CurrentClassAsync(record.StudentId!, clock.Today) == request.ClassId)
        {
            return null;
        }
        var moved = await GrainFactory.GetGrain<IEnrolmentGrain>(record.StudentId!).Transfer(actor,
            new TransferRequest(request.ClassId, request.Date, $"e-service application {Id}"));
        return moved.Accepted ? null : new ApplicationOutcome(ApplicationStatus.Invalid,
            [.. moved.Problems.Select(p => new ApplicationProblem(p.Field, ApplicationStore.Text(p.Error), $"transfer.error.{ApplicationStore.Text(p.Error)}"))]);
    }

    /// <summary>
    /// A duplicate is issued into the register by the completion step itself (a new blank, the original revoked as
    /// replaced, in the step's transaction): the original must be a valid document of this pupil from this school — the
    /// office completing is its head — and the blank well formed.
    /// </summary>
    private async Task<(DocumentDuplicate? Duplicate, ApplicationOutcome? Refused)> DuplicateAsync(ApplicationRecord record, ApplicationStepRequest request)
    {
        if (request.DocumentId is not { } documentId || await store.DocumentPlaceAsync(documentId) is not { } original
            || original.StudentId != record.StudentId || original.OrganizationId != record.OfficeId)
        {
            return (null, ApplicationOutcome.Refused(ApplicationStatus.Invalid, "documentId", "documentWrong"));
        }
        var series = DocumentValidator.NormalSeries(request.Series);
        var number = DocumentValidator.NormalNumber(request.Number);
        if (series is null || number is null)
        {
            return (null, ApplicationOutcome.Refused(ApplicationStatus.Invalid, series is null ? "series" : "number", "blankInvalid"));
        }
        return (new DocumentDuplicate(Guid.NewGuid(), VerificationCode.Of(RandomNumberGenerator.GetBytes(VerificationCode.RandomBytes)), documentId,
            original.ClassId, series, number, clock.Today, Id), null);
    }

    /// <summary>Writes a step (stale: another step won; a kindergarten queue's places move in its transaction), then its reminder follows.</summary>
    private async Task<ApplicationOutcome> StepAsync(ApplicationRecord record, ApplicationTransition step, ApplicationChange? change, AuditEntry audit,
        DocumentDuplicate? duplicate = null, AuditEntry? duplicateAudit = null)
    {
        // The office's decision ends its term; an applicant's withdrawal is none.
        var decides = record.State.AwaitsDecision() && !step.To.AwaitsDecision() && step.To != ApplicationState.Withdrawn;
        var queue = QueueCause(record.State, step.To, step.Action) is { } cause && record.BirthYear is { } year
            ? new QueueMove(record.DistrictId, year, cause, MustHeadQueue: step.Action == ApplicationAction.Direct)
            : null;
        var written = await store.TransitionAsync(Id, record.Version, step, decides, audit, change,
            notify: step.ActorKind == WorkflowActor.Applicant ? null : record.ApplicantId, queue: queue, duplicate: duplicate, duplicateAudit: duplicateAudit);
        _record = await store.LoadAsync(Id);
        switch (written)
        {
            case ApplicationWrite.Stale:
                return ApplicationOutcome.Refused(ApplicationStatus.Conflict, "action", "changed");
            case ApplicationWrite.NotFirstInQueue:
                return ApplicationOutcome.Refused(ApplicationStatus.Conflict, "action", "notFirstInQueue");
            case ApplicationWrite.BlankTaken:
                return ApplicationOutcome.Refused(ApplicationStatus.Conflict, "number", "blankTaken");
            case ApplicationWrite.DocumentWrong:
                return ApplicationOutcome.Refused(ApplicationStatus.Conflict, "documentId", "documentWrong");
        }
        await AfterCommitAsync();
        return ApplicationOutcome.Done(Id);
    }

    /// <summary>
    /// What follows a committed step: the deadline's reminder. The step stands whatever happens here, so a failure is
    /// logged, not answered: the daily sweep registers a missing reminder.
    /// </summary>
    private async Task AfterCommitAsync()
    {
        try
        {
            await EnsureReminder();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Application {ApplicationId}: the step is committed, but its reminder was not registered", Id);
        }
    }

    /// <summary>Why the queue's places move with this step, if they do.</summary>
    private static QueueChangeCause? QueueCause(ApplicationState from, ApplicationState to, ApplicationAction? action) => (from, to, action) switch
    {
        (_, ApplicationState.Queued, ApplicationAction.Lapse) => QueueChangeCause.DirectionLapsed,
        (_, ApplicationState.Queued, _) => QueueChangeCause.Entered,
        (ApplicationState.Queued, ApplicationState.Directed, _) => QueueChangeCause.Directed,
        (ApplicationState.Queued, _, _) => QueueChangeCause.Left,
        _ => null,
    };

    public async Task<ApplicationOutcome> ConfirmLink(Actor actor, LinkConfirmationRequest request)
    {
        _record = await store.LoadAsync(Id);
        if (_record is not { } record || ServiceParties.Of(actor, record.Service, record.ApplicantId, record.OfficeId, record.DistrictId) is not { Count: > 0 } parties)
        {
            return ApplicationOutcome.NotFound;
        }
        if (!parties.Contains(WorkflowActor.Office) && !parties.Contains(WorkflowActor.ReceivingHead))
        {
            return new ApplicationOutcome(ApplicationStatus.Forbidden, []);
        }
        if (record.ChildLinkId is not { } linkId || record.LinkConfirmed)
        {
            return record.LinkConfirmed ? ApplicationOutcome.Done(Id) : ApplicationOutcome.Refused(ApplicationStatus.Conflict, "childLinkId", "noLinkToConfirm");
        }
        var link = await store.ChildLinkAsync(linkId);
        if (link is null || !ChildClaimRules.SameCertificate(link.BirthCertificate, request.BirthCertificate))
        {
            return ApplicationOutcome.Refused(ApplicationStatus.Invalid, "birthCertificate", "certificateMismatch");
        }
        await store.ConfirmLinkAsync(linkId, record.OfficeId, clock.UtcNow, Audit(actor, "application.confirmLink", record.OfficeId, record.DistrictId));
        _record = await store.LoadAsync(Id);
        return ApplicationOutcome.Done(Id);
    }

    public async Task<ApplicationOutcome> Attach(Actor actor, ServiceDocument document, byte[] content)
    {
        _record = await store.LoadAsync(Id);
        if (_record is not { } record || ServiceParties.Of(actor, record.Service, record.ApplicantId, record.OfficeId, record.DistrictId) is not { Count: > 0 } parties)
        {
            return ApplicationOutcome.NotFound;
        }
        if (!parties.Contains(WorkflowActor.Applicant))
        {
            return new ApplicationOutcome(ApplicationStatus.Forbidden, []);
        }
        if (!Enum.IsDefined(document))
        {
            return ApplicationOutcome.Refused(ApplicationStatus.Invalid, "document", "required");
        }
        var uploaded = (await store.UploadsOfAsync(Id)).Count;
        if (UploadRules.Check(content, record.State, uploaded) is { } refused)
        {
            return ApplicationOutcome.Refused(refused is UploadError.NotNow or UploadError.TooMany ? ApplicationStatus.Conflict : ApplicationStatus.Invalid,
                "file", ApplicationStore.Text(refused));
        }
        var uploadId = Guid.NewGuid();
        await store.AttachAsync(Id, uploadId, document, UploadRules.ContentTypeOf(UploadRules.Sniff(content)!.Value), content, clock.UtcNow,
            Audit(actor, "application.upload", record.OfficeId, record.DistrictId));
        return new ApplicationOutcome(ApplicationStatus.Done, [], uploadId);
    }

    public async Task EnsureReminder()
    {
        if (DeadlineOf(_record) is { } due)
        {
            // Wake at the deadline's end, or within a period, whichever comes first: the domain clock decides lateness.
            var end = new DateTimeOffset(due.AddDays(1).ToDateTime(TimeOnly.MinValue), KazakhstanClock.Offset);
            var period = options.Value.ReminderPeriod;
            var wait = end - clock.UtcNow;
            await this.RegisterOrUpdateReminder(DeadlineReminder, wait <= TimeSpan.Zero ? TimeSpan.FromSeconds(1) : wait < period ? wait : period, period);
        }
        else if (await this.GetReminder(DeadlineReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>The day a running deadline ends: the office's decision (until escalated), or a direction's last day of use.</summary>
    private static DateOnly? DeadlineOf(ApplicationRecord? record) => record switch
    {
        { DueOn: { } due, EscalatedAt: null } when record.State.AwaitsDecision() => due,
        { State: ApplicationState.Directed, DirectionUntil: { } until } => until,
        _ => null,
    };

    public async Task Wake()
    {
        _record = await store.LoadAsync(Id);
        if (_record is { State: ApplicationState.Directed, DirectionUntil: { } until } directed && clock.Today > until)
        {
            // Unused for its term, the direction lapses: the child returns to the place its filing gives.
            var system = new Actor("system", [], null, null);
            await StepAsync(directed, new ApplicationTransition(directed.Version + 1, ApplicationAction.Lapse, directed.State, ApplicationState.Queued, system.UserId,
                WorkflowActor.System, clock.UtcNow, null, null), new ApplicationChange(EndsDirection: true),
                Audit(system, "application.lapse", directed.OfficeId, directed.DistrictId));
            return;
        }
        if (_record is { DueOn: { } due } record && record.State.AwaitsDecision() && record.EscalatedAt is null && clock.Today > due)
        {
            var audit = new AuditEntry("system", [], null, "application.escalate", "application", Id.ToString(), record.OfficeId == record.DistrictId ? null : record.OfficeId, "committed");
            if (await store.EscalateAsync(Id, clock.UtcNow, clock.Today, audit))
            {
                logger.LogInformation("Application {ApplicationId} of {Service} is overdue since {DueOn}: escalated to district {DistrictId}",
                    Id, record.Service, due, record.DistrictId);
            }
            _record = await store.LoadAsync(Id);
        }
        await EnsureReminder();
    }

    public Task ReceiveReminder(string reminderName, Orleans.Runtime.TickStatus status) => Wake();

    // The audit row names the organization applied to, so its head finds it in their log; a department's has none.
    private AuditEntry Audit(Actor actor, string action, string officeId, string districtId) =>
        new(actor.UserId, actor.Roles, actor.ClientAddress, action, "application", Id.ToString(), officeId == districtId ? null : officeId, "committed");

    private static ApplicationOutcome? Shape(ApplicationFilingRequest request)
    {
        var problems = new List<ApplicationProblem>();
        if (request.Service is not { } service || !Enum.IsDefined(service))
        {
            problems.Add(new("service", "required"));
        }
        if (string.IsNullOrWhiteSpace(request.OfficeId) || request.OfficeId.Length > 64)
        {
            problems.Add(new("officeId", "required"));
        }
        if ((request.ChildLinkId is null) == (request.StudentId is null) || request.StudentId is { Length: 0 or > 64 })
        {
            problems.Add(new("child", "required"));
        }
        if (request.Documents is null || request.Documents.Count > 20 || request.Documents.Any(d => !Enum.IsDefined(d)))
        {
            problems.Add(new("documents", "required"));
        }
        if (!Enum.IsDefined(request.Priority))
        {
            problems.Add(new("priority", "required"));
        }
        return problems.Count > 0 ? new ApplicationOutcome(ApplicationStatus.Invalid, problems) : null;
    }

    private static string Code(FilingError error) => ApplicationStore.Text(error);

    private static ApplicationOutcome Refusal(WorkflowRefusal refusal) => refusal switch
    {
        WorkflowRefusal.ApplicationClosed => ApplicationOutcome.Refused(ApplicationStatus.Conflict, "action", "applicationClosed"),
        WorkflowRefusal.NotAllowedNow => ApplicationOutcome.Refused(ApplicationStatus.Conflict, "action", "notAllowedNow"),
        WorkflowRefusal.NotYourStep => new ApplicationOutcome(ApplicationStatus.Forbidden, []),
        WorkflowRefusal.GroundRequired => ApplicationOutcome.Refused(ApplicationStatus.Invalid, "ground", "required"),
        WorkflowRefusal.GroundNotListed => ApplicationOutcome.Refused(ApplicationStatus.Invalid, "ground", "groundNotListed"),
        _ => ApplicationOutcome.Refused(ApplicationStatus.Invalid, "reason", "reasonRequired"),
    };
}
