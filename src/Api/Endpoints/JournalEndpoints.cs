using EduInfo.Api.Actors;
using EduInfo.Api.Contracts;
using EduInfo.Api.Problems;
using EduInfo.Api.Registry;
using EduInfo.Api.Security;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Grains.Interfaces.Summaries;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduInfo.Api.Endpoints;

/// <summary>The journal write path: batches of marks and roll-calls for one class, all or nothing.</summary>
public static class JournalEndpoints
{
    public static RouteGroupBuilder MapJournalEndpoints(this RouteGroupBuilder api)
    {
        var classes = api.MapGroup("/classes/{classId}").WithTags("Journal");

        classes.MapPost("/marks", RecordMarks)
            .WithName("RecordMarks")
            .WithSummary("Record a batch of marks for one class")
            .WithDescription("All or nothing. Each entry carries a client entry id (idempotency key): a retry with the same id and payload is reported as a duplicate; the same id with another payload is a 409.");

        classes.MapPost("/lessons", RecordLessons)
            .WithName("RecordLessons")
            .WithSummary("Record roll-calls (lessons with absentees) for one class")
            .WithDescription("Absentee codes are ASCII names: unexcused, excused, sick, late (late counts as attended). The class roster on the lesson date is stored with the lesson.");
        return api;
    }

    private static async Task<Results<Ok<BatchResponse>, ProblemHttpResult>> RecordMarks(
        string classId, MarkBatch batch, HttpContext context, ActorResolver actors, NodeDirectory directory, IGrainFactory grains, CancellationToken cancellationToken)
    {
        // The class must exist and the caller be a teacher above it; subjects and dates are checked against assignments in the grain.
        ProblemHttpResult? problem = null;
        if (await EndpointAccess.NodeAsync(classId, AccessPolicy.CanWriteJournal, context, actors, directory, p => problem = p, cancellationToken,
                NodeKind.Class, "problem.notFound.class") is not var (actor, _))
        {
            return problem!;
        }
        var outcome = await grains.GetGrain<IClassGrain>(classId).RecordMarks(actor, batch);
        return outcome.Accepted ? TypedResults.Ok(BatchResponse.Of(outcome)) : LocalizedProblems.Rejected(context, outcome);
    }

    private static async Task<Results<Ok<BatchResponse>, ProblemHttpResult>> RecordLessons(
        string classId, LessonBatch batch, HttpContext context, ActorResolver actors, NodeDirectory directory, IGrainFactory grains, CancellationToken cancellationToken)
    {
        // The class must exist and the caller be a teacher above it; subjects and dates are checked against assignments in the grain.
        ProblemHttpResult? problem = null;
        if (await EndpointAccess.NodeAsync(classId, AccessPolicy.CanWriteJournal, context, actors, directory, p => problem = p, cancellationToken,
                NodeKind.Class, "problem.notFound.class") is not var (actor, _))
        {
            return problem!;
        }
        var outcome = await grains.GetGrain<IClassGrain>(classId).RecordLessons(actor, batch);
        return outcome.Accepted ? TypedResults.Ok(BatchResponse.Of(outcome)) : LocalizedProblems.Rejected(context, outcome);
    }
}
