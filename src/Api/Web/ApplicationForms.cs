using System.Globalization;
using EduInfo.Api.Actors;
using EduInfo.Api.Localization;
using EduInfo.Api.Problems;
using EduInfo.Api.Security;
using EduInfo.Domain.EServices;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.EServices;
using EduInfo.Grains.Interfaces.Localization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace EduInfo.Api.Web;

/// <summary>What the e-service pages report after a form post.</summary>
public enum ApplicationNotice
{
    Claimed,
    Filed,
    Stepped,
    Confirmed,
    Uploaded,
    ChannelsSaved,
    Refused,
    /// <summary>The filings admission was full: nothing filed; the wizard says when to send again.</summary>
    Busy,
}

/// <summary>
/// The e-service pages' forms (antiforgery-validated): a parent names a child, files an application from the wizard and
/// attaches its documents; the office confirms the link and takes its steps. Each goes through the same grain as the
/// API (the one write path: same rules, same audit) and answers 303 back to a page with a notice, a refusal carrying
/// its problems' codes (the page shows only codes it knows).
/// </summary>
public static class ApplicationForms
{
    public static WebApplication MapApplicationForms(this WebApplication app)
    {
        var forms = app.MapGroup("/applications").WithTags("Browser session").ExcludeFromDescription().RequireAuthorization();
        forms.MapPost("/children", Claim);
        forms.MapPost("/notification-channels", SaveChannels);
        forms.MapPost("/new", File);
        forms.MapPost("/{applicationId}/steps", Step);
        forms.MapPost("/{applicationId}/link-confirmation", ConfirmLink);
        forms.MapPost("/{applicationId}/uploads", Upload).WithMetadata(new RequestSizeLimitAttribute(UploadRules.MaxBytes + 64 * 1024));
        return app;
    }

    public sealed record FormCall(HttpContext Http, ActorResolver Actors, IGrainFactory Grains);

    public sealed record ClaimForm(
        [FromForm(Name = "iin")] string? Iin,
        [FromForm(Name = "lastName")] string? LastName,
        [FromForm(Name = "firstName")] string? FirstName,
        [FromForm(Name = "middleName")] string? MiddleName,
        [FromForm(Name = "birthDate")] string? BirthDate,
        [FromForm(Name = "birthCertificate")] string? BirthCertificate);

    public sealed record StepForm(
        [FromForm(Name = "action")] string? Action,
        [FromForm(Name = "ground")] string? Ground,
        [FromForm(Name = "reason")] string? Reason,
        [FromForm(Name = "priorityConfirmed")] string? PriorityConfirmed,
        [FromForm(Name = "organizationId")] string? OrganizationId,
        [FromForm(Name = "classId")] string? ClassId,
        [FromForm(Name = "date")] string? Date,
        [FromForm(Name = "documentId")] string? DocumentId,
        [FromForm(Name = "series")] string? Series,
        [FromForm(Name = "number")] string? Number);

    private static async Task<Results<SeeOther, ProblemHttpResult>> Claim([AsParameters] ClaimForm form, [AsParameters] FormCall call)
    {
        if (Admit(call, parentOnly: true) is { } refusal)
        {
            return refusal;
        }
        var actor = call.Actors.Resolve(call.Http)!;
        DateOnly? birth = DateOnly.TryParseExact(form.BirthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var b) ? b : null;
        var outcome = await call.Grains.GetGrain<IApplicantGrain>(ServiceParties.ApplicantOf(actor)!).ClaimChild(actor,
            new ChildClaimRequest(form.Iin, form.LastName, form.FirstName, Blank(form.MiddleName), birth, form.BirthCertificate));
        return Back("/applications", outcome.Status == ApplicationStatus.Done ? ApplicationNotice.Claimed : ApplicationNotice.Refused, outcome);
    }

    public sealed record ChannelsForm(
        [FromForm(Name = "email")] string? Email,
        [FromForm(Name = "emailOn")] string? EmailOn,
        [FromForm(Name = "phone")] string? Phone,
        [FromForm(Name = "smsOn")] string? SmsOn,
        [FromForm(Name = "quietFrom")] string? QuietFrom,
        [FromForm(Name = "quietTo")] string? QuietTo,
        [FromForm(Name = "marksOn")] string? MarksOn,
        [FromForm(Name = "absencesOn")] string? AbsencesOn,
        [FromForm(Name = "termMarksOn")] string? TermMarksOn);

    /// <summary>The parent's e-mail and SMS channels, quiet hours and journal subscriptions; the messages' language is the page's.</summary>
    private static async Task<Results<SeeOther, ProblemHttpResult>> SaveChannels([AsParameters] ChannelsForm form, [AsParameters] FormCall call)
    {
        if (Admit(call, parentOnly: true) is { } refusal)
        {
            return refusal;
        }
        var actor = call.Actors.Resolve(call.Http)!;
        var outcome = await call.Grains.GetGrain<IInboxGrain>(ServiceParties.ApplicantOf(actor)!).SaveChannels(actor,
            new NotificationChannelsRequest(Blank(form.Email), Blank(form.Phone), form.EmailOn == "on", form.SmsOn == "on", Blank(form.QuietFrom), Blank(form.QuietTo),
                form.MarksOn == "on", form.AbsencesOn == "on", form.TermMarksOn == "on"),
            RequestLanguage.Of(call.Http));
        return Back("/applications", outcome.Status == ApplicationStatus.Done ? ApplicationNotice.ChannelsSaved : ApplicationNotice.Refused, outcome);
    }

