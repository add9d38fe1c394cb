using EduInfo.Api.Actors;
using EduInfo.Api.Contracts;
using EduInfo.Api.Localization;
using EduInfo.Api.Problems;
using EduInfo.Api.Registry;
using EduInfo.Api.Security;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Grains.Interfaces.Summaries;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduInfo.Api.Endpoints;

/// <summary>Live summaries of the hierarchy: any node (republic KZ, region, district, organization, class) and its children.</summary>
public static class NodeEndpoints
{
    public static RouteGroupBuilder MapNodeEndpoints(this RouteGroupBuilder api)
    {
        var nodes = api.MapGroup("/nodes/{nodeId}").WithTags("Summaries");
        nodes.MapGet("/summary", GetSummary)
            .WithName("GetNodeSummary")
            .WithSummary("A node's live summary")
            .WithDescription("Integer figures that add up exactly from children to parents, with rates derived at read time. The republic's id is KZ.");
        nodes.MapGet("/children", GetChildren)
            .WithName("GetNodeChildren")
            .WithSummary("The live summaries of a node's children");
        return api;
    }

    private static async Task<Results<Ok<NodeSummaryResponse>, ProblemHttpResult>> GetSummary(
        string nodeId, HttpContext context, ActorResolver actors, NodeDirectory directory, IGrainFactory grains, CancellationToken cancellationToken)
    {
        ProblemHttpResult? problem = null;
        if (await EndpointAccess.SummaryAsync(nodeId, context, actors, directory, p => problem = p, cancellationToken) is not var (_, node))
        {
            return problem!;
        }
        var summary = await EndpointAccess.Grain(grains, node).GetSummary();
        return TypedResults.Ok(NodeSummaryResponse.Of(summary, node, RequestLanguage.Of(context)));
    }

    private static async Task<Results<Ok<IReadOnlyList<NodeSummaryResponse>>, ProblemHttpResult>> GetChildren(
        string nodeId, HttpContext context, ActorResolver actors, NodeDirectory directory, IGrainFactory grains, CancellationToken cancellationToken)
    {
        ProblemHttpResult? problem = null;
        if (await EndpointAccess.SummaryAsync(nodeId, context, actors, directory, p => problem = p, cancellationToken) is not var (_, node))
        {
            return problem!;
        }
        if (node.Kind == NodeKind.Class)
        {
            // A class's children are students: personal data, served by the diary, not by the summaries.
            return TypedResults.Ok<IReadOnlyList<NodeSummaryResponse>>([]);
        }
        var language = RequestLanguage.Of(context);
        var children = await ((IAggregateNode)EndpointAccess.Grain(grains, node)).GetChildren();
        var named = await Task.WhenAll(children.Select(async c => NodeSummaryResponse.Of(c, await directory.FindAsync(c.NodeId, cancellationToken), language)));
        return TypedResults.Ok<IReadOnlyList<NodeSummaryResponse>>(named);
    }
}
