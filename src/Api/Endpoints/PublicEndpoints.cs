using EduInfo.Domain.Registry;
using EduInfo.Api.Contracts;
using EduInfo.Api.Exports;
using EduInfo.Api.Localization;
using EduInfo.Api.Problems;
using EduInfo.Api.Reads;
using EduInfo.Api.Registry;
using EduInfo.Grains.Interfaces.Localization;
using EduInfo.Storage.Registry;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduInfo.Api.Endpoints;

/// <summary>
/// Open reporting to citizens (order point 12.1): the republic, regions, districts and organizations, anonymously,
/// aggregates only, in a term or the year and a subject or all; from district level up also breakdowns and weekly
/// trends; each as JSON or a CSV file; and each organization's card (order point 6). Small cells and their complementary cells are withheld across all of them
/// (<see cref="PublicReport"/>). Classes are not public.
/// </summary>
public static class PublicEndpoints
{
    public static RouteGroupBuilder MapPublicEndpoints(this RouteGroupBuilder api)
    {
        var nodes = api.MapGroup("/public/nodes/{nodeId}").WithTags("Public reports").AllowAnonymous();
        nodes.MapGet("/summary", GetSummary).WithName("GetPublicSummary").WithSummary("A node's public aggregates (term, subjectId)");
        nodes.MapGet("/children", GetChildren).WithName("GetPublicChildren").WithSummary("The public aggregates of a node's children (term, subjectId)");
        nodes.MapGet("/children.csv", GetChildrenCsv).WithName("GetPublicChildrenCsv").WithSummary("The public aggregates of a node's children as CSV");
        nodes.MapGet("/breakdowns", GetBreakdown).WithName("GetPublicBreakdown").WithSummary("An area's public breakdown (dimension, term)");
        nodes.MapGet("/breakdowns.csv", GetBreakdownCsv).WithName("GetPublicBreakdownCsv").WithSummary("An area's public breakdown as CSV");
        nodes.MapGet("/trend", GetTrend).WithName("GetPublicTrend").WithSummary("An area's public weekly trend (metric, term, subjectId)");
        nodes.MapGet("/trend.csv", GetTrendCsv).WithName("GetPublicTrendCsv").WithSummary("An area's public weekly trend as CSV");
        api.MapGet("/public/organizations/{organizationId}", GetOrganization).WithTags("Public reports").AllowAnonymous().WithName("GetPublicOrganization")
            .WithSummary("An organization's public card: names, kind, locality, languages of instruction, contacts and head (order point 6)");
        return api;
    }

    private static async Task<Results<Ok<PublicOrganization>, ProblemHttpResult>> GetOrganization(
        string organizationId, HttpContext context, OrganizationProfileStore profiles, CancellationToken cancellationToken) =>
        RegistryIds.IsWellFormed(organizationId) && await profiles.FindAsync(organizationId, cancellationToken) is { } row
            ? TypedResults.Ok(PublicOrganization.Of(row, RequestLanguage.Of(context)))
            : LocalizedProblems.NotFound(context, "problem.notFound.organization");

    private static async Task<Results<Ok<PublicSummary>, ProblemHttpResult>> GetSummary(
        string nodeId, string? term, string? subjectId, HttpContext context, PublicReport report, CancellationToken cancellationToken)
    {
        if (Filter(term, subjectId, context, out var filter) is { } invalid)
        {
            return invalid;
        }
        return await report.NodeAsync(nodeId, RequestLanguage.Of(context), cancellationToken, filter.Key) is { } node
            ? TypedResults.Ok(node.Summary)
            : LocalizedProblems.NotFound(context, "problem.notFound.node");
    }