    /// <summary>
    /// The wizard's last step: <c>applicationId</c> made when the form was rendered (a double click or a resent post is one
    /// filing), the service, the child (a claimed link or a pupil), the office, the documents ticked, the territory and priority.
    /// </summary>
    private static async Task<Results<SeeOther, ProblemHttpResult>> File(IFormCollection form, [AsParameters] FormCall call,
        EduInfo.Storage.Registry.RegistryStore registry, [FromKeyedServices(AdmissionPool.Filings)] WriteAdmission admission)
    {
        if (Admit(call, parentOnly: true) is { } refusal)
        {
            return refusal;
        }
        var actor = call.Actors.Resolve(call.Http)!;
        var service = EnumOf<ServiceKind>(form["service"]);
        var documents = form["documents"].Select(d => EnumOf<ServiceDocument>(d)).ToList();
        var priority = string.IsNullOrEmpty(form["priority"]) ? PriorityCategory.None : EnumOf<PriorityCategory>(form["priority"]);
        var id = Guid.TryParse(form["applicationId"], out var given) && given != Guid.Empty ? given : Guid.NewGuid();
        var wizard = $"/applications/new?service={Uri.EscapeDataString(form["service"].ToString())}&district={Uri.EscapeDataString(form["district"].ToString())}";
        if (service is null || documents.Any(d => d is null) || priority is null)
        {
            var field = service is null ? "service" : priority is null ? "priority" : "documents";
            return Back(wizard, ApplicationNotice.Refused, ApplicationOutcome.Refused(ApplicationStatus.Invalid, field, "required"));
        }
        // The same admission as the API's filings: when a window opens and it is full, nothing is filed and the parent is
        // sent back at once to the wizard with their choices kept, to send it again.
        using var slot = await admission.EnterAsync(call.Http.RequestAborted);
        if (slot is null)
        {
            call.Http.Response.Headers.RetryAfter = admission.RetryAfterSeconds().ToString(CultureInfo.InvariantCulture);
            var kept = QueryString.Create([
                new("child", form["child"].ToString()), new("officeId", form["officeId"].ToString()), new("priority", form["priority"].ToString()),
                new("fromTerritory", form["fromTerritory"].ToString()), .. form["documents"].Select(d => new KeyValuePair<string, string?>("documents", d)),
            ]);
            return Back(wizard + "&" + kept.Value![1..], ApplicationNotice.Busy, ApplicationOutcome.Done(id));
        }
        var child = form["child"].ToString();
        Guid? link = child.StartsWith("link:", StringComparison.Ordinal) && Guid.TryParse(child.AsSpan(5), out var l) ? l : null;
        var student = child.StartsWith("pupil:", StringComparison.Ordinal) ? child[6..] : null;
        var office = Blank(form["officeId"]);
        // A certificate or a duplicate comes from the pupil's own school: the wizard does not ask for it; only the parent's own children are looked at.
        if (office is null && student is not null && service is ServiceKind.StudyCertificate or ServiceKind.DocumentDuplicate)
        {
            office = (await registry.ChildrenAsync([ServiceParties.ApplicantOf(actor)!], call.Http.RequestAborted))
                .FirstOrDefault(c => c.StudentId == student)?.OrganizationId;
        }
        var outcome = await call.Grains.GetGrain<IServiceApplicationGrain>(id).File(actor, new ApplicationFilingRequest(service, link, Blank(student), office, [.. documents.Select(d => d!.Value)], form["fromTerritory"] == "true", priority.Value));
        return outcome.Status == ApplicationStatus.Done
            ? Back($"/applications/{id}", ApplicationNotice.Filed, outcome)
            : Back(wizard, ApplicationNotice.Refused, outcome);
    }

