using EduInfo.Api.Actors;
using EduInfo.Api.Problems;
using EduInfo.Api.Registry;
using EduInfo.Api.Security;
using EduInfo.Domain.Journal;
using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Storage.Assessment;
using EduInfo.Storage.Registry;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace EduInfo.Api.Web;

/// <summary>What a head does to a term from the desk.</summary>
public enum DeskTermAction
{
    Close,
    Reopen,
}

/// <summary>What the desk reports after a form post (the notice shown above it).</summary>
public enum DeskNotice
{
    Closed,
    Reopened,
    Excused,
    Exempted,
    Saved,
    Refused,
}

/// <summary>
/// The head's desk forms (application/x-www-form-urlencoded, antiforgery-validated): closing or reopening a term for one
/// class or every class of the organization, excusing a missed summative and exempting a pupil from a subject. They go through the class grains, the one
/// write path the API's endpoints use (same rules, same audit), and answer 303 back to the desk with a notice.
/// </summary>
public static class DeskForms
{
    public static WebApplication MapDeskForms(this WebApplication app)
    {
        var forms = app.MapGroup("/desk/{nodeId}").WithTags("Browser session").ExcludeFromDescription().RequireAuthorization();
        forms.MapPost("/terms", SetTerms);
        forms.MapPost("/excusals", Excuse);
        forms.MapPost("/exemptions", Exempt);
        forms.MapPost("/timetables/{classId}", ReplaceTimetable);
        return app;
    }

    public sealed record TermForm(
        [FromForm(Name = "classId")] string? ClassId,
        [FromForm(Name = "term")] string? Term,
        [FromForm(Name = "action")] string? Action,
        [FromForm(Name = "reason")] string? Reason)
    {
        // Parsed here, not by the binder, so a hostile value is this form's localized 400 like any other.
        public int? TermNumber => int.TryParse(Term, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var t) ? t : null;

        public DeskTermAction? ActionKind => Enum.TryParse<DeskTermAction>(Action, ignoreCase: true, out var a) && Enum.IsDefined(a) && !int.TryParse(Action, out _) ? a : null;
    }

    public sealed record ExcusalForm(
        [FromForm(Name = "entryId")] string? EntryId,
        [FromForm(Name = "classId")] string? ClassId,
        [FromForm(Name = "studentId")] string? StudentId,
        [FromForm(Name = "subjectId")] string? SubjectId,
        [FromForm(Name = "term")] string? Term,
        [FromForm(Name = "kind")] string? Kind,
        [FromForm(Name = "reason")] string? Reason);

    /// <summary>An exemption from the desk: <c>term</c> empty for the whole year.</summary>
    public sealed record ExemptionForm(
        [FromForm(Name = "entryId")] string? EntryId,
        [FromForm(Name = "classId")] string? ClassId,
        [FromForm(Name = "studentId")] string? StudentId,
        [FromForm(Name = "subjectId")] string? SubjectId,
        [FromForm(Name = "term")] string? Term,
        [FromForm(Name = "ground")] string? Ground,
        [FromForm(Name = "reason")] string? Reason);

    /// <summary>The caller, the organization's classes and the grains, once the post is known to be the head's own.</summary>
    public sealed record DeskCall(HttpContext Http, ActorResolver Actors, NodeDirectory Directory, TermBoardStore Terms, IGrainFactory Grains);

