using EduInfo.Storage.Notifications;
using EduInfo.Api.Contracts;
using EduInfo.Api.Localization;
using EduInfo.Api.Problems;
using EduInfo.Api.Reads;
using EduInfo.Api.Security;
using EduInfo.Domain.EServices;
using EduInfo.Domain.YearEnd;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.EServices;
using EduInfo.Grains.Interfaces.Localization;
using ApplicationStoreNames = EduInfo.Storage.EServices.ApplicationStore;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduInfo.Api.Endpoints;

/// <summary>
/// The e-services desk (issue 22; order points 8 and 12.2): the catalogue, a parent's children and applications, each
/// application's steps through its grain, the office's work queue and the area's overdue list, a certificate's public
/// check, and the operator's change of a service's term and window.
/// </summary>
public static class ApplicationEndpoints
{
    public static RouteGroupBuilder MapPublicServiceEndpoints(this RouteGroupBuilder api)
    {
        var open = api.MapGroup("/public").WithTags("E-services").AllowAnonymous();
        open.MapGet("/services", Services).WithName("ListServices")
            .WithSummary("The catalogue of e-services: who applies, the documents, the office, the term in working days, the window, the grounds of refusal");
        open.MapGet("/nodes/{nodeId}/services", Figures).WithName("GetServiceFigures")
            .WithSummary("How well an area or organization is served: received, decided, decided on time, overdue, median working days to decision; by service and below");
        open.MapGet("/queues/{districtId}", Queue).WithName("GetKindergartenQueue")
            .WithSummary("A district's kindergarten queues by birth year, anonymized: place, reference, filing day, the priority that counts");
        open.MapGet("/certificates/{code}", VerifyCertificate).RequireRateLimiting(RateLimits.VerificationPolicy).WithName("VerifyCertificate")
            .WithSummary("Check a certificate of study by its printed code: organization, date, the pupil's initials, valid while the pupil studies there");
        return api;
    }

