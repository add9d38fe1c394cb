using EduInfo.Api.Contracts;
using EduInfo.Api.Problems;
using EduInfo.Api.Registry;
using EduInfo.Domain.Metrics;
using EduInfo.Domain.Registry;
using EduInfo.Domain.Trends;
using EduInfo.Grains.Interfaces.Localization;
using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.Storage.Registry;

namespace EduInfo.Api.Reads;

/// <summary>
/// The open report (order point 12.1), one read for the public API and the public pages: a node of the hierarchy above
/// the classes, its children and its ancestors, in one cell (a term or the year, a subject or all); from district level
/// up also its breakdowns and weekly trend. Aggregates only, taken with their suppression from one snapshot of the
/// public tree (<see cref="PublicDisclosure"/>): cells of fewer than ten pupils withheld, and complementary cells, so
/// that nothing withheld can be computed from the published totals, breakdowns and trends. Classes are not public.
/// </summary>
public sealed class PublicReport(NodeDirectory directory, PublicDisclosure disclosure, TrendSeries series)
{
    /// <summary>A public node and its figures in <paramref name="key"/>, or null when there is no such public node (unknown, or a class).</summary>
    public async Task<PublicNode?> NodeAsync(string nodeId, string language, CancellationToken cancellationToken, SummaryKey? key = null)
    {
        var node = await directory.FindAsync(nodeId, cancellationToken);
        if (node is null or { Kind: NodeKind.Class })
        {
            return null;
        }
        var view = await disclosure.ViewAsync(key ?? SummaryKey.Total, cancellationToken);
        // A node registered but not yet reported by its parent (just opened) has nothing to publish: withheld.
        var summary = view.Summary(node.Id) ?? new NodeSummary(node.Id, node.Kind, 0, SummaryFigures.Zero, DateTimeOffset.MinValue);
        return new PublicNode(node, summary.AsOf, PublicSummary.Of(summary, summary.Cell(view.Key), node, language,
            view.Summary(node.Id) is null || view.Suppression.Total(node.Id)));
    }

    /// <summary>The public children of a node in <paramref name="key"/>: none for an organization (its children are classes).</summary>
    public async Task<IReadOnlyList<PublicSummary>> ChildrenAsync(NodeRecord node, string language, CancellationToken cancellationToken, SummaryKey? key = null)
    {
        if (node.Kind is NodeKind.Organization or NodeKind.Class)
        {
            return [];
        }
        var view = await disclosure.ViewAsync(key ?? SummaryKey.Total, cancellationToken);
        var named = new List<PublicSummary>();
        foreach (var child in view.Children(node.Id))
        {
            named.Add(PublicSummary.Of(child, child.Cell(view.Key), await directory.FindAsync(child.NodeId, cancellationToken), language,
                view.Suppression.Total(child.NodeId)));
        }
        return named;
    }

    /// <summary>The subjects a node's figures have cells for, to filter by.</summary>
    public async Task<IReadOnlyList<string>> SubjectsAsync(NodeRecord node, CancellationToken cancellationToken) =>
        (await disclosure.ViewAsync(SummaryKey.Total, cancellationToken)).Summary(node.Id)?.Cells?
            .Select(c => c.SubjectId).Where(s => s != SummaryKey.AllSubjects).Distinct().Order(StringComparer.Ordinal).ToList() ?? [];

    /// <summary>Whether a node publishes breakdowns and trends: areas only (an organization's would single out its pupils).</summary>
    public static bool HasDetail(NodeRecord node) => node.Kind is NodeKind.Republic or NodeKind.Region or NodeKind.District;

    /// <summary>An area's breakdown in one dimension and term, all subjects (the breakdowns hold no subject).</summary>
    public async Task<PublicBreakdown?> BreakdownAsync(NodeRecord node, BreakdownQuery query, string language, CancellationToken cancellationToken)
    {
        var view = await disclosure.ViewAsync(new SummaryKey(query.Term, SummaryKey.AllSubjects), cancellationToken);
        if (!HasDetail(node) || view.Summary(node.Id) is not { } summary)
        {
            return null;
        }
        var rows = BreakdownRow.Of(summary.Breakdowns, query, language)
            .Select(r => view.Suppression.Slice(node.Id, query.Dimension, r.Value)
                ? new PublicBreakdownRow(r.Value, r.Label, true, null, null)
                : new PublicBreakdownRow(r.Value, r.Label, false, r.Figures.Students, r.Rates))
            .ToList();
        var dimension = Breakdown.NameOf(query.Dimension);
        return new PublicBreakdown(node.Id, NodeSummaryResponse.NameOf(node, node.Id, language), dimension,
            Messages.Get($"breakdown.dimension.{dimension}", language), query.Term == SummaryKey.Year ? null : query.Term, rows);
    }

    /// <summary>An area's weekly series of one metric in one cell: its weeks withheld together (any may equal the latest).</summary>
    public async Task<PublicTrend?> TrendAsync(NodeRecord node, TrendMetric metric, SummaryKey key, string language, CancellationToken cancellationToken)
    {
        if (!HasDetail(node))
        {
            return null;
        }
        var view = await disclosure.ViewAsync(key, cancellationToken);
        var weeks = await series.WeeklyAsync(node, metric, key, cancellationToken);
        var withheld = view.Suppression.Weeks(node.Id);
        var points = weeks.Select(w => new PublicTrendWeek(w.WeekOf, w.Day, withheld, withheld ? null : w.Value)).ToList();
        return new PublicTrend(node.Id, NodeSummaryResponse.NameOf(node, node.Id, language), JsonNaming.Camel(metric.ToString()),
            key.Term == SummaryKey.Year ? null : key.Term, key.SubjectId == SummaryKey.AllSubjects ? null : key.SubjectId, points);
    }

    /// <summary>The nodes above <paramref name="node"/>, from the republic down, with their names.</summary>
    public async Task<IReadOnlyList<NodeName>> AncestorsAsync(NodeRecord node, string language, CancellationToken cancellationToken)
    {
        var ancestors = new List<NodeName>();
        foreach (var id in node.Path.Where(id => id != node.Id))
        {
            var ancestor = await directory.FindAsync(id, cancellationToken);
            ancestors.Add(new NodeName(id, ancestor?.Kind, NodeSummaryResponse.NameOf(ancestor, id, language)));
        }
        return ancestors;
    }
}

/// <summary>A public node: its registry record, when its figures were last updated, and what citizens see of it.</summary>
public sealed record PublicNode(NodeRecord Record, DateTimeOffset AsOf, PublicSummary Summary);

/// <summary>A node named in the reader's language.</summary>
public sealed record NodeName(string Id, NodeKind? Kind, string Name);