    private static async Task<Results<SeeOther, ProblemHttpResult>> Step(string applicationId, [AsParameters] StepForm form, [AsParameters] FormCall call)
    {
        if (Admit(call, parentOnly: false) is { } refusal)
        {
            return refusal;
        }
        if (!Guid.TryParse(applicationId, out var id))
        {
            return LocalizedProblems.NotFound(call.Http, "problem.notFound.application");
        }
        var action = EnumOf<ApplicationAction>(form.Action);
        var ground = string.IsNullOrEmpty(form.Ground) ? null : EnumOf<RefusalGround>(form.Ground);
        DateOnly? date = DateOnly.TryParseExact(form.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        if (action is null || (ground is null && !string.IsNullOrEmpty(form.Ground)) || (date is null && !string.IsNullOrEmpty(form.Date)))
        {
            var field = action is null ? "action" : ground is null && !string.IsNullOrEmpty(form.Ground) ? "ground" : "date";
            return Back($"/applications/{id}", ApplicationNotice.Refused, ApplicationOutcome.Refused(ApplicationStatus.Invalid, field, "required"));
        }
        var actor = call.Actors.Resolve(call.Http)!;
        var outcome = await call.Grains.GetGrain<IServiceApplicationGrain>(id).Act(actor, new ApplicationStepRequest(action, ground, Blank(form.Reason),
            form.PriorityConfirmed is null ? null : form.PriorityConfirmed == "true", Blank(form.OrganizationId), Blank(form.ClassId), date,
            Guid.TryParse(form.DocumentId, out var document) ? document : null, Blank(form.Series), Blank(form.Number)));
        return Answer(call.Http, id, ApplicationNotice.Stepped, outcome);
    }

    private static async Task<Results<SeeOther, ProblemHttpResult>> ConfirmLink(string applicationId, [FromForm(Name = "birthCertificate")] string? birthCertificate,
        [AsParameters] FormCall call)
    {
        if (Admit(call, parentOnly: false) is { } refusal)
        {
            return refusal;
        }
        if (!Guid.TryParse(applicationId, out var id))
        {
            return LocalizedProblems.NotFound(call.Http, "problem.notFound.application");
        }
        var outcome = await call.Grains.GetGrain<IServiceApplicationGrain>(id).ConfirmLink(call.Actors.Resolve(call.Http)!,
            new LinkConfirmationRequest(birthCertificate));
        return Answer(call.Http, id, ApplicationNotice.Confirmed, outcome);
    }

    /// <summary>A document from the page: <c>document</c> (its kind) and <c>file</c>; its type is told by the grain from the bytes, never from the name.</summary>
    private static async Task<Results<SeeOther, ProblemHttpResult>> Upload(string applicationId, IFormCollection form, [AsParameters] FormCall call)
    {
        if (Admit(call, parentOnly: true) is { } refusal)
        {
            return refusal;
        }
        if (!Guid.TryParse(applicationId, out var id))
        {
            return LocalizedProblems.NotFound(call.Http, "problem.notFound.application");
        }
        var back = $"/applications/{id}";
        if (EnumOf<ServiceDocument>(form["document"]) is not { } kind)
        {
            return Back(back, ApplicationNotice.Refused, ApplicationOutcome.Refused(ApplicationStatus.Invalid, "document", "required"));
        }
        if (form.Files.GetFile("file") is not { Length: > 0 } file)
        {
            return Back(back, ApplicationNotice.Refused, ApplicationOutcome.Refused(ApplicationStatus.Invalid, "file", "empty"));
        }
        if (file.Length > UploadRules.MaxBytes)
        {
            return Back(back, ApplicationNotice.Refused, ApplicationOutcome.Refused(ApplicationStatus.Invalid, "file", "tooLarge"));
        }
        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, call.Http.RequestAborted);
        }
        var outcome = await call.Grains.GetGrain<IServiceApplicationGrain>(id).Attach(call.Actors.Resolve(call.Http)!, kind, content);
        return Answer(call.Http, id, ApplicationNotice.Uploaded, outcome);
    }

    /// <summary>The one gate, in this order: a valid antiforgery token (400), then, for a parent's form, a parent (403).</summary>
    private static ProblemHttpResult? Admit(FormCall call, bool parentOnly) =>
        PageForms.Gate(call.Http, call.Actors)
            ?? (parentOnly && ServiceParties.ApplicantOf(call.Actors.Resolve(call.Http)!) is null ? LocalizedProblems.Forbidden(call.Http) : null);

    /// <summary>Back to the application, except that an application the caller may not see is the same 404 as none.</summary>
    private static Results<SeeOther, ProblemHttpResult> Answer(HttpContext http, Guid id, ApplicationNotice done, ApplicationOutcome outcome) =>
        outcome.Status switch
        {
            ApplicationStatus.NotFound => LocalizedProblems.NotFound(http, "problem.notFound.application"),
            ApplicationStatus.Done => Back($"/applications/{id}", done, outcome),
            _ => Back($"/applications/{id}", ApplicationNotice.Refused, outcome),
        };

    private static SeeOther Back(string path, ApplicationNotice notice, ApplicationOutcome outcome) =>
        PageForms.Back(path, notice, notice == ApplicationNotice.Refused ? outcome.Problems.Select(p => p.Code) : []);

    public static IReadOnlyList<string> ErrorTexts(IEnumerable<string>? codes, string language) =>
        PageForms.ErrorTexts(codes, language, "application.error", "notification.error");

    /// <summary>An enumeration's value from its camelCase name as the pages send it; null for anything else (a number included).</summary>
    public static T? EnumOf<T>(string? text) where T : struct, Enum =>
        !string.IsNullOrEmpty(text) && !char.IsAsciiDigit(text[0]) && text[0] != '-' && !text.Contains(',')
        && Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) ? value : null;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
