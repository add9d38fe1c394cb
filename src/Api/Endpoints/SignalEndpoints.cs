using EduInfo.Api.Contracts;
using EduInfo.Api.Localization;
using EduInfo.Api.Problems;
using EduInfo.Api.Reads;
using EduInfo.Api.Security;
using EduInfo.Domain.Registry;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduInfo.Api.Endpoints;

/// <summary>An area's signals (docs/analysis.md, Signals): aggregates of its organizations, for the summary's readers.</summary>
public static class SignalEndpoints
{
    public static RouteGroupBuilder MapSignalEndpoints(this RouteGroupBuilder api)
    {
        api.MapGroup("/nodes/{nodeId}/signals").WithTags("Summaries")
            .MapGet("/inflation", GetInflation).RequireNode(AccessPolicy.CanReadSummary)
            .WithName("GetGradeInflation")
            .WithSummary("Grade inflation: the area's organizations' FO% − summative % per grade band as z-scores, from 30 pupils; |z| ≥ 2 is an outlier");
        api.MapGroup("/nodes/{nodeId}/signals").WithTags("Summaries")
            .MapGet("/completeness", GetCompleteness).RequireNode(AccessPolicy.CanReadSummary)
            .WithName("GetCompletenessFalling")
            .WithSummary("Completeness falling: per organization or area under the area, the share of scheduled lessons without a roll-call over the last 5 captured school days and its slope; from +1 point per day it is falling");
        return api;
    }

    private static async Task<Results<Ok<InflationResponse>, ProblemHttpResult>> GetInflation(string nodeId, string? term,
        [AsParameters] EndpointCall call, InflationSignal signal)
    {
        var problems = new List<(string Field, string Code)>();
        var filter = SummaryFilter.Parse(term, null, null, problems);
        if (call.Caller.Node.Kind is NodeKind.Class or NodeKind.Organization)
        {
            problems.Add(("nodeId", "notArea"));
        }
        if (problems.Count > 0 || filter is null)
        {
            return LocalizedProblems.Invalid(call.Http, problems, "summary.error");
        }
        return TypedResults.Ok(await signal.ReadAsync(call.Caller.Node, filter.Key.Term, RequestLanguage.Of(call.Http), call.Aborted));
    }

    private static async Task<Results<Ok<CompletenessResponse>, ProblemHttpResult>> GetCompleteness(string nodeId,
        [AsParameters] EndpointCall call, CompletenessSignal signal)
    {
        if (call.Caller.Node.Kind is NodeKind.Class or NodeKind.Organization)
        {
            return LocalizedProblems.Invalid(call.Http, [("nodeId", "notArea")], "summary.error");
        }
        return TypedResults.Ok(await signal.ReadAsync(call.Caller.Node, RequestLanguage.Of(call.Http), call.Aborted));
    }
}
