using EduInfo.Domain.Registry;
using System.Text.Json;
using EduInfo.Api.Actors;
using EduInfo.Api.Cluster;
using EduInfo.Api.Contracts;
using EduInfo.Api.Localization;
using EduInfo.Api.Problems;
using EduInfo.Api.Registry;
using EduInfo.Api.Security;
using EduInfo.Grains.Interfaces.Calendar;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Grains.Interfaces.Summaries;
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
        classes.MapPost("/corrections", Correct).RequireWriteAdmission()
            .WithName("CorrectEntry")
            .WithSummary("Replace or void one journal row, with a reason")
            .WithDescription("action = replace (a mark: score, and maxScore for summatives; a roll-call: the absentees) or void. A new row supersedes the old one; "
                + "nothing is updated or deleted. A row is superseded at most once (409 otherwise); rows of a closed term cannot be corrected.");
        classes.MapPost("/terms/{term:int}/close", CloseTerm)
            .WithName("CloseTerm")
            .WithSummary("Close a term for the class: term marks become final and later entries for the term are refused (the head)");
        classes.MapPost("/terms/{term:int}/reopen", ReopenTerm)
            .WithName("ReopenTerm")
            .WithSummary("Reopen a closed term (the head, with a reason; audited)");
        classes.MapPost("/excusals", Excuse).RequireWriteAdmission()
            .WithName("ExcuseSummative")
            .WithSummary("Excuse a student's missed section or term summative (the head; audited)")
            .WithDescription("The missed work's weight is shared among the student's other components, for that student only. Void it like any row, through /corrections.");
        classes.MapGet("/journal", GetJournal)
            .WithName("GetClassJournal")
            .WithSummary("The teacher's journal grid: one subject and term, every student's marks, absences and standing");
        return api;
    }

    private static async Task<Results<Ok<BatchResponse>, ProblemHttpResult>> Correct(
        string classId, CorrectionRequest correction, HttpContext context, ActorResolver actors, NodeDirectory directory, IGrainFactory grains,
        ClusterCalls calls, CancellationToken cancellationToken)
    {
        ProblemHttpResult? problem = null;
        if (await EndpointAccess.NodeAsync(classId, AccessPolicy.CanCorrectJournal, context, actors, directory, p => problem = p, cancellationToken,
                NodeKind.Class, "problem.notFound.class") is not var (actor, _))
        {
            return problem!;
        }
        // A correction carries its own entry id: a resend is a duplicate, never a second row.
        var outcome = await calls.IdempotentAsync(() => grains.GetGrain<IClassGrain>(classId).Correct(actor, correction), cancellationToken);
        return outcome.Accepted ? TypedResults.Ok(BatchResponse.Of(outcome)) : LocalizedProblems.Rejected(context, outcome);
    }

    private static async Task<Results<Ok<BatchResponse>, ProblemHttpResult>> Excuse(
        string classId, ExcusalRequest excusal, HttpContext context, ActorResolver actors, NodeDirectory directory, IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        ProblemHttpResult? problem = null;
        if (await EndpointAccess.NodeAsync(classId, AccessPolicy.CanCloseTerm, context, actors, directory, p => problem = p, cancellationToken,
                NodeKind.Class, "problem.notFound.class") is not var (actor, _))
        {
            return problem!;
        }
        var outcome = await grains.GetGrain<IClassGrain>(classId).Excuse(actor, excusal);
        return outcome.Accepted ? TypedResults.Ok(BatchResponse.Of(outcome)) : LocalizedProblems.Rejected(context, outcome);
    }

    private static Task<Results<Ok<TermResponse>, ProblemHttpResult>> CloseTerm(
        string classId, int term, TermActionRequest? request, HttpContext context, ActorResolver actors, NodeDirectory directory, IGrainFactory grains,
        CancellationToken cancellationToken) =>
        SetClosed(classId, term, true, request?.Reason, context, actors, directory, grains, cancellationToken);

    private static Task<Results<Ok<TermResponse>, ProblemHttpResult>> ReopenTerm(
        string classId, int term, TermActionRequest? request, HttpContext context, ActorResolver actors, NodeDirectory directory, IGrainFactory grains,
        CancellationToken cancellationToken) =>
        SetClosed(classId, term, false, request?.Reason, context, actors, directory, grains, cancellationToken);

    private static async Task<Results<Ok<TermResponse>, ProblemHttpResult>> SetClosed(
        string classId, int term, bool close, string? reason, HttpContext context, ActorResolver actors, NodeDirectory directory, IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        ProblemHttpResult? problem = null;
        if (await EndpointAccess.NodeAsync(classId, AccessPolicy.CanCloseTerm, context, actors, directory, p => problem = p, cancellationToken,
                NodeKind.Class, "problem.notFound.class") is not var (actor, _))
        {
            return problem!;
        }
        var outcome = await grains.GetGrain<IClassGrain>(classId).SetTermClosed(actor, term, close, reason);
        return outcome.Accepted ? TypedResults.Ok(new TermResponse(classId, term, close, outcome.Watermark)) : LocalizedProblems.Rejected(context, outcome);
    }

    private static async Task<Results<Ok<ClassJournalResponse>, ProblemHttpResult>> GetJournal(
        string classId, string? subjectId, string? term, HttpContext context, ActorResolver actors, NodeDirectory directory, RegistryStore registry,
        AuditLog audit, IGrainFactory grains, IKazakhstanClock clock, CancellationToken cancellationToken)
    {
        ProblemHttpResult? problem = null;
        if (await EndpointAccess.NodeAsync(classId, (_, _) => true, context, actors, directory, p => problem = p, cancellationToken,
                NodeKind.Class, "problem.notFound.class") is not var (actor, node))
        {
            return problem!;
        }
        var problems = new List<(string Field, string Code)>();
        if (subjectId is null)
        {
            problems.Add(("subjectId", "required"));
        }
        else if (!RegistryIds.IsWellFormed(subjectId))
        {
            problems.Add(("subjectId", "idMalformed"));
        }
        if (!int.TryParse(term, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var termNumber)
            || termNumber is < 1 or > SummaryFilter.MaxTerm)
        {
            problems.Add(("term", "termOutOfRange"));
        }
        if (problems.Count > 0)
        {
            return LocalizedProblems.Invalid(context, problems, "summary.error");
        }
        var cls = await registry.FindClassAsync(classId, cancellationToken);
        // Teachers assigned to the subject today (a substitute reads the grid only while the substitution runs).
        var today = clock.Today;
        var assigned = cls?.Assignments.Where(a => a.SubjectId == subjectId && a.CoversDate(today)).Select(a => a.TeacherId).ToHashSet(StringComparer.Ordinal) ?? [];
        var allowed = AccessPolicy.CanReadClassJournal(actor, node.Path, assigned);
        await audit.RecordAsync(new AuditEntry(actor.UserId, actor.Roles, actor.ClientAddress, "class.journal.read", "class", classId, cls?.OrganizationId,
            allowed ? "ok" : "denied", JsonSerializer.Serialize(new { subjectId, term = termNumber })), cancellationToken);
        if (!allowed)
        {
            return LocalizedProblems.Forbidden(context);
        }
        var view = await grains.GetGrain<IClassGrain>(classId).GetJournal(subjectId!, termNumber);
        if (view is null)
        {
            return LocalizedProblems.NotFound(context, "problem.notFound.term");
        }
        var names = await registry.StudentNamesAsync(view.Students.Select(s => s.StudentId).ToList(), cancellationToken);
        return TypedResults.Ok(ClassJournalResponse.Of(view, names, RequestLanguage.Of(context)));
    }
}

/// <summary>A term's state for a class after a close or a reopening, with the class's new version.</summary>
public sealed record TermResponse(string ClassId, int Term, bool Closed, long Version);
