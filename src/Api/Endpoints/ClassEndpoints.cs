using EduInfo.Domain.Calendar;
using EduInfo.Domain.Journal;
using EduInfo.Domain.Registry;
using System.Text.Json;
using EduInfo.Api.Contracts;
using EduInfo.Api.Localization;
using EduInfo.Api.Problems;
using EduInfo.Api.Security;
using EduInfo.Grains.Interfaces.Calendar;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Storage.Audit;
using EduInfo.Storage.Registry;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduInfo.Api.Endpoints;

/// <summary>What a class's journal needs besides new entries: corrections, term closes and the teacher's grid.</summary>
public static class ClassEndpoints
{
    public static RouteGroupBuilder MapClassEndpoints(this RouteGroupBuilder api)
    {
        var classes = api.MapGroup("/classes/{classId}").WithTags("Journal");
        classes.MapPost("/corrections", Correct).RequireWriteAdmission().RequireClass(AccessPolicy.CanCorrectJournal)
            .WithName("CorrectEntry")
            .WithSummary("Replace or void one journal row, with a reason")
            .WithDescription("action = replace (a mark: score, and maxScore for summatives; a roll-call: the absentees) or void. A new row supersedes the old one; "
                + "nothing is updated or deleted. A row is superseded at most once (409 otherwise); rows of a closed term cannot be corrected.");
        classes.MapPost("/terms/{term:int}/close", CloseTerm).RequireClass(AccessPolicy.CanCloseTerm)
            .WithName("CloseTerm")
            .WithSummary("Close a term for the class: term marks become final and later entries for the term are refused (the head)");
        classes.MapPost("/terms/{term:int}/reopen", ReopenTerm).RequireClass(AccessPolicy.CanCloseTerm)
            .WithName("ReopenTerm")
            .WithSummary("Reopen a closed term (the head, with a reason; audited)");
        classes.MapPost("/excusals", Excuse).RequireWriteAdmission().RequireClass(AccessPolicy.CanCloseTerm)
            .WithName("ExcuseSummative")
            .WithSummary("Excuse a student's missed section or term summative (the head; audited)")
            .WithDescription("The missed work's weight is shared among the student's other components, for that student only. Void it like any row, through /corrections.");
        classes.MapPost("/exemptions", Exempt).RequireWriteAdmission().RequireClass(AccessPolicy.CanCloseTerm)
            .WithName("ExemptFromSubject")
            .WithSummary("Exempt a pupil from a subject for a term, or the year without a term (the head; audited)")
            .WithDescription("ground = medical, individualPlan or homeSchooling, with a reason. The pupil's result there is \"exempt\" (not н/а) and leaves "
                + "the subject's metrics. Void it like any row, through /corrections.");
        classes.MapPost("/exams", RecordExam).RequireClass(AccessPolicy.CanCloseTerm)
            .WithName("RecordExam")
            .WithSummary("Enter an examination of the final attestation: the subject examined for the class and pupils' marks 2–5 (the head; audited)")
            .WithDescription("Grades of a final attestation only (9 and 11). A null mark registers a pupil who has not written it; a mark entered again replaces it.");
        classes.MapPost("/council", RecordCouncil).RequireClass(AccessPolicy.CanCloseTerm)
            .WithName("RecordCouncilDecisions")
            .WithSummary("Record the pedagogical council's decisions per pupil at the year's end (the head; audited)")
            .WithDescription("decision = promoted, promotedConditionally, repeatsYear, leftSchool or graduated; a reason where it is not the default the year-end "
                + "proposes. Recorded again, a pupil's decision is replaced.");
        classes.MapGet("/year-end", GetYearEnd).RequireClass(AccessPolicy.CanCloseTerm)
            .WithName("GetClassYearEnd")
            .WithSummary("The class's year end today: annual, examination and final marks, failures, the council's default decision, the document earned (the head)");
        // Who reads the grid depends on the subject asked for: the handler checks it, after the query, and audits it.
        classes.MapGet("/journal", GetJournal).RequireClass(static (_, _) => true)
            .WithName("GetClassJournal")
            .WithSummary("The teacher's journal grid: one subject and term, every student's marks, absences and standing");
        return api;
    }

    private static async Task<Results<Ok<BatchResponse>, ProblemHttpResult>> Correct(
        string classId, CorrectionRequest correction, [AsParameters] EndpointCall call)
    {
        // A correction carries its own entry id: a resend is a duplicate, never a second row.
        var outcome = await call.IdempotentAsync(grains => grains.GetGrain<IClassGrain>(classId).Correct(call.Actor, correction));
        return outcome.Accepted ? TypedResults.Ok(BatchResponse.Of(outcome)) : LocalizedProblems.Rejected(call.Http, outcome);
    }

    private static async Task<Results<Ok<BatchResponse>, ProblemHttpResult>> Excuse(string classId, ExcusalRequest excusal, [AsParameters] EndpointCall call)
    {
        var outcome = await call.Grains.GetGrain<IClassGrain>(classId).Excuse(call.Actor, excusal);
        return outcome.Accepted ? TypedResults.Ok(BatchResponse.Of(outcome)) : LocalizedProblems.Rejected(call.Http, outcome);
    }

    private static async Task<Results<Ok<BatchResponse>, ProblemHttpResult>> Exempt(string classId, ExemptionRequest exemption, [AsParameters] EndpointCall call)
    {
        var outcome = await call.Grains.GetGrain<IClassGrain>(classId).Exempt(call.Actor, exemption);
        return outcome.Accepted ? TypedResults.Ok(BatchResponse.Of(outcome)) : LocalizedProblems.Rejected(call.Http, outcome);
    }

