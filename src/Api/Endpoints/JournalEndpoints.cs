using EduInfo.Domain.Registry;
using EduInfo.Domain.Journal;
using EduInfo.Api.Actors;
using EduInfo.Api.Cluster;
using EduInfo.Api.Contracts;
using EduInfo.Api.Problems;
using EduInfo.Api.Registry;
using EduInfo.Api.Security;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.Storage.Registry;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduInfo.Api.Endpoints;

/// <summary>The journal write path: batches of marks and roll-calls for one class, all or nothing.</summary>
public static class JournalEndpoints
{
    public static RouteGroupBuilder MapJournalEndpoints(this RouteGroupBuilder api)
    {
        // Journal writes pass the admission control (a bounded number at once, a short queue, then a fast 503).
        var classes = api.MapGroup("/classes/{classId}").WithTags("Journal").RequireWriteAdmission();

        classes.MapPost("/marks", RecordMarks)
            .WithName("RecordMarks")
            .WithSummary("Record a batch of marks for one class")
            .WithDescription("All or nothing. Each entry carries a client entry id (idempotency key): a retry with the same id and payload is reported as a duplicate; the same id with another payload is a 409.");

        classes.MapPost("/lessons", RecordLessons)
            .WithName("RecordLessons")
            .WithSummary("Record roll-calls (lessons with absentees) for one class")
            .WithDescription("Absentee codes are ASCII names: unexcused, excused, sick, late (late counts as attended). The class roster on the lesson date is stored with the lesson.");
        var groups = api.MapGroup("/groups/{groupId}").WithTags("Journal").RequireWriteAdmission();
        groups.MapPost("/marks", RecordGroupMarks)
            .WithName("RecordProfileGroupMarks")
            .WithSummary("Record marks of a cross-class profile group (grades 10–11); each counts in the student's home class");
        groups.MapPost("/lessons", RecordGroupLessons)
            .WithName("RecordProfileGroupLessons")
            .WithSummary("Record roll-calls of a cross-class profile group: one row per home class, each with its part of the roster");
        return api;
    }

    /// <summary>A profile group's writer: a teacher above one of the group's classes (the assignment is checked per class).</summary>
    private static async Task<(Actor Actor, string GroupId)?> GroupAccessAsync(string groupId, HttpContext context, ActorResolver actors, NodeDirectory directory,
        RegistryStore registry, Action<ProblemHttpResult> refuse, CancellationToken cancellationToken)
    {
        var members = RegistryIds.IsWellFormed(groupId) ? await registry.ProfileGroupMembersAsync(groupId, cancellationToken) : null;
        if (actors.Resolve(context) is null)
        {
            refuse(LocalizedProblems.Unauthorized(context));
            return null;
        }
        if (members is null || members.Count == 0)
        {
            refuse(LocalizedProblems.NotFound(context, "problem.notFound.group"));
            return null;
        }
        return await EndpointAccess.NodeAsync(members[0].ClassId, AccessPolicy.CanWriteJournal, context, actors, directory, refuse, cancellationToken,
            NodeKind.Class, "problem.notFound.group") is var (actor, _) ? (actor, groupId) : null;
    }

    private static async Task<Results<Ok<BatchResponse>, ProblemHttpResult>> RecordGroupMarks(
        string groupId, MarkBatch batch, HttpContext context, ActorResolver actors, NodeDirectory directory, RegistryStore registry, IGrainFactory grains,
        ClusterCalls calls, CancellationToken cancellationToken)
    {
        ProblemHttpResult? problem = null;
        if (await GroupAccessAsync(groupId, context, actors, directory, registry, p => problem = p, cancellationToken) is not var (actor, _))
        {
            return problem!;
        }
        var outcome = await calls.IdempotentAsync(() => grains.GetGrain<ITeachingGroupGrain>(groupId).RecordMarks(actor, batch), cancellationToken);
        return outcome.Accepted ? TypedResults.Ok(BatchResponse.Of(outcome)) : LocalizedProblems.Rejected(context, outcome);
    }

    private static async Task<Results<Ok<BatchResponse>, ProblemHttpResult>> RecordGroupLessons(
        string groupId, LessonBatch batch, HttpContext context, ActorResolver actors, NodeDirectory directory, RegistryStore registry, IGrainFactory grains,
        ClusterCalls calls, CancellationToken cancellationToken)
    {
        ProblemHttpResult? problem = null;
        if (await GroupAccessAsync(groupId, context, actors, directory, registry, p => problem = p, cancellationToken) is not var (actor, _))
        {
            return problem!;
        }
        var outcome = await calls.IdempotentAsync(() => grains.GetGrain<ITeachingGroupGrain>(groupId).RecordLessons(actor, batch), cancellationToken);
        return outcome.Accepted ? TypedResults.Ok(BatchResponse.Of(outcome)) : LocalizedProblems.Rejected(context, outcome);
    }

    private static async Task<Results<Ok<BatchResponse>, ProblemHttpResult>> RecordMarks(
        string classId, MarkBatch batch, HttpContext context, ActorResolver actors, NodeDirectory directory, IGrainFactory grains, ClusterCalls calls,
        CancellationToken cancellationToken)
    {
        // The class must exist and the caller be a teacher above it; subjects and dates are checked against assignments in the grain.
        ProblemHttpResult? problem = null;
        if (await EndpointAccess.NodeAsync(classId, AccessPolicy.CanWriteJournal, context, actors, directory, p => problem = p, cancellationToken,
                NodeKind.Class, "problem.notFound.class") is not var (actor, _))
        {
            return problem!;
        }
        var outcome = await calls.IdempotentAsync(() => grains.GetGrain<IClassGrain>(classId).RecordMarks(actor, batch), cancellationToken);
        return outcome.Accepted ? TypedResults.Ok(BatchResponse.Of(outcome)) : LocalizedProblems.Rejected(context, outcome);
    }

    private static async Task<Results<Ok<BatchResponse>, ProblemHttpResult>> RecordLessons(
        string classId, LessonBatch batch, HttpContext context, ActorResolver actors, NodeDirectory directory, IGrainFactory grains, ClusterCalls calls,
        CancellationToken cancellationToken)
    {
        // The class must exist and the caller be a teacher above it; subjects and dates are checked against assignments in the grain.
        ProblemHttpResult? problem = null;
        if (await EndpointAccess.NodeAsync(classId, AccessPolicy.CanWriteJournal, context, actors, directory, p => problem = p, cancellationToken,
                NodeKind.Class, "problem.notFound.class") is not var (actor, _))
        {
            return problem!;
        }
        var outcome = await calls.IdempotentAsync(() => grains.GetGrain<IClassGrain>(classId).RecordLessons(actor, batch), cancellationToken);
        return outcome.Accepted ? TypedResults.Ok(BatchResponse.Of(outcome)) : LocalizedProblems.Rejected(context, outcome);
    }
}
