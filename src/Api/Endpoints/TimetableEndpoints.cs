using EduInfo.Domain.Registry;
using EduInfo.Domain.Calendar;
using EduInfo.Api.Actors;
using EduInfo.Api.Problems;
using EduInfo.Api.Registry;
using EduInfo.Api.Security;
using EduInfo.Api.Contracts;
using EduInfo.Grains.Interfaces.Calendar;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.Storage.Assessment;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduInfo.Api.Endpoints;

/// <summary>
/// A class's timetable: which lessons its teaching groups have each week. It says which lessons were scheduled, so the
/// summaries can show completeness (lessons with a roll-call ÷ lessons scheduled) at every level.
/// </summary>
public static class TimetableEndpoints
{
    public static RouteGroupBuilder MapTimetableEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/classes/{classId}/timetable", Get).WithTags("Calendar")
            .WithName("GetTimetable")
            .WithSummary("A class's timetable: every dated weekly slot (group, subject, ISO weekday, period)");
        api.MapPut("/classes/{classId}/timetable", Replace).WithTags("Calendar")
            .WithName("ReplaceTimetable")
            .WithSummary("Replace a class's timetable from a date (the head; audited)")
            .WithDescription("Slots that started on or after validFrom are replaced; slots running on that day end the day before, so history keeps the timetable it had.");
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyList<TimetableSlotResponse>>, ProblemHttpResult>> Get(
        string classId, HttpContext context, ActorResolver actors, NodeDirectory directory, TimetableStore timetables, CancellationToken cancellationToken)
    {
        ProblemHttpResult? problem = null;
        if (await EndpointAccess.NodeAsync(classId, AccessPolicy.CanReadSummary, context, actors, directory, p => problem = p, cancellationToken,
                NodeKind.Class, "problem.notFound.class") is null)
        {
            return problem!;
        }
        var slots = await timetables.ReadAsync(classId, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<TimetableSlotResponse>>(slots.Select(TimetableSlotResponse.Of).ToList());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Replace(
        string classId, TimetableDocument timetable, HttpContext context, ActorResolver actors, NodeDirectory directory, IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        ProblemHttpResult? problem = null;
        if (await EndpointAccess.NodeAsync(classId, AccessPolicy.CanCloseTerm, context, actors, directory, p => problem = p, cancellationToken,
                NodeKind.Class, "problem.notFound.class") is not var (actor, _))
        {
            return problem!;
        }
        // The class checks the slots against its groups and subjects (TimetableValidator), stores them and rebuilds its completeness.
        var outcome = await grains.GetGrain<IClassGrain>(classId).ReplaceTimetable(actor, timetable);
        if (outcome.IsNotFound)
        {
            return LocalizedProblems.NotFound(context, "problem.notFound.class");
        }
        return outcome.Accepted ? TypedResults.NoContent() : LocalizedProblems.Invalid(context, outcome.Problems.Codes(), "timetable.error");
    }
}