    private static async Task<Results<Ok<ExamResponse>, ProblemHttpResult>> RecordExam(string classId, ExamRequest exam, [AsParameters] EndpointCall call)
    {
        var outcome = await call.Grains.GetGrain<IClassGrain>(classId).RecordExam(call.Actor, exam);
        return outcome.Accepted
            ? TypedResults.Ok(new ExamResponse(classId, exam.SubjectId!, exam.Marks!.Count, exam.Marks.Count(m => m?.Mark is not null)))
            : LocalizedProblems.Rejected(call.Http, outcome);
    }

    private static async Task<Results<Ok<CouncilResponse>, ProblemHttpResult>> RecordCouncil(string classId, CouncilRequest council, [AsParameters] EndpointCall call)
    {
        var outcome = await call.Grains.GetGrain<IClassGrain>(classId).RecordCouncil(call.Actor, council);
        return outcome.Accepted ? TypedResults.Ok(new CouncilResponse(classId, council.Decisions!.Count)) : LocalizedProblems.Rejected(call.Http, outcome);
    }

    private static async Task<Results<Ok<YearEndResponse>, ProblemHttpResult>> GetYearEnd(string classId, [AsParameters] EndpointCall call) =>
        await call.Grains.GetGrain<IClassGrain>(classId).GetYearEnd() is { } view
            ? TypedResults.Ok(YearEndResponse.Of(view, RequestLanguage.Of(call.Http)))
            : LocalizedProblems.Rejected(call.Http, BatchOutcome.Rejected([new EntryProblem("classId", JournalError.ClassNotFound, [])]));

    private static Task<Results<Ok<TermResponse>, ProblemHttpResult>> CloseTerm(
        string classId, int term, TermActionRequest? request, [AsParameters] EndpointCall call) =>
        SetClosed(classId, term, true, request?.Reason, call);

    private static Task<Results<Ok<TermResponse>, ProblemHttpResult>> ReopenTerm(
        string classId, int term, TermActionRequest? request, [AsParameters] EndpointCall call) =>
        SetClosed(classId, term, false, request?.Reason, call);

    private static async Task<Results<Ok<TermResponse>, ProblemHttpResult>> SetClosed(string classId, int term, bool close, string? reason, EndpointCall call)
    {
        var outcome = await call.Grains.GetGrain<IClassGrain>(classId).SetTermClosed(call.Actor, term, close, reason);
        return outcome.Accepted ? TypedResults.Ok(new TermResponse(classId, term, close, outcome.Watermark)) : LocalizedProblems.Rejected(call.Http, outcome);
    }

    private static async Task<Results<Ok<ClassJournalResponse>, ProblemHttpResult>> GetJournal(
        string classId, string? subjectId, string? term, [AsParameters] EndpointCall call, [AsParameters] JournalGridSources sources)
    {
        if (JournalQueryProblems(subjectId, term, out var termNumber) is { Count: > 0 } problems)
        {
            return LocalizedProblems.Invalid(call.Http, problems, "summary.error");
        }
        if (!await MayReadGridAsync(call, sources, subjectId!, termNumber))
        {
            return LocalizedProblems.Forbidden(call.Http);
        }
        var view = await call.Grains.GetGrain<IClassGrain>(classId).GetJournal(subjectId!, termNumber);
        if (view is null)
        {
            return LocalizedProblems.NotFound(call.Http, "problem.notFound.term");
        }
        var names = await sources.Registry.StudentNamesAsync(view.Students.Select(s => s.StudentId).ToList(), call.Aborted);
        return TypedResults.Ok(ClassJournalResponse.Of(view, names, RequestLanguage.Of(call.Http)));
    }

    /// <summary>
    /// The grid's rule (<see cref="AccessPolicy.CanReadClassJournal"/>) at the class the filter found: teachers assigned to the subject
    /// today count (a substitute reads the grid only while the substitution runs). Audited, refusals too.
    /// </summary>
    private static async Task<bool> MayReadGridAsync(EndpointCall call, JournalGridSources sources, string subjectId, int term)
    {
        var (actor, node) = (call.Actor, call.Caller.Node);
        var cls = await sources.Registry.FindClassAsync(node.Id, call.Aborted);
        var today = sources.Clock.Today;
        var assigned = cls?.Assignments.Where(a => a.SubjectId == subjectId && a.CoversDate(today)).Select(a => a.TeacherId).ToHashSet(StringComparer.Ordinal) ?? [];
        var allowed = AccessPolicy.CanReadClassJournal(actor, node.Path, assigned);
        await sources.Audit.RecordAsync(new AuditEntry(actor.UserId, actor.Roles, actor.ClientAddress, "class.journal.read", "class", node.Id,
            cls?.OrganizationId, allowed ? "ok" : "denied", JsonSerializer.Serialize(new { subjectId, term })), call.Aborted);
        return allowed;
    }

    private static List<(string Field, string Code)> JournalQueryProblems(string? subjectId, string? term, out int termNumber)
    {
        var problems = new List<(string Field, string Code)>();
        if (subjectId is null)
        {
            problems.Add(("subjectId", "required"));
        }
        else if (!RegistryIds.IsWellFormed(subjectId))
        {
            problems.Add(("subjectId", "idMalformed"));
        }
        if (!int.TryParse(term, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out termNumber)
            || termNumber is < 1 or > SummaryFilter.MaxTerm)
        {
            problems.Add(("term", "termOutOfRange"));
        }
        return problems;
    }
}

/// <summary>What the teacher's journal grid reads besides its grain: the class's assignments and the students' names, the audit log, today.</summary>
public sealed record JournalGridSources(RegistryStore Registry, AuditLog Audit, IKazakhstanClock Clock);

/// <summary>A term's state for a class after a close or a reopening, with the class's new version.</summary>
public sealed record TermResponse(string ClassId, int Term, bool Closed, long Version);