    private static async Task<Results<Ok<IReadOnlyList<PublicSummary>>, ProblemHttpResult>> GetChildren(
        string nodeId, string? term, string? subjectId, HttpContext context, NodeDirectory directory, PublicReport report, CancellationToken cancellationToken)
    {
        if (Filter(term, subjectId, context, out var filter) is { } invalid)
        {
            return invalid;
        }
        var node = await directory.FindAsync(nodeId, cancellationToken);
        return node is null or { Kind: NodeKind.Class }
            ? LocalizedProblems.NotFound(context, "problem.notFound.node")
            : TypedResults.Ok(await report.ChildrenAsync(node, RequestLanguage.Of(context), cancellationToken, filter.Key));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetChildrenCsv(
        string nodeId, string? term, string? subjectId, HttpContext context, NodeDirectory directory, PublicReport report, CancellationToken cancellationToken)
    {
        var answer = await GetChildren(nodeId, term, subjectId, context, directory, report, cancellationToken);
        return answer.Result is Ok<IReadOnlyList<PublicSummary>> ok
            ? Csv(PublicCsv.Children(ok.Value!, RequestLanguage.Of(context)), $"{nodeId}-children.csv")
            : (ProblemHttpResult)answer.Result;
    }

    private static async Task<Results<Ok<PublicBreakdown>, ProblemHttpResult>> GetBreakdown(
        string nodeId, string? dimension, string? term, HttpContext context, NodeDirectory directory, PublicReport report, CancellationToken cancellationToken)
    {
        var problems = new List<(string Field, string Code)>();
        if (BreakdownQuery.Parse(dimension, term, problems) is not { } query)
        {
            return LocalizedProblems.Invalid(context, problems, "summary.error");
        }
        return await directory.FindAsync(nodeId, cancellationToken) is { } node
               && await report.BreakdownAsync(node, query, RequestLanguage.Of(context), cancellationToken) is { } breakdown
            ? TypedResults.Ok(breakdown)
            : LocalizedProblems.NotFound(context, "problem.notFound.publicDetail");
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetBreakdownCsv(
        string nodeId, string? dimension, string? term, HttpContext context, NodeDirectory directory, PublicReport report, CancellationToken cancellationToken)
    {
        var answer = await GetBreakdown(nodeId, dimension, term, context, directory, report, cancellationToken);
        return answer.Result is Ok<PublicBreakdown> ok
            ? Csv(PublicCsv.Breakdown(ok.Value!, RequestLanguage.Of(context)), $"{nodeId}-{ok.Value!.Dimension}.csv")
            : (ProblemHttpResult)answer.Result;
    }

    private static async Task<Results<Ok<PublicTrend>, ProblemHttpResult>> GetTrend(string nodeId, string? metric, string? term, string? subjectId,
        HttpContext context, NodeDirectory directory, PublicReport report, CancellationToken cancellationToken)
    {
        var problems = new List<(string Field, string Code)>();
        var kind = TrendEndpoints.ParseMetric(metric, problems);
        if (SummaryFilter.Parse(term, subjectId, null, problems) is not { } filter || kind is null)
        {
            return LocalizedProblems.Invalid(context, problems, "summary.error");
        }
        return await directory.FindAsync(nodeId, cancellationToken) is { } node
               && await report.TrendAsync(node, kind.Value, filter.Key, RequestLanguage.Of(context), cancellationToken) is { } trend
            ? TypedResults.Ok(trend)
            : LocalizedProblems.NotFound(context, "problem.notFound.publicDetail");
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetTrendCsv(string nodeId, string? metric, string? term, string? subjectId,
        HttpContext context, NodeDirectory directory, PublicReport report, CancellationToken cancellationToken)
    {
        var answer = await GetTrend(nodeId, metric, term, subjectId, context, directory, report, cancellationToken);
        return answer.Result is Ok<PublicTrend> ok
            ? Csv(PublicCsv.Trend(ok.Value!, RequestLanguage.Of(context)), $"{nodeId}-{ok.Value!.Metric}.csv")
            : (ProblemHttpResult)answer.Result;
    }

    private static ProblemHttpResult? Filter(string? term, string? subjectId, HttpContext context, out SummaryFilter filter)
    {
        var problems = new List<(string Field, string Code)>();
        filter = SummaryFilter.Parse(term, subjectId, null, problems)!;
        return problems.Count > 0 ? LocalizedProblems.Invalid(context, problems, "summary.error") : null;
    }

    private static FileContentHttpResult Csv(ExportTable table, string fileName) =>
        TypedResults.File(new[] { table }.ToCsv(), ExportFormat.Csv.ContentType(), fileName);
}

/// <summary>The open report's CSV files: a header in the reader's language, a withheld cell empty with "withheld" said in its column.</summary>
public static class PublicCsv
{
    public static ExportTable Children(IReadOnlyList<PublicSummary> rows, string language) => new(
        Messages.Get("public.csv.children", language),
        [.. new[] { "id", "name", "kind", "students" }.Select(c => Messages.Get($"export.column.{c}", language)), Messages.Get("public.csv.suppressed", language),
            .. Rates.Select(c => Messages.Get($"export.column.{c}", language))],
        [.. rows.Select(r => (IReadOnlyList<object?>)[r.NodeId, r.Name, r.KindName, r.Students, Withheld(r.Suppressed, language), .. RatesOf(r.Rates)])]);

    public static ExportTable Breakdown(PublicBreakdown breakdown, string language) => new(
        breakdown.DimensionName,
        [breakdown.DimensionName, Messages.Get("export.column.students", language), Messages.Get("public.csv.suppressed", language),
            .. Rates.Select(c => Messages.Get($"export.column.{c}", language))],
        [.. breakdown.Rows.Select(r => (IReadOnlyList<object?>)[r.Label, r.Students, Withheld(r.Suppressed, language), .. RatesOf(r.Rates)])]);

    public static ExportTable Trend(PublicTrend trend, string language) => new(
        MetricName(trend.Metric, language),
        [Messages.Get("public.csv.week", language), Messages.Get("public.csv.day", language), MetricName(trend.Metric, language),
            Messages.Get("public.csv.suppressed", language)],
        [.. trend.Weeks.Select(w => (IReadOnlyList<object?>)[w.WeekOf.ToString("yyyy-MM-dd"), w.Day.ToString("yyyy-MM-dd"), w.Value, Withheld(w.Suppressed, language)])]);

    private static string MetricName(string metric, string language) =>
        Messages.Get($"web.trend.metric.{char.ToUpperInvariant(metric[0])}{metric[1..]}", language);

    private static readonly string[] Rates = ["successRate", "knowledgeQuality", "averageMark", "attendanceRate", "completeness"];

    private static object?[] RatesOf(SummaryRates? r) =>
        [r?.SuccessRate, r?.KnowledgeQuality, r?.AverageTermMark, r?.AttendanceRate, r?.Completeness];

    private static string? Withheld(bool suppressed, string language) => suppressed ? Messages.Get("public.csv.withheld", language) : null;
}
