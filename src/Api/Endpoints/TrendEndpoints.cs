using EduInfo.Api.Contracts;
using EduInfo.Api.Problems;
using EduInfo.Api.Reads;
using EduInfo.Api.Security;
using EduInfo.Domain.Registry;
using EduInfo.Domain.Trends;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduInfo.Api.Endpoints;

/// <summary>Daily trends (issue 19): the captured end-of-day figures of an organization or area, as a series of one metric.</summary>
public static class TrendEndpoints
{
    public static RouteGroupBuilder MapTrendEndpoints(this RouteGroupBuilder api)
    {
        api.MapGroup("/nodes/{nodeId}").WithTags("Summaries")
            .MapGet("/trends", GetTrend).RequireNode(AccessPolicy.CanReadSummary)
            .WithName("GetNodeTrend")
            .WithSummary("A node's daily series of one metric")
            .WithDescription("metric = students, attendance, formativePercent, summativePercent, success, quality, averageMark or completeness; term 1..6 "
                + "(its days) or omitted (the year so far); subjectId or all. A point per school day captured at its end, or recorded missing "
                + "(the cluster was down), then today's live value. Organizations and areas; the summary's rule.");
        return api;
    }

    private static async Task<Results<Ok<TrendResponse>, ProblemHttpResult>> GetTrend(string nodeId, string? metric, string? term, string? subjectId,
        [AsParameters] EndpointCall call, TrendSeries series)
    {
        var problems = new List<(string Field, string Code)>();
        var kind = ParseMetric(metric, problems);
        var filter = SummaryFilter.Parse(term, subjectId, null, problems);
        if (call.Caller.Node.Kind == NodeKind.Class)
        {
            problems.Add(("nodeId", "notAggregate"));
        }
        if (problems.Count > 0 || kind is null || filter is null)
        {
            return LocalizedProblems.Invalid(call.Http, problems, "summary.error");
        }
        return TypedResults.Ok(await series.ReadAsync(call.Caller.Node, kind.Value, filter.Key, call.Aborted));
    }

    internal static TrendMetric? ParseMetric(string? metric, List<(string Field, string Code)> problems)
    {
        if (metric is null)
        {
            problems.Add(("metric", "required"));
            return null;
        }
        // Names only (camelCase as answered): a number would name an enum value by position.
        if (Enum.TryParse<TrendMetric>(metric, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !metric.Any(char.IsDigit))
        {
            return parsed;
        }
        problems.Add(("metric", "metricUnknown"));
        return null;
    }
}
