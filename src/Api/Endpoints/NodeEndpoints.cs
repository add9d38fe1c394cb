using EduInfo.Domain.Registry;
using System.Diagnostics.CodeAnalysis;
using EduInfo.Api.Actors;
using EduInfo.Api.Contracts;
using EduInfo.Api.Live;
using EduInfo.Api.Localization;
using EduInfo.Api.Problems;
using EduInfo.Api.Reads;
using EduInfo.Api.Registry;
using EduInfo.Api.Security;
using EduInfo.Grains.Interfaces.Registry;
using EduInfo.Storage.Registry;
using EduInfo.Grains.Interfaces.Summaries;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduInfo.Api.Endpoints;

/// <summary>Live summaries of the hierarchy: any node (republic KZ, region, district, organization, class) and its children.</summary>
public static class NodeEndpoints
{
    public static RouteGroupBuilder MapNodeEndpoints(this RouteGroupBuilder api)
    {
        var nodes = api.MapGroup("/nodes/{nodeId}").WithTags("Summaries");
        nodes.MapGet("/summary", GetSummary).RequireNode(AccessPolicy.CanReadSummary)
            .WithName("GetNodeSummary")
            .WithSummary("A node's live summary")
            .WithDescription("Integer figures that add up exactly from children to parents, with rates derived at read time. The republic's id is KZ. "
                + "Filters: term (1..6; omitted = the whole year, whose term-mark figures are annual marks), subjectId, year (the live academic year, or a closed one from its archive).");
        nodes.MapPut("/targets/{metric}", SetTarget).RequireNode(AccessPolicy.CanSetTargets)
            .WithName("SetRegionalTarget")
            .WithSummary("Set a programme target (order point 4) of a region, district or the republic")
            .WithDescription("Analysts for any area, officers for their region or district and below. Audited.");
        nodes.MapGet("/children", GetChildren).RequireNode(AccessPolicy.CanReadSummary)
            .WithName("GetNodeChildren")
            .WithSummary("The live summaries of a node's children");
        return api;
    }

    private static async Task<Results<Ok<NodeSummaryResponse>, ProblemHttpResult>> GetSummary(
        string nodeId, string? term, string? subjectId, string? year, [AsParameters] EndpointCall call, RegionalTargetStore regionalTargets, YearArchive archive,
        SummaryReads reads)
    {
        if (!TryParseFilter(term, subjectId, year, call.Http, out var filter, out var invalid))
        {
            return invalid;
        }
        var node = call.Caller.Node;
        // A closed year is answered from its archive; the live year (or no year asked) from the watch or the grain.
        var archived = filter.Year is { } asked ? await archive.SummaryAsync(asked, node.Id, call.Aborted) : null;
        var summary = archived ?? await reads.ReadAsync(node.Kind, node.Id, call.Aborted);
        if (archived is null && filter.YearProblem(summary.AcademicYear) is { } wrongYear)
        {
            return LocalizedProblems.Invalid(call.Http, [wrongYear], "summary.error");
        }
        var targets = node.Kind is NodeKind.Republic or NodeKind.Region or NodeKind.District ? await regionalTargets.ForNodeAsync(nodeId, call.Aborted) : [];
        return TypedResults.Ok(NodeSummaryResponse.Of(summary, node, RequestLanguage.Of(call.Http), targets, filter));
    }

    /// <summary>The term, subject and year filters, or the localized 400 refusing them.</summary>
    private static bool TryParseFilter(string? term, string? subjectId, string? year, HttpContext context,
        [NotNullWhen(true)] out SummaryFilter? filter, [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        var problems = new List<(string Field, string Code)>();
        filter = SummaryFilter.Parse(term, subjectId, year, problems);
        problem = filter is null ? LocalizedProblems.Invalid(context, problems, "summary.error") : null;
        return filter is not null;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SetTarget(
        string nodeId, string metric, TargetRequest request, [AsParameters] EndpointCall call, RegionalTargetStore regionalTargets)
    {
        // The node's target grain checks it is an area, the metric and the value (TargetValidator), then sets it with its audit row.
        var outcome = await call.Grains.GetGrain<IRegionalTargetGrain>(nodeId).Set(call.Actor, metric, request.TargetPercent);
        if (!outcome.Accepted)
        {
            return outcome.IsNotFound ? LocalizedProblems.NotFound(call.Http, "problem.notFound.node")
                : LocalizedProblems.Invalid(call.Http, outcome.Problems.Codes(), "target.error");
        }
        await regionalTargets.TryReloadAsync(); // this Api's summaries show the new target at once, wherever the grain ran
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<IReadOnlyList<NodeSummaryResponse>>, ProblemHttpResult>> GetChildren(
        string nodeId, string? term, string? subjectId, string? year, [AsParameters] EndpointCall call, NodeDirectory directory, YearArchive archive)
    {
        if (!TryParseFilter(term, subjectId, year, call.Http, out var filter, out var invalid))
        {
            return invalid;
        }
        if (call.Caller.Node.Kind == NodeKind.Class)
        {
            // A class's children are students: personal data, served by the diary, not by the summaries.
            return TypedResults.Ok<IReadOnlyList<NodeSummaryResponse>>([]);
        }
        var archived = filter.Year is { } asked ? await archive.ChildrenAsync(asked, call.Caller.Node.Id, call.Aborted) : null;
        var children = archived ?? await ((IAggregateNode)call.Grains.SummaryNode(call.Caller.Node.Kind, call.Caller.Node.Id)).GetChildren();
        if (archived is null && filter.YearProblem(children.Select(c => c.AcademicYear).Max(StringComparer.Ordinal)) is { } wrongYear)
        {
            return LocalizedProblems.Invalid(call.Http, [wrongYear], "summary.error");
        }
        var language = RequestLanguage.Of(call.Http);
        var named = await Task.WhenAll(children.Select(async c => NodeSummaryResponse.Of(c, await directory.FindAsync(c.NodeId, call.Aborted), language, null, filter)));
        return TypedResults.Ok<IReadOnlyList<NodeSummaryResponse>>(named);
    }
}
