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
        api.MapGet("/classes/{classId}/timetable", Get).RequireClass(AccessPolicy.CanReadSummary).WithTags("Calendar")
            .WithName("GetTimetable")
            .WithSummary("A class's timetable: every dated weekly slot (group, subject, ISO weekday, period)");
        api.MapPut("/classes/{classId}/timetable", Replace).RequireClass(AccessPolicy.CanCloseTerm).WithTags("Calendar")
            .WithName("ReplaceTimetable")
            .WithSummary("Replace a class's timetable from a date (the head; audited)")
            .WithDescription("Slots that started on or after validFrom are replaced; slots running on that day end the day before, so history keeps the timetable it had.");
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyList<TimetableSlotResponse>>, ProblemHttpResult>> Get(string classId, [AsParameters] EndpointCall call, TimetableStore timetables)
    {
        var slots = await timetables.ReadAsync(classId, call.Aborted);
        return TypedResults.Ok<IReadOnlyList<TimetableSlotResponse>>(slots.Select(TimetableSlotResponse.Of).ToList());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Replace(string classId, TimetableDocument timetable, [AsParameters] EndpointCall call)
    {
        // The class checks the slots against its groups and subjects (TimetableValidator), stores them and rebuilds its completeness.
        var outcome = await call.Grains.GetGrain<IClassGrain>(classId).ReplaceTimetable(call.Actor, timetable);
        if (outcome.IsNotFound)
        {
            return LocalizedProblems.NotFound(call.Http, "problem.notFound.class");
        }
        return outcome.Accepted ? TypedResults.NoContent() : LocalizedProblems.Invalid(call.Http, outcome.Problems.Codes(), "timetable.error");
    }
}
