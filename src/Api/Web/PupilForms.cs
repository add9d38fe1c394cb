using System.Globalization;
using EduInfo.Api.Actors;
using EduInfo.Api.Problems;
using EduInfo.Api.Registry;
using EduInfo.Api.Security;
using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Registry;
using EduInfo.Storage.Registry;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace EduInfo.Api.Web;

/// <summary>What the pupils page reports after a form post (the notice shown above it).</summary>
public enum PupilNotice
{
    Enrolled,
    Left,
    Corrected,
    Linked,
    Unlinked,
    Refused,
}

/// <summary>
/// The head's pupils page forms (<c>/desk/{organizationId}/pupils/…</c>, antiforgery-validated): enrolment, leaving,
/// corrections and parent links. They go through the same grains as the API's endpoints (same rules, same audit) and
/// answer 303 back to the page with a notice, or the refusal's first code and its values.
/// </summary>
public static class PupilForms
{
    public static WebApplication MapPupilForms(this WebApplication app)
    {
        var forms = app.MapGroup("/desk/{nodeId}/pupils").WithTags("Browser session").ExcludeFromDescription().RequireAuthorization();
        forms.MapPost("/enrol", Enrol);
        forms.MapPost("/leave", Leave);
        forms.MapPost("/correct", Correct);
        forms.MapPost("/link", Link);
        forms.MapPost("/unlink", Unlink);
        return app;
    }

    public sealed record EnrolForm(
        [FromForm(Name = "classId")] string? ClassId, [FromForm(Name = "iin")] string? Iin, [FromForm(Name = "lastName")] string? LastName,
        [FromForm(Name = "firstName")] string? FirstName, [FromForm(Name = "middleName")] string? MiddleName,
        [FromForm(Name = "birthDate")] string? BirthDate, [FromForm(Name = "sex")] string? Sex, [FromForm(Name = "date")] string? Date);

    public sealed record EndForm([FromForm(Name = "studentId")] string? StudentId, [FromForm(Name = "date")] string? Date, [FromForm(Name = "reason")] string? Reason);

    public sealed record CorrectForm(
        [FromForm(Name = "studentId")] string? StudentId, [FromForm(Name = "lastName")] string? LastName, [FromForm(Name = "firstName")] string? FirstName,
        [FromForm(Name = "middleName")] string? MiddleName, [FromForm(Name = "birthDate")] string? BirthDate, [FromForm(Name = "reason")] string? Reason);

    public sealed record LinkForm(
        [FromForm(Name = "studentId")] string? StudentId, [FromForm(Name = "iin")] string? Iin, [FromForm(Name = "lastName")] string? LastName,
        [FromForm(Name = "firstName")] string? FirstName, [FromForm(Name = "middleName")] string? MiddleName, [FromForm(Name = "relation")] string? Relation,
        [FromForm(Name = "from")] string? From, [FromForm(Name = "documentKind")] string? DocumentKind, [FromForm(Name = "documentNumber")] string? DocumentNumber);

    /// <summary><c>link</c> is "studentId/parentId" as the page lists the links.</summary>
    public sealed record UnlinkForm([FromForm(Name = "link")] string? Link, [FromForm(Name = "date")] string? Date, [FromForm(Name = "reason")] string? Reason);

    public sealed record PupilFormCall(HttpContext Http, ActorResolver Actors, NodeDirectory Directory, RegistryStore Registry, IGrainFactory Grains);

    private static async Task<Results<SeeOther, ProblemHttpResult>> Enrol([FromRoute(Name = "nodeId")] string organizationId, [AsParameters] EnrolForm form,
        [AsParameters] PupilFormCall call)
    {
        var (refusal, actor) = await AdmitAsync(organizationId, call);
        if (refusal is not null)
        {
            return refusal;
        }
        // Only a class of this organization: another school's class is not this page's to enrol into.
        var node = RegistryIds.IsWellFormed(form.ClassId) ? await call.Directory.FindAsync(form.ClassId!, call.Http.RequestAborted) : null;
        if (node is not { Kind: NodeKind.Class } || !node.Path.Contains(organizationId))
        {
            return LocalizedProblems.Invalid(call.Http, [("classId", "invalid")], "web.pupils.error");
        }
        var request = new PupilEnrolmentRequest(Blank(form.Iin)?.Trim(), Blank(form.LastName), Blank(form.FirstName), Blank(form.MiddleName), Day(form.BirthDate), Blank(form.Sex), Day(form.Date));
        var outcome = await call.Grains.GetGrain<IPupilRegistrationGrain>(PupilKeys.Of(request.Iin)).Enrol(actor!, form.ClassId!, request);
        return Back(organizationId, PupilNotice.Enrolled, outcome, form.ClassId);
    }

