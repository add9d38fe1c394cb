using EduInfo.Api.Problems;
using EduInfo.Api.Security;
using EduInfo.Grains.Interfaces.Calendar;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduInfo.Api.Endpoints;

/// <summary>
/// Closing an academic year (issue 20, operators): the year's journal freezes and every node's summary is archived,
/// answered with <c>year=</c> at every level; a correction afterwards needs the year reopened with a reason.
/// </summary>
public static class YearEndpoints
{
    public static RouteGroupBuilder MapYearEndpoints(this RouteGroupBuilder api)
    {
        var years = api.MapGroup("/years").WithTags("Year end");
        years.MapGet("/{academicYear}", Get).RequireCaller(AccessPolicy.CanCloseYears)
            .WithName("GetAcademicYear")
            .WithSummary("A year's state: closed since when, its classes, the summaries its archive holds (operators)");
        years.MapPost("/{academicYear}/close", Close).RequireCaller(AccessPolicy.CanCloseYears)
            .WithName("CloseAcademicYear")
            .WithSummary("Close a year: its classes refuse journal writes, and every node's summary is archived (operators; audited)")
            .WithDescription("Closing a closed year is a 409. The archive is the journal as it stood at the close; closing again after a reopening replaces it.");
        years.MapPost("/{academicYear}/reopen", Reopen).RequireCaller(AccessPolicy.CanCloseYears)
            .WithName("ReopenAcademicYear")
            .WithSummary("Reopen a closed year for corrections, with a reason (operators; audited)");
        years.MapPost("/{academicYear}/roll", Roll).RequireCaller(AccessPolicy.CanCloseYears)
            .WithName("RollAcademicYear")
            .WithSummary("Roll a closed year into the next: next year's classes, pupils moved as the council decided (operators; audited)")
            .WithDescription("Each school class becomes a class one grade up (the final grade none); promoted pupils move up, repeaters stay in their grade, "
                + "leavers and graduates leave; enrolments of the year end on its last day and the new ones start on the next year's first. "
                + "Refused (409) while the year is open, while any pupil has no council decision, and once the next year has classes. "
                + "The live summaries then hold the next year; the closed year stays in its archive.");
        return api;
    }

    private static async Task<Results<Ok<YearRollView>, ProblemHttpResult>> Roll(string academicYear, [AsParameters] EndpointCall call)
    {
        var outcome = await call.Grains.GetGrain<IAcademicYearGrain>(academicYear).Roll(call.Actor);
        return outcome is { Outcome.Accepted: true, Roll: { } roll } ? TypedResults.Ok(roll) : LocalizedProblems.Rejected(call.Http, outcome.Outcome);
    }

    private static async Task<Results<Ok<AcademicYearView>, ProblemHttpResult>> Get(string academicYear, [AsParameters] EndpointCall call) =>
        await call.Grains.GetGrain<IAcademicYearGrain>(academicYear).Get() is { Classes: > 0 } year
            ? TypedResults.Ok(year)
            : LocalizedProblems.NotFound(call.Http, "problem.notFound.year");

    private static async Task<Results<Ok<AcademicYearView>, ProblemHttpResult>> Close(string academicYear, [AsParameters] EndpointCall call)
    {
        var outcome = await call.Grains.GetGrain<IAcademicYearGrain>(academicYear).Close(call.Actor);
        return outcome is { Outcome.Accepted: true, Year: { } year } ? TypedResults.Ok(year) : LocalizedProblems.Rejected(call.Http, outcome.Outcome);
    }

    private static async Task<Results<Ok<AcademicYearView>, ProblemHttpResult>> Reopen(string academicYear, YearReopenRequest? request, [AsParameters] EndpointCall call)
    {
        var outcome = await call.Grains.GetGrain<IAcademicYearGrain>(academicYear).Reopen(call.Actor, request?.Reason);
        return outcome is { Outcome.Accepted: true, Year: { } year } ? TypedResults.Ok(year) : LocalizedProblems.Rejected(call.Http, outcome.Outcome);
    }
}

/// <summary>Why a closed year is reopened (a correction ordered, an error found).</summary>
public sealed record YearReopenRequest(string? Reason);
