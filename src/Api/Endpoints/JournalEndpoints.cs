using EduInfo.Domain.Journal;
using EduInfo.Api.Contracts;
using EduInfo.Api.Problems;
using EduInfo.Api.Security;
using EduInfo.Api.Telemetry;
using EduInfo.Grains.Interfaces.Journal;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduInfo.Api.Endpoints;

/// <summary>The journal write path: batches of marks and roll-calls for one class, all or nothing.</summary>
public static class JournalEndpoints
{
    public static RouteGroupBuilder MapJournalEndpoints(this RouteGroupBuilder api)
    {
        // Journal writes pass the admission control (a bounded number at once, a short queue, then a fast 503).
        // The class must exist and the caller be a teacher above it; subjects and dates are checked against assignments in the grain.
        var classes = api.MapGroup("/classes/{classId}").WithTags("Journal").RequireWriteAdmission().RequireClass(AccessPolicy.CanWriteJournal);

        classes.MapPost("/marks", RecordMarks)
            .WithName("RecordMarks")
            .WithSummary("Record a batch of marks for one class")
            .WithDescription("All or nothing. Each entry carries a client entry id (idempotency key): a retry with the same id and payload is reported as a duplicate; the same id with another payload is a 409.");

        classes.MapPost("/lessons", RecordLessons)
            .WithName("RecordLessons")
            .WithSummary("Record roll-calls (lessons with absentees) for one class")
            .WithDescription("Absentee codes are ASCII names: unexcused, excused, sick, late (late counts as attended). The class roster on the lesson date is stored with the lesson.");
        // A profile group's writer: a teacher above one of the group's classes (the assignment is checked per class).
        var groups = api.MapGroup("/groups/{groupId}").WithTags("Journal").RequireWriteAdmission().RequireProfileGroup(AccessPolicy.CanWriteJournal);
        groups.MapPost("/marks", RecordGroupMarks)
            .WithName("RecordProfileGroupMarks")
            .WithSummary("Record marks of a cross-class profile group (grades 10–11); each counts in the student's home class");
        groups.MapPost("/lessons", RecordGroupLessons)
            .WithName("RecordProfileGroupLessons")
            .WithSummary("Record roll-calls of a cross-class profile group: one row per home class, each with its part of the roster");
        return api;
    }

    private static Task<Results<Ok<BatchResponse>, ProblemHttpResult>> RecordMarks(string classId, MarkBatch batch, [AsParameters] EndpointCall call, JournalMetrics metrics) =>
        Write(call, metrics, JournalEntryKind.Mark, grains => grains.GetGrain<IClassGrain>(classId).RecordMarks(call.Actor, batch));

    private static Task<Results<Ok<BatchResponse>, ProblemHttpResult>> RecordLessons(string classId, LessonBatch batch, [AsParameters] EndpointCall call, JournalMetrics metrics) =>
        Write(call, metrics, JournalEntryKind.RollCall, grains => grains.GetGrain<IClassGrain>(classId).RecordLessons(call.Actor, batch));

    private static Task<Results<Ok<BatchResponse>, ProblemHttpResult>> RecordGroupMarks(string groupId, MarkBatch batch, [AsParameters] EndpointCall call, JournalMetrics metrics) =>
        Write(call, metrics, JournalEntryKind.Mark, grains => grains.GetGrain<ITeachingGroupGrain>(groupId).RecordMarks(call.Actor, batch));

    private static Task<Results<Ok<BatchResponse>, ProblemHttpResult>> RecordGroupLessons(string groupId, LessonBatch batch, [AsParameters] EndpointCall call, JournalMetrics metrics) =>
        Write(call, metrics, JournalEntryKind.RollCall, grains => grains.GetGrain<ITeachingGroupGrain>(groupId).RecordLessons(call.Actor, batch));

    /// <summary>A batch is idempotent by its entry ids, so the call may be repeated through a silo loss.</summary>
    private static async Task<Results<Ok<BatchResponse>, ProblemHttpResult>> Write(EndpointCall call, JournalMetrics metrics, JournalEntryKind kind,
        Func<IGrainFactory, Task<BatchOutcome>> write)
    {
        BatchOutcome outcome;
        try
        {
            outcome = await call.IdempotentAsync(write);
        }
        catch when (!call.Http.RequestAborted.IsCancellationRequested)
        {
            metrics.Failed();
            throw;
        }
        metrics.Answered(kind, outcome);
        return outcome.Accepted ? TypedResults.Ok(BatchResponse.Of(outcome)) : LocalizedProblems.Rejected(call.Http, outcome);
    }
}
