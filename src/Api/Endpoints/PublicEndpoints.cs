using EduInfo.Domain.Registry;
using EduInfo.Api.Contracts;
using EduInfo.Api.Localization;
using EduInfo.Api.Problems;
using EduInfo.Api.Reads;
using EduInfo.Api.Registry;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduInfo.Api.Endpoints;

/// <summary>
/// Open reporting to citizens (order point 12.1): the republic, regions, districts and organizations, anonymously,
/// aggregates only, with cells of fewer than ten students suppressed (in pairs among siblings). Classes are not public.
/// </summary>
public static class PublicEndpoints
{
    public static RouteGroupBuilder MapPublicEndpoints(this RouteGroupBuilder api)
    {
        var nodes = api.MapGroup("/public/nodes/{nodeId}").WithTags("Public reports").AllowAnonymous();
        nodes.MapGet("/summary", GetSummary).WithName("GetPublicSummary").WithSummary("A node's public aggregates");
        nodes.MapGet("/children", GetChildren).WithName("GetPublicChildren").WithSummary("The public aggregates of a node's children");
        return api;
    }

    private static async Task<Results<Ok<PublicSummary>, ProblemHttpResult>> GetSummary(
        string nodeId, HttpContext context, PublicReport report, CancellationToken cancellationToken) =>
        await report.NodeAsync(nodeId, RequestLanguage.Of(context), cancellationToken) is { } node
            ? TypedResults.Ok(node.Summary)
            : LocalizedProblems.NotFound(context, "problem.notFound.node");

    private static async Task<Results<Ok<IReadOnlyList<PublicSummary>>, ProblemHttpResult>> GetChildren(
        string nodeId, HttpContext context, NodeDirectory directory, PublicReport report, CancellationToken cancellationToken)
    {
        var node = await directory.FindAsync(nodeId, cancellationToken);
        return node is null or { Kind: NodeKind.Class }
            ? LocalizedProblems.NotFound(context, "problem.notFound.node")
            : TypedResults.Ok(await report.ChildrenAsync(node, RequestLanguage.Of(context), cancellationToken));
    }
}