    private static async Task<Results<SeeOther, ProblemHttpResult>> SetTerms([FromRoute(Name = "nodeId")] string organizationId, [AsParameters] TermForm form, [AsParameters] DeskCall call)
    {
        var (refusal, classes, actor) = await AdmitAsync(organizationId, call);
        if (refusal is not null)
        {
            return refusal;
        }
        if (form.TermNumber is not { } term || form.ActionKind is not { } action || (!string.IsNullOrEmpty(form.ClassId) && !classes.Contains(form.ClassId)))
        {
            return LocalizedProblems.Invalid(call.Http, [(form.TermNumber is null ? "term" : form.ActionKind is null ? "action" : "classId", "invalid")], "web.desk.error");
        }
        var close = action == DeskTermAction.Close;
        var done = 0;
        EntryProblem? refused = null;
        foreach (var classId in string.IsNullOrEmpty(form.ClassId) ? classes : [form.ClassId])
        {
            var outcome = await call.Grains.GetGrain<IClassGrain>(classId).SetTermClosed(actor!, term, close, NullIfBlank(form.Reason));
            // Closing every class skips those already closed (and reopening those already open): not a refusal.
            if (outcome.Accepted)
            {
                done++;
            }
            else if (!outcome.Problems.All(p => p.Error is JournalError.TermAlreadyClosed or JournalError.TermNotClosed)
                || !string.IsNullOrEmpty(form.ClassId))
            {
                refused ??= outcome.Problems.FirstOrDefault();
            }
        }
        return Back(organizationId, refused is null ? (close ? DeskNotice.Closed : DeskNotice.Reopened) : DeskNotice.Refused, done, refused);
    }

    private static async Task<Results<SeeOther, ProblemHttpResult>> Excuse([FromRoute(Name = "nodeId")] string organizationId, [AsParameters] ExcusalForm form, [AsParameters] DeskCall call)
    {
        var (refusal, classes, actor) = await AdmitAsync(organizationId, call);
        if (refusal is not null)
        {
            return refusal;
        }
        var term = int.TryParse(form.Term, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var t) ? t : (int?)null;
        var entryId = Guid.TryParse(form.EntryId, out var id) ? id : (Guid?)null;
        if (form.ClassId is null || !classes.Contains(form.ClassId) || term is null || entryId is null)
        {
            return LocalizedProblems.Invalid(call.Http, [(entryId is null ? "entryId" : term is null ? "term" : "classId", "invalid")], "web.desk.error");
        }
        // The grain checks the rest (student of the class, subject, held and missed, reason) as the API's excusal does.
        var outcome = await call.Grains.GetGrain<IClassGrain>(form.ClassId).Excuse(actor!,
            new ExcusalRequest(entryId, form.StudentId, form.SubjectId, term, form.Kind, NullIfBlank(form.Reason)));
        return Back(organizationId, outcome.Accepted ? DeskNotice.Excused : DeskNotice.Refused, outcome.Accepted ? 1 : 0,
            outcome.Accepted ? null : outcome.Problems.FirstOrDefault());
    }

    private static async Task<Results<SeeOther, ProblemHttpResult>> Exempt([FromRoute(Name = "nodeId")] string organizationId, [AsParameters] ExemptionForm form, [AsParameters] DeskCall call)
    {
        var (refusal, classes, actor) = await AdmitAsync(organizationId, call);
        if (refusal is not null)
        {
            return refusal;
        }
        var year = string.IsNullOrEmpty(form.Term);
        var term = int.TryParse(form.Term, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var t) ? t : (int?)null;
        var entryId = Guid.TryParse(form.EntryId, out var id) ? id : (Guid?)null;
        if (form.ClassId is null || !classes.Contains(form.ClassId) || (!year && term is null) || entryId is null)
        {
            return LocalizedProblems.Invalid(call.Http, [(entryId is null ? "entryId" : !year && term is null ? "term" : "classId", "invalid")], "web.desk.error");
        }
        // The grain checks the rest (pupil of the class, subject taught, ground, reason, term open) as the API's exemption does.
        var outcome = await call.Grains.GetGrain<IClassGrain>(form.ClassId).Exempt(actor!,
            new ExemptionRequest(entryId, form.StudentId, form.SubjectId, year ? null : term, form.Ground, NullIfBlank(form.Reason)));
        return Back(organizationId, outcome.Accepted ? DeskNotice.Exempted : DeskNotice.Refused, outcome.Accepted ? 1 : 0,
            outcome.Accepted ? null : outcome.Problems.FirstOrDefault());
    }