    private static Task<Results<SeeOther, ProblemHttpResult>> Leave([FromRoute(Name = "nodeId")] string organizationId, [AsParameters] EndForm form, [AsParameters] PupilFormCall call) =>
        OnPupilAsync(organizationId, form.StudentId, PupilNotice.Left, call, (grain, actor) => grain.Leave(actor, new PupilEndRequest(Day(form.Date), Blank(form.Reason))));

    private static Task<Results<SeeOther, ProblemHttpResult>> Correct([FromRoute(Name = "nodeId")] string organizationId, [AsParameters] CorrectForm form, [AsParameters] PupilFormCall call) =>
        OnPupilAsync(organizationId, form.StudentId, PupilNotice.Corrected, call, (grain, actor) => grain.Correct(actor,
            new PupilCorrectionRequest(Blank(form.LastName), Blank(form.FirstName), Blank(form.MiddleName), Day(form.BirthDate), Blank(form.Reason))));

    private static Task<Results<SeeOther, ProblemHttpResult>> Link([FromRoute(Name = "nodeId")] string organizationId, [AsParameters] LinkForm form, [AsParameters] PupilFormCall call) =>
        OnPupilAsync(organizationId, form.StudentId, PupilNotice.Linked, call, (grain, actor) => grain.LinkParent(actor, new ParentLinkRequest(
            Blank(form.Iin)?.Trim(), Blank(form.LastName), Blank(form.FirstName), Blank(form.MiddleName), Blank(form.Relation), Day(form.From), Blank(form.DocumentKind), Blank(form.DocumentNumber))));

    private static Task<Results<SeeOther, ProblemHttpResult>> Unlink([FromRoute(Name = "nodeId")] string organizationId, [AsParameters] UnlinkForm form, [AsParameters] PupilFormCall call)
    {
        var parts = (form.Link ?? "").Split('/');
        var parentId = parts.Length == 2 && RegistryIds.IsWellFormed(parts[1]) ? parts[1] : null;
        return OnPupilAsync(organizationId, parentId is null ? null : parts[0], PupilNotice.Unlinked, call,
            (grain, actor) => grain.UnlinkParent(actor, parentId!, new PupilEndRequest(Day(form.Date), Blank(form.Reason))));
    }

    /// <summary>A pupil of this organization (their latest class is in it), then the write through their enrolment grain.</summary>
    private static async Task<Results<SeeOther, ProblemHttpResult>> OnPupilAsync(string organizationId, string? studentId, PupilNotice notice, PupilFormCall call,
        Func<IEnrolmentGrain, Actor, Task<PupilOutcome>> write)
    {
        var (refusal, actor) = await AdmitAsync(organizationId, call);
        if (refusal is not null)
        {
            return refusal;
        }
        var student = RegistryIds.IsWellFormed(studentId) ? await call.Registry.FindStudentAccessAsync(studentId!, call.Http.RequestAborted) : null;
        if (student is null || student.OrganizationId != organizationId)
        {
            return LocalizedProblems.Invalid(call.Http, [("studentId", "invalid")], "web.pupils.error");
        }
        return Back(organizationId, notice, await write(call.Grains.GetGrain<IEnrolmentGrain>(studentId!), actor!));
    }

    /// <summary>A valid token, a signed-in keeper of this organization's pupils (its head, an officer above it, an operator).</summary>
    private static async Task<(ProblemHttpResult? Refusal, Actor? Actor)> AdmitAsync(string organizationId, PupilFormCall call)
    {
        var admission = await FormAdmission.CheckAsync(call.Http, call.Actors, call.Directory, organizationId, AccessPolicy.CanKeepPupils);
        return (admission.Refusal, admission.Actor);
    }

    /// <param name="classId">The class whose roster the page opens (the one just enrolled into).</param>
    private static SeeOther Back(string organizationId, PupilNotice notice, PupilOutcome outcome, string? classId = null)
    {
        var problem = outcome.Problems.FirstOrDefault();
        var query = QueryString.Create([
            new("notice", (problem is null ? notice : PupilNotice.Refused).ToString().ToLowerInvariant()),
            .. problem is null ? [] : new KeyValuePair<string, string?>[] { new("error", problem.Error.ToString()), new("field", problem.Field) },
            .. (problem?.Arguments ?? []).Select(a => new KeyValuePair<string, string?>("a", a)),
            .. classId is null ? [] : new KeyValuePair<string, string?>[] { new("class", classId) },
        ]);
        return new SeeOther($"/desk/{Uri.EscapeDataString(organizationId)}/pupils{query}");
    }

    private static DateOnly? Day(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
