using EduInfo.Api.Contracts;
using EduInfo.Api.Localization;
using EduInfo.Api.Problems;
using EduInfo.Api.Security;
using EduInfo.Grains.Interfaces.Summaries;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduInfo.Api.Endpoints;

/// <summary>Live breakdowns of a node by one dimension (issue 19): served from the node's summary, never from SQL.</summary>
public static class BreakdownEndpoints
{
    public static RouteGroupBuilder MapBreakdownEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/nodes/{nodeId}/breakdowns", GetBreakdown).RequireNode(AccessPolicy.CanReadSummary)
            .WithTags("Summaries")
            .WithName("GetNodeBreakdown")
            .WithSummary("A node's live breakdown by one dimension")
            .WithDescription("dimension = locality | language | kind | subordination | grade | sex; term = 1..6 or year (the default). "
                + "One row per value with integer figures and rates; the same readers as the node's summary.");
        return api;
    }

    private static async Task<Results<Ok<BreakdownResponse>, ProblemHttpResult>> GetBreakdown(
        string nodeId, string? dimension, string? term, [AsParameters] EndpointCall call)
    {
        var problems = new List<(string Field, string Code)>();
        if (BreakdownQuery.Parse(dimension, term, problems) is not { } query)
        {
            return LocalizedProblems.Invalid(call.Http, problems, "summary.error");
        }
        var node = call.Caller.Node;
        var summary = await call.IdempotentAsync(grains => grains.SummaryNode(node.Kind, node.Id).GetSummary());
        return TypedResults.Ok(BreakdownResponse.Of(summary, node, query, RequestLanguage.Of(call.Http)));
    }
}