    /// <summary>
    /// The timetable page's rows (weekday, period, lesson = "group|subject"; a row without a lesson is dropped) as the
    /// document <c>PUT /api/v1/classes/{id}/timetable</c> takes; the class grain validates and stores it.
    /// </summary>
    private static async Task<Results<SeeOther, ProblemHttpResult>> ReplaceTimetable([FromRoute(Name = "nodeId")] string organizationId, string classId,
        IFormCollection form, [AsParameters] DeskCall call)
    {
        // Repeated fields, one per row, in the rows' order.
        var (validFrom, weekdays, periods, lessons) = (form["validFrom"].ToString(), form["weekday"].ToArray(), form["period"].ToArray(), form["lesson"].ToArray());
        var (refusal, classes, actor) = await AdmitAsync(organizationId, call);
        if (refusal is not null)
        {
            return refusal;
        }
        var (days, numbers, chosen) = (weekdays, periods, lessons);
        if (!classes.Contains(classId) || !DateOnly.TryParseExact(validFrom, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var from) || days.Length != chosen.Length || numbers.Length != chosen.Length)
        {
            return LocalizedProblems.Invalid(call.Http, [(classes.Contains(classId) ? "validFrom" : "classId", "invalid")], "web.desk.error");
        }
        var slots = chosen.Select((lesson, i) => (Lesson: lesson ?? "", Day: days[i], Period: numbers[i]))
            .Where(r => !string.IsNullOrEmpty(r.Lesson))
            .Select(r => r.Lesson.Split('|') is [var group, var subject]
                ? new EduInfo.Domain.Calendar.TimetableSlot(group, subject, Number(r.Day), Number(r.Period))
                : new EduInfo.Domain.Calendar.TimetableSlot(null, null, Number(r.Day), Number(r.Period)))
            .ToList<EduInfo.Domain.Calendar.TimetableSlot?>();
        var outcome = await call.Grains.GetGrain<IClassGrain>(classId).ReplaceTimetable(actor!, new EduInfo.Domain.Calendar.TimetableDocument(from, slots));
        var query = outcome.Accepted ? "?notice=saved" : $"?notice=refused&error={outcome.Problems[0].Error}";
        return new SeeOther($"/desk/{Uri.EscapeDataString(organizationId)}/timetables/{Uri.EscapeDataString(classId)}{query}");
    }

    /// <summary>The value of a lesson in the timetable form: its teaching group and subject.</summary>
    public static string LessonKey(string groupId, string subjectId) => $"{groupId}|{subjectId}";

    private static int? Number(string? text) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>A valid token, a signed-in head of this organization (or above it), and its classes.</summary>
    private static async Task<(ProblemHttpResult? Refusal, IReadOnlyList<string> Classes, EduInfo.Grains.Interfaces.Actors.Actor? Actor)> AdmitAsync(
        string organizationId, DeskCall call)
    {
        var admission = await FormAdmission.CheckAsync(call.Http, call.Actors, call.Directory, organizationId, AccessPolicy.CanCloseTerm);
        if (!admission.Admitted)
        {
            return (admission.Refusal, [], null);
        }
        var actor = admission.Actor;
        var classes = (await call.Terms.ReadAsync(organizationId, call.Http.RequestAborted)).Select(t => t.ClassId).Distinct(StringComparer.Ordinal).ToList();
        return (null, classes, actor);
    }

    private static SeeOther Back(string organizationId, DeskNotice notice, int done, EntryProblem? problem)
    {
        var query = QueryString.Create([
            new("notice", notice.ToString().ToLowerInvariant()),
            new("n", done.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            .. problem is null ? [] : new KeyValuePair<string, string?>[] { new("error", problem.Error.ToString()) },
            .. (problem?.Arguments ?? []).Select(a => new KeyValuePair<string, string?>("a", a)),
        ]);
        return new SeeOther($"/desk/{Uri.EscapeDataString(organizationId)}{query}");
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