    public static RouteGroupBuilder MapApplicationEndpoints(this RouteGroupBuilder api)
    {
        var desk = api.MapGroup("").WithTags("E-services");
        desk.MapPost("/me/children", ClaimChild).RequireCaller(IsParent).WithName("ClaimChild")
            .WithSummary("A parent names a child from the birth certificate; staff of the office applied to confirm the link (audited)");
        desk.MapGet("/me/children", Children).RequireCaller(IsParent).WithName("ListMyChildren")
            .WithSummary("The children the parent claimed, each confirmed or not");
        desk.MapGet("/me/notifications", Notifications).RequireCaller().WithName("ListMyNotifications")
            .WithSummary("The caller's in-app inbox: the unread count and the latest 50 messages (a status and a link, never a name)");
        desk.MapPost("/me/notifications/{notificationId}/read", MarkRead).RequireCaller(a => ServiceParties.InboxesOf(a).Count > 0).WithName("MarkNotificationRead")
            .WithSummary("Mark one of the caller's messages read");
        desk.MapGet("/me/notification-channels", Channels).RequireCaller(IsParent).WithName("GetMyNotificationChannels")
            .WithSummary("The parent's e-mail and SMS channels and quiet hours (their own contacts, shown to them only)");
        desk.MapPut("/me/notification-channels", SaveChannels).RequireCaller(IsParent).WithName("SaveMyNotificationChannels")
            .WithSummary("Send the inbox's messages also by e-mail or SMS (a Kazakhstan mobile), never within the quiet hours (audited without the addresses)")
            .WithDescription("Messages are written in the request's language. A channel switched on needs its address; quiet hours are hh:mm in Kazakhstan time and may cross midnight.");
        desk.MapPost("/applications", File).RequireCaller(IsParent).RequireAdmission(AdmissionPool.Filings).WithName("FileApplication")
            .WithSummary("File an application (a parent); the id in the body makes a retry answer as the first filing did")
            .WithDescription("The deadline counts working days of the labour calendar from the filing (after 18:30 or on a day off, from the next working day). "
                + "A second open application of the same applicant for the same child and service is a 409.");
        desk.MapGet("/applications", Mine).RequireCaller(IsParent).WithName("ListMyApplications")
            .WithSummary("The parent's applications, newest first");
        desk.MapGet("/applications/{applicationId}", One).RequireCaller().WithName("GetApplication")
            .WithSummary("One application with its transitions of record: its applicant and its office only (404 to anyone else)");
        desk.MapPost("/applications/{applicationId}/steps", Step).RequireCaller().WithName("StepApplication")
            .WithSummary("A step of the workflow: take, approve, refuse (a listed ground and a reason), enqueue, direct, complete, withdraw (audited)")
            .WithDescription("A step that does not follow from the state, or on a closed application, is a 409; another party's step is a 403.");
        desk.MapPost("/applications/{applicationId}/link-confirmation", ConfirmLink).RequireCaller().WithName("ConfirmChildLink")
            .WithSummary("The office confirms the parent–child link with the birth certificate's number it read (audited)");
        desk.MapPost("/applications/{applicationId}/uploads", Upload).RequireCaller(IsParent).WithName("UploadApplicationDocument")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(UploadRules.MaxBytes + 1))
            .Accepts<byte[]>("application/pdf", "image/png", "image/jpeg", "application/octet-stream")
            .WithSummary("The applicant attaches a document (?document=healthForm065): PDF, PNG or JPEG by its bytes, at most 5 MiB (audited)");
        desk.MapGet("/applications/{applicationId}/uploads", Uploads).RequireCaller().WithName("ListApplicationDocuments")
            .WithSummary("The documents attached: kind, type, size, when (its applicant and its office)");
        desk.MapGet("/applications/{applicationId}/uploads/{uploadId}", Download).RequireCaller().WithName("DownloadApplicationDocument")
            .WithSummary("One document, as an attachment: the office's staff only, every read audited (health data)");
        desk.MapGet("/nodes/{nodeId}/applications", Office).RequireNode(IsOffice).WithName("ListOfficeApplications")
            .WithSummary("The office's work queue: a school's head at the school, the district's officers at the district (deadlines, overdue first)");
        desk.MapGet("/nodes/{nodeId}/applications/overdue", Overdue).RequireNode(ServiceParties.ReadsOverdue).WithName("ListOverdueApplications")
            .WithSummary("The area's applications past their term, with working days late and whether escalated; no child, no applicant");
        desk.MapPut("/policies/services/{service}", ChangeService).RequireCaller(a => a.Grants.Any(g => g.Role == Role.Operator)).WithName("ChangeService")
            .WithSummary("Change a service's term in working days or its window of filing (operators; audited)");
        return api;
    }

    private static bool IsParent(Actor actor) => ServiceParties.ApplicantOf(actor) is not null;

    private static bool IsOffice(Actor actor, IReadOnlyList<string> path) =>
        path.Count > 0 && actor.Grants.Any(g => g.ScopeId == path[^1] && g.Role is Role.Head or Role.DistrictOfficer);

    private static async Task<Ok<IReadOnlyList<ServiceResponse>>> Services(HttpContext http, ApplicationRead read, CancellationToken aborted) =>
        TypedResults.Ok(await read.ServicesAsync(RequestLanguage.Of(http), aborted));

    private static async Task<Results<Ok<ServiceFiguresResponse>, ProblemHttpResult>> Figures(string nodeId, HttpContext http, ApplicationRead read,
        CancellationToken aborted) =>
        await read.FiguresAsync(nodeId, RequestLanguage.Of(http), aborted) is { } figures
            ? TypedResults.Ok(figures)
            : LocalizedProblems.NotFound(http, "problem.notFound.node");

    private static async Task<Results<Ok<PublicQueueResponse>, ProblemHttpResult>> Queue(string districtId, HttpContext http, ApplicationRead read,
        CancellationToken aborted) =>
        await read.PublicQueueAsync(districtId, RequestLanguage.Of(http), aborted) is { } queue
            ? TypedResults.Ok(queue)
            : LocalizedProblems.NotFound(http, "problem.notFound.district");

    private static async Task<Results<Ok<PublicCertificateResponse>, ProblemHttpResult>> VerifyCertificate(string code, HttpContext http, ApplicationRead read,
        CancellationToken aborted) =>
        await PublicCodeCheck.RunAsync(code, http, "problem.notFound.certificate",
            canonical => read.CertificateAsync(canonical, RequestLanguage.Of(http), aborted));

    private static async Task<Results<Created<ChildLinkResponse>, ProblemHttpResult>> ClaimChild(ChildClaimRequest claim, [AsParameters] EndpointCall call,
        ApplicationRead read)
    {
        var parent = ServiceParties.ApplicantOf(call.Actor)!;
        var outcome = await call.Grains.GetGrain<IApplicantGrain>(parent).ClaimChild(call.Actor, claim);
        return outcome.ApplicationId is { } id && (await read.ChildrenOfAsync(call.Actor, call.Aborted)).FirstOrDefault(c => c.Id == id) is { } child
            ? TypedResults.Created($"/api/v1/me/children/{id}", child)
            : Refused(call.Http, outcome);
    }

    private static async Task<Ok<IReadOnlyList<ChildLinkResponse>>> Children([AsParameters] EndpointCall call, ApplicationRead read) =>
        TypedResults.Ok(await read.ChildrenOfAsync(call.Actor, call.Aborted));

    private static async Task<Results<Created<ApplicationResponse>, ProblemHttpResult>> File(ApplicationFilingBody body, [AsParameters] EndpointCall call,
        ApplicationRead read)
    {
        var id = body.ApplicationId is { } given && given != Guid.Empty ? given : Guid.NewGuid();
        var outcome = await call.Grains.GetGrain<IServiceApplicationGrain>(id).File(call.Actor,
            new ApplicationFilingRequest(body.Service, body.ChildLinkId, body.StudentId, body.OfficeId, body.Documents, body.FromAssignedTerritory, body.Priority));
        return outcome.Status == ApplicationStatus.Done && await read.OneAsync(call.Actor, id, RequestLanguage.Of(call.Http), call.Aborted) is { } filed
            ? TypedResults.Created($"/api/v1/applications/{id}", filed)
            : Refused(call.Http, outcome);
    }

    private static async Task<Ok<NotificationsResponse>> Notifications([AsParameters] EndpointCall call, ApplicationRead read) =>
        TypedResults.Ok(await read.NotificationsAsync(call.Actor, RequestLanguage.Of(call.Http), call.Aborted));

    private static async Task<Results<NoContent, ProblemHttpResult>> MarkRead(string notificationId, [AsParameters] EndpointCall call)
    {
        if (long.TryParse(notificationId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            foreach (var inbox in ServiceParties.InboxesOf(call.Actor))
            {
                if (await call.Grains.GetGrain<IInboxGrain>(inbox).MarkRead(call.Actor, id))
                {
                    return TypedResults.NoContent();
                }
            }
        }
        return LocalizedProblems.NotFound(call.Http, "problem.notFound.notification");
    }

    private static async Task<Ok<NotificationChannelsResponse>> Channels([AsParameters] EndpointCall call, DeliveryStore delivery) =>
        TypedResults.Ok(NotificationChannelsResponse.Of(await delivery.ChannelsAsync(ServiceParties.ApplicantOf(call.Actor)!, call.Aborted)));

    private static async Task<Results<NoContent, ProblemHttpResult>> SaveChannels(NotificationChannelsRequest request, [AsParameters] EndpointCall call)
    {
        var outcome = await call.Grains.GetGrain<IInboxGrain>(ServiceParties.ApplicantOf(call.Actor)!)
            .SaveChannels(call.Actor, request, RequestLanguage.Of(call.Http));
        return outcome.Status == ApplicationStatus.Done ? TypedResults.NoContent() : Refused(call.Http, outcome);
    }

    private static async Task<Ok<IReadOnlyList<ApplicationResponse>>> Mine([AsParameters] EndpointCall call, ApplicationRead read) =>
        TypedResults.Ok(await read.MineAsync(call.Actor, RequestLanguage.Of(call.Http), call.Aborted));

    private static async Task<Results<Ok<ApplicationResponse>, ProblemHttpResult>> One(string applicationId, [AsParameters] EndpointCall call, ApplicationRead read) =>
        Guid.TryParse(applicationId, out var id) && await read.OneAsync(call.Actor, id, RequestLanguage.Of(call.Http), call.Aborted) is { } application
            ? TypedResults.Ok(application)
            : LocalizedProblems.NotFound(call.Http, "problem.notFound.application");

    private static Task<Results<Ok<ApplicationResponse>, ProblemHttpResult>> Step(string applicationId, ApplicationStepRequest step,
        [AsParameters] EndpointCall call, ApplicationRead read) =>
        OnApplicationAsync(applicationId, call, read, grain => grain.Act(call.Actor, step));

    private static Task<Results<Ok<ApplicationResponse>, ProblemHttpResult>> ConfirmLink(string applicationId, LinkConfirmationRequest confirmation,
        [AsParameters] EndpointCall call, ApplicationRead read) =>
        OnApplicationAsync(applicationId, call, read, grain => grain.ConfirmLink(call.Actor, confirmation));

    private static async Task<Results<Ok<ApplicationResponse>, ProblemHttpResult>> OnApplicationAsync(string applicationId, EndpointCall call, ApplicationRead read,
        Func<IServiceApplicationGrain, Task<ApplicationOutcome>> write)
    {
        if (!Guid.TryParse(applicationId, out var id))
        {
            return LocalizedProblems.NotFound(call.Http, "problem.notFound.application");
        }
        var outcome = await write(call.Grains.GetGrain<IServiceApplicationGrain>(id));
        return outcome.Status == ApplicationStatus.Done && await read.OneAsync(call.Actor, id, RequestLanguage.Of(call.Http), call.Aborted) is { } application
            ? TypedResults.Ok(application)
            : Refused(call.Http, outcome);
    }

    private static async Task<Results<Created<UploadResponse>, ProblemHttpResult>> Upload(string applicationId, string? document, [AsParameters] EndpointCall call)
    {
        if (!Guid.TryParse(applicationId, out var id))
        {
            return LocalizedProblems.NotFound(call.Http, "problem.notFound.application");
        }
        if (document is null || int.TryParse(document, out _) || document.Contains(',') || !Enum.TryParse<ServiceDocument>(document, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
        {
            return Refused(call.Http, ApplicationOutcome.Refused(ApplicationStatus.Invalid, "document", "required"));
        }
        if (await PupilImports.ReadAsync(call.Http.Request.Body, UploadRules.MaxBytes, call.Aborted) is not { } content)
        {
            return LocalizedProblems.Create(call.Http, StatusCodes.Status413PayloadTooLarge, "too-large", "problem.uploadTooLarge.title", "problem.uploadTooLarge.detail");
        }
        var outcome = await call.Grains.GetGrain<IServiceApplicationGrain>(id).Attach(call.Actor, kind, content);
        return outcome is { Status: ApplicationStatus.Done, ApplicationId: { } upload }
            ? TypedResults.Created($"/api/v1/applications/{id}/uploads/{upload}", new UploadResponse(upload, kind, content.Length))
            : Refused(call.Http, outcome);
    }

    private static async Task<Results<Ok<IReadOnlyList<UploadListItem>>, ProblemHttpResult>> Uploads(string applicationId, [AsParameters] EndpointCall call,
        ApplicationRead read) =>
        Guid.TryParse(applicationId, out var id) && await read.UploadsAsync(call.Actor, id, RequestLanguage.Of(call.Http), call.Aborted) is { } uploads
            ? TypedResults.Ok(uploads)
            : LocalizedProblems.NotFound(call.Http, "problem.notFound.application");

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Download(string applicationId, string uploadId, [AsParameters] EndpointCall call,
        ApplicationRead read)
    {
        if (!Guid.TryParse(applicationId, out var id) || !Guid.TryParse(uploadId, out var upload))
        {
            return LocalizedProblems.NotFound(call.Http, "problem.notFound.upload");
        }
        var (found, forbidden) = await read.DownloadAsync(call.Actor, id, upload, call.Aborted);
        if (forbidden)
        {
            return LocalizedProblems.Forbidden(call.Http);
        }
        if (found is not { } file)
        {
            return LocalizedProblems.NotFound(call.Http, "problem.notFound.upload");
        }
        // Served as an attachment the browser never renders nor sniffs into something else.
        call.Http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(file.Content, file.Upload.ContentType,
            $"{ApplicationStoreNames.Text(file.Upload.Document)}.{UploadRules.ExtensionOf(file.Upload.ContentType)}");
    }

    private static async Task<Ok<IReadOnlyList<ApplicationResponse>>> Office(string nodeId, [AsParameters] EndpointCall call, ApplicationRead read) =>
        TypedResults.Ok(await read.OfficeAsync(call.Actor, nodeId, RequestLanguage.Of(call.Http), call.Aborted));

    private static async Task<Ok<IReadOnlyList<OverdueApplicationResponse>>> Overdue(string nodeId, [AsParameters] EndpointCall call, ApplicationRead read) =>
        TypedResults.Ok(await read.OverdueAsync(nodeId, RequestLanguage.Of(call.Http), call.Aborted));

    private static async Task<Results<NoContent, ProblemHttpResult>> ChangeService(string service, ServiceSettingRequest setting, [AsParameters] EndpointCall call)
    {
        if (!Enum.TryParse<ServiceKind>(service, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || int.TryParse(service, out _))
        {
            return LocalizedProblems.NotFound(call.Http, "problem.notFound.service");
        }
        if (!TryDay(setting.WindowFrom, out var from) | !TryDay(setting.WindowTo, out var to))
        {
            return Refused(call.Http, ApplicationOutcome.Refused(ApplicationStatus.Invalid, "window", "windowInvalid"));
        }
        var outcome = await call.Grains.GetGrain<IServiceCatalogueGrain>("KZ").Change(call.Actor, kind,
            new ServiceSettingChange(setting.DecisionWorkingDays, from?.Month, from?.Day, to?.Month, to?.Day));
        return outcome.Status == ApplicationStatus.Done ? TypedResults.NoContent() : Refused(call.Http, outcome);
    }

    /// <summary>A month-day "MM-DD" (absent is fine: the window is left as it is).</summary>
    private static bool TryDay(string? text, out (int Month, int Day)? day)
    {
        day = null;
        if (text is null)
        {
            return true;
        }
        if (text.Length != 5 || text[2] != '-' || !int.TryParse(text.AsSpan(0, 2), System.Globalization.NumberStyles.None, null, out var month)
            || !int.TryParse(text.AsSpan(3, 2), System.Globalization.NumberStyles.None, null, out var dayOfMonth))
        {
            return false;
        }
        day = (month, dayOfMonth);
        return true;
    }

    /// <summary>An application's refusal as RFC 9457 problem details in the request's language: 400, 403, 404 or 409.</summary>
    internal static ProblemHttpResult Refused(HttpContext http, ApplicationOutcome outcome)
    {
        var language = RequestLanguage.Of(http);
        var extensions = new Dictionary<string, object?>
        {
            ["errors"] = outcome.Problems.Select(p => new FieldError(p.Field, p.Code, Messages.Get(p.MessageKey, language))).ToList(),
        };
        return outcome.Status switch
        {
            ApplicationStatus.NotFound => LocalizedProblems.NotFound(http, "problem.notFound.application"),
            ApplicationStatus.Forbidden => LocalizedProblems.Forbidden(http),
            ApplicationStatus.Conflict => LocalizedProblems.Create(http, StatusCodes.Status409Conflict, "application-conflict",
                "problem.applicationConflict.title", "problem.applicationConflict.detail", extensions),
            _ => LocalizedProblems.Create(http, StatusCodes.Status400BadRequest, "validation", "problem.validation.title", "problem.applicationInvalid.detail", extensions),
        };
    }
}
