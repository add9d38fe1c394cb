using EduInfo.Domain.Registry;
using EduInfo.Api.Actors;
using EduInfo.Api.Cluster;
using EduInfo.Api.Contracts;
using EduInfo.Api.Localization;
using EduInfo.Api.Problems;
using EduInfo.Api.Registry;
using EduInfo.Api.Security;
using EduInfo.Grains.Interfaces.Registry;
using EduInfo.Storage.Registry;
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
            .WithDescription("Integer figures that add up exactly from children to parents, with rates derived at read time. The republic's id is KZ. "
                + "Filters: term (1..6; omitted = the whole year, whose term-mark figures are annual marks), subjectId, year (the current academic year only).");
        nodes.MapPut("/targets/{metric}", SetTarget)
            .WithName("SetRegionalTarget")
            .WithSummary("Set a programme target (order point 4) of a region, district or the republic")
            .WithDescription("Analysts for any area, officers for their region or district and below. Audited.");
        nodes.MapGet("/children", GetChildren)
            .WithName("GetNodeChildren")
            .WithSummary("The live summaries of a node's children");
        return api;
    }

    private static async Task<Results<Ok<NodeSummaryResponse>, ProblemHttpResult>> GetSummary(
        string nodeId, string? term, string? subjectId, string? year, HttpContext context, ActorResolver actors, NodeDirectory directory,
        IGrainFactory grains, RegionalTargetStore regionalTargets, ClusterCalls calls, CancellationToken cancellationToken)
    {
        ProblemHttpResult? problem = null;
        if (await EndpointAccess.NodeAsync(nodeId, AccessPolicy.CanReadSummary, context, actors, directory, p => problem = p, cancellationToken) is not var (_, node))
        {
            return problem!;
        }
        if (Filter(term, subjectId, year, context, p => problem = p) is not { } filter)
        {
            return problem!;
        }
        var summary = await calls.IdempotentAsync(() => EndpointAccess.Grain(grains, node).GetSummary(), cancellationToken);
        if (filter.YearProblem(summary.AcademicYear) is { } wrongYear)
        {
            return LocalizedProblems.Invalid(context, [wrongYear], "summary.error");
        }
        var targets = node.Kind is NodeKind.Republic or NodeKind.Region or NodeKind.District
            ? await regionalTargets.ForNodeAsync(node.Id, cancellationToken)
            : [];
        return TypedResults.Ok(NodeSummaryResponse.Of(summary, node, RequestLanguage.Of(context), targets, filter));
    }

    /// <summary>The term, subject and year filters, or a localized 400.</summary>
    internal static SummaryFilter? Filter(string? term, string? subjectId, string? year, HttpContext context, Action<ProblemHttpResult> refuse)
    {
        var problems = new List<(string Field, string Code)>();
        var filter = SummaryFilter.Parse(term, subjectId, year, problems);
        if (filter is null)
        {
            refuse(LocalizedProblems.Invalid(context, problems, "summary.error"));
        }
        return filter;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SetTarget(
        string nodeId, string metric, TargetRequest request, HttpContext context, ActorResolver actors, NodeDirectory directory,
        IGrainFactory grains, RegionalTargetStore regionalTargets, CancellationToken cancellationToken)
    {
        ProblemHttpResult? problem = null;
        if (await EndpointAccess.NodeAsync(nodeId, AccessPolicy.CanSetTargets, context, actors, directory, p => problem = p, cancellationToken) is not var (actor, node))
        {
            return problem!;
        }
        // The node's target grain checks it is an area, the metric and the value (TargetValidator), then sets it with its audit row.
        var outcome = await grains.GetGrain<IRegionalTargetGrain>(node.Id).Set(actor, metric, request.TargetPercent);
        if (!outcome.Accepted)
        {
            return outcome.IsNotFound ? LocalizedProblems.NotFound(context, "problem.notFound.node")
                : LocalizedProblems.Invalid(context, outcome.Problems.Codes(), "target.error");
        }
        await regionalTargets.ReloadAsync(); // this Api's summaries show the new target at once, wherever the grain ran
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<IReadOnlyList<NodeSummaryResponse>>, ProblemHttpResult>> GetChildren(
        string nodeId, string? term, string? subjectId, string? year, HttpContext context, ActorResolver actors, NodeDirectory directory,
        IGrainFactory grains, CancellationToken cancellationToken)
    {
        ProblemHttpResult? problem = null;
        if (await EndpointAccess.NodeAsync(nodeId, AccessPolicy.CanReadSummary, context, actors, directory, p => problem = p, cancellationToken) is not var (_, node))
        {
            return problem!;
        }
        if (Filter(term, subjectId, year, context, p => problem = p) is not { } filter)
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
        if (filter.YearProblem(children.Select(c => c.AcademicYear).Max(StringComparer.Ordinal)) is { } wrongYear)
        {
            return LocalizedProblems.Invalid(context, [wrongYear], "summary.error");
        }
        var named = await Task.WhenAll(children.Select(async c => NodeSummaryResponse.Of(c, await directory.FindAsync(c.NodeId, cancellationToken), language, null, filter)));
        return TypedResults.Ok<IReadOnlyList<NodeSummaryResponse>>(named);
    }
}
