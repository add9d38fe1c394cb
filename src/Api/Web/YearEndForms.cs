using EduInfo.Api.Problems;
using EduInfo.Api.Security;
using EduInfo.Domain.Journal;
using EduInfo.Grains.Interfaces.Journal;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace EduInfo.Api.Web;

/// <summary>What the year-end desk reports after a form post.</summary>
public enum YearEndNotice
{
    Decided,
    Issued,
    Revoked,
    Refused,
}

/// <summary>
/// The head's year-end desk forms (antiforgery-validated): the council's decisions for a class, issuing a document and
/// revoking one. They go through the class grain like the API's endpoints (same rules, same audit) and answer 303 back
/// to the page with a notice.
/// </summary>
public static class YearEndForms
{
    public static WebApplication MapYearEndForms(this WebApplication app)
    {
        var forms = app.MapGroup("/desk/{nodeId}/year-end").WithTags("Browser session").ExcludeFromDescription().RequireAuthorization();
        forms.MapPost("/council", Decide);
        forms.MapPost("/documents", Issue);
        forms.MapPost("/documents/{documentId}/revoke", Revoke);
        return app;
    }

    /// <summary>An issue from the page: the blank's series and number and the date (yyyy-MM-dd, as a date input sends it).</summary>
    public sealed record IssueForm(
        [FromForm(Name = "classId")] string? ClassId,
        [FromForm(Name = "studentId")] string? StudentId,
        [FromForm(Name = "series")] string? Series,
        [FromForm(Name = "number")] string? Number,
        [FromForm(Name = "issuedOn")] string? IssuedOn);

    public sealed record RevokeForm([FromForm(Name = "classId")] string? ClassId, [FromForm(Name = "reason")] string? Reason);

    /// <summary>
    /// One row per pupil: <c>student</c>, <c>decision</c> and <c>reason</c> repeated in the rows' order; a row whose
    /// decision is empty (nothing proposed, nothing chosen) is skipped.
    /// </summary>
    private static async Task<Results<SeeOther, ProblemHttpResult>> Decide([FromRoute(Name = "nodeId")] string organizationId, IFormCollection form,
        [AsParameters] DeskForms.DeskCall call)
    {
        var (classId, students, decisions, reasons) = (form["classId"].ToString(), form["student"].ToArray(), form["decision"].ToArray(), form["reason"].ToArray());
        var (refusal, actor) = await AdmitAsync(organizationId, classId, call);
        if (refusal is not null)
        {
            return refusal;
        }
        if (students.Length != decisions.Length || students.Length != reasons.Length)
        {
            return LocalizedProblems.Invalid(call.Http, [("decision", "invalid")], "web.desk.error");
        }
        var rows = students.Select((s, i) => (Student: s, Decision: decisions[i], Reason: reasons[i])).Where(r => !string.IsNullOrEmpty(r.Decision))
            .Select(r => (CouncilDecisionRequest?)new CouncilDecisionRequest(r.Student, r.Decision, string.IsNullOrWhiteSpace(r.Reason) ? null : r.Reason)).ToList();
        var outcome = await call.Grains.GetGrain<IClassGrain>(classId).RecordCouncil(actor!, new CouncilRequest(rows));
        return Back(organizationId, classId, outcome.Accepted ? YearEndNotice.Decided : YearEndNotice.Refused, rows.Count, outcome.Problems.FirstOrDefault());
    }

    private static async Task<Results<SeeOther, ProblemHttpResult>> Issue([FromRoute(Name = "nodeId")] string organizationId, [AsParameters] IssueForm form,
        [AsParameters] DeskForms.DeskCall call)
    {
        var (refusal, actor) = await AdmitAsync(organizationId, form.ClassId, call);
        if (refusal is not null)
        {
            return refusal;
        }
        DateOnly? issuedOn = DateOnly.TryParseExact(form.IssuedOn, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out var on) ? on : null;
        if (issuedOn is null && !string.IsNullOrEmpty(form.IssuedOn))
        {
            return LocalizedProblems.Invalid(call.Http, [("issuedOn", "invalid")], "web.desk.error");
        }
        var outcome = await call.Grains.GetGrain<IClassGrain>(form.ClassId!).IssueDocument(actor!, new DocumentRequest(form.StudentId, form.Series, form.Number, issuedOn));
        return Back(organizationId, form.ClassId!, outcome.Outcome.Accepted ? YearEndNotice.Issued : YearEndNotice.Refused, 1, outcome.Outcome.Problems.FirstOrDefault());
    }

    private static async Task<Results<SeeOther, ProblemHttpResult>> Revoke([FromRoute(Name = "nodeId")] string organizationId, string documentId,
        [AsParameters] RevokeForm form, [AsParameters] DeskForms.DeskCall call)
    {
        var (refusal, actor) = await AdmitAsync(organizationId, form.ClassId, call);
        if (refusal is not null)
        {
            return refusal;
        }
        if (!Guid.TryParse(documentId, out var id))
        {
            return LocalizedProblems.Invalid(call.Http, [("documentId", "invalid")], "web.desk.error");
        }
        var outcome = await call.Grains.GetGrain<IClassGrain>(form.ClassId!).RevokeDocument(actor!, id, new DocumentRevocationRequest(form.Reason));
        return Back(organizationId, form.ClassId!, outcome.Outcome.Accepted ? YearEndNotice.Revoked : YearEndNotice.Refused, 1, outcome.Outcome.Problems.FirstOrDefault());
    }

    /// <summary>A valid token, a signed-in head of this organization (or above it), and a class of it.</summary>
    private static async Task<(ProblemHttpResult? Refusal, EduInfo.Grains.Interfaces.Actors.Actor? Actor)> AdmitAsync(string organizationId, string? classId,
        DeskForms.DeskCall call)
    {
        var admission = await FormAdmission.CheckAsync(call.Http, call.Actors, call.Directory, organizationId, AccessPolicy.CanCloseTerm);
        if (!admission.Admitted)
        {
            return (admission.Refusal, null);
        }
        var classes = (await call.Terms.ReadAsync(organizationId, call.Http.RequestAborted)).Select(t => t.ClassId).ToHashSet(StringComparer.Ordinal);
        return string.IsNullOrEmpty(classId) || !classes.Contains(classId)
            ? (LocalizedProblems.Invalid(call.Http, [("classId", "invalid")], "web.desk.error"), null)
            : (null, admission.Actor);
    }

    private static SeeOther Back(string organizationId, string classId, YearEndNotice notice, int done, EntryProblem? problem)
    {
        var query = QueryString.Create([
            new("classId", classId),
            new("notice", notice.ToString().ToLowerInvariant()),
            new("n", done.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            .. notice != YearEndNotice.Refused || problem is null ? [] : new KeyValuePair<string, string?>[] { new("error", problem.Error.ToString()) },
            .. (notice != YearEndNotice.Refused ? [] : problem?.Arguments ?? []).Select(a => new KeyValuePair<string, string?>("a", a)),
        ]);
        return new SeeOther($"/desk/{Uri.EscapeDataString(organizationId)}/year-end{query}");
    }
}
