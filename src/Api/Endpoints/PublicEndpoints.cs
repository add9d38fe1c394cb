using EduInfo.Domain.Registry;
using EduInfo.Api.Contracts;
using EduInfo.Api.Localization;
using EduInfo.Api.Problems;
using EduInfo.Api.Registry;
using EduInfo.Api.Security;
using EduInfo.Grains.Interfaces.Summaries;
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
        string nodeId, HttpContext context, NodeDirectory directory, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var node = await directory.FindAsync(nodeId, cancellationToken);
        if (node is null or { Kind: NodeKind.Class })
        {
            return LocalizedProblems.NotFound(context, "problem.notFound.node");
        }
        var summary = await grains.SummaryNode(node.Kind, nodeId).GetSummary();
        return TypedResults.Ok(PublicSummary.Of(summary, node, RequestLanguage.Of(context), summary.Figures.Students < SmallCellSuppression.DefaultThreshold));
    }

    private static async Task<Results<Ok<IReadOnlyList<PublicSummary>>, ProblemHttpResult>> GetChildren(
        string nodeId, HttpContext context, NodeDirectory directory, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var node = await directory.FindAsync(nodeId, cancellationToken);
        if (node is null or { Kind: NodeKind.Class })
        {
            return LocalizedProblems.NotFound(context, "problem.notFound.node");
        }
        if (node.Kind == NodeKind.Organization)
        {
            return TypedResults.Ok<IReadOnlyList<PublicSummary>>([]); // an organization's children are classes: not public
        }
        var children = await ((IAggregateNode)grains.SummaryNode(node.Kind, nodeId)).GetChildren();
        var hidden = SmallCellSuppression.Hidden(children.Select(c => (c.NodeId, c.Figures.Students)).ToList());
        var language = RequestLanguage.Of(context);
        var named = await Task.WhenAll(children.Select(async c =>
            PublicSummary.Of(c, await directory.FindAsync(c.NodeId, cancellationToken), language, hidden.Contains(c.NodeId))));
        return TypedResults.Ok<IReadOnlyList<PublicSummary>>(named);
    }
}
