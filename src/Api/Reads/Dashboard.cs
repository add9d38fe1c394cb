using EduInfo.Api.Cluster;
using EduInfo.Api.Contracts;
using EduInfo.Api.Live;
using EduInfo.Api.Registry;
using EduInfo.Api.Web;
using EduInfo.Domain.Metrics;
using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Localization;
using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.Storage.Registry;

namespace EduInfo.Api.Reads;

/// <summary>
/// The signed-in dashboard of a node, one read for the page and the export (<see cref="DashboardView"/>). The caller has
/// checked the reader may see the node (<c>AccessPolicy.CanReadSummary</c>); everything here lies at or below it.
/// </summary>
public sealed class Dashboard(NodeDirectory directory, IGrainFactory grains, ClusterCalls calls, RegionalTargetStore regionalTargets, SummaryReads reads)
{
    public async Task<DashboardView> ReadAsync(NodeRecord node, SummaryFilter filter, string language, CancellationToken cancellationToken)
    {
        var grain = grains.SummaryNode(node.Kind, node.Id);
        var summary = await reads.ReadAsync(node.Kind, node.Id, cancellationToken);
        var total = Row(summary, node, filter.Key, language);
        var children = grain is IAggregateNode aggregate ? await calls.IdempotentAsync(() => aggregate.GetChildren(), cancellationToken) : [];
        var rows = new List<DashboardRow>(children.Count);
        foreach (var child in children)
        {
            rows.Add(Row(child, await directory.FindAsync(child.NodeId, cancellationToken), filter.Key, language));
        }
        // A stable order whatever order the grain holds them in, so two reads (the page, then its export) list alike.
        var byName = StringComparer.Create(WebCultures.Of(language), ignoreCase: false);
        rows = [.. rows.OrderBy(r => r.Name, byName).ThenBy(r => r.NodeId, StringComparer.Ordinal)];
        var targets = node.Kind is NodeKind.Republic or NodeKind.Region or NodeKind.District
            ? (await regionalTargets.ForNodeAsync(node.Id, cancellationToken)).Select(t => TargetGap.Of(t.Metric, t.TargetPercent, total.Rates)).ToList()
            : [];
        var keys = (summary.Cells ?? []).Select(c => c.Key).ToList();
        return new DashboardView(node, summary.AsOf, summary.Version, total, rows, targets,
            keys.Select(k => k.Term).Where(t => t != SummaryKey.Year).Distinct().Order().ToList(),
            keys.Select(k => k.SubjectId).Where(s => s != SummaryKey.AllSubjects).Distinct().Order(StringComparer.Ordinal).ToList(),
            summary.AcademicYear)
        {
            Cells = (summary.Cells ?? []).Select(c => new DashboardCell(c.Term, c.SubjectId, c.Figures, SummaryRates.Of(c.Figures))).ToList(),
            Breakdowns = summary.Breakdowns ?? [],
            CatchingUp = summary.CatchingUp,
        };
    }

    private static DashboardRow Row(NodeSummary summary, NodeRecord? node, SummaryKey key, string language)
    {
        var figures = summary.Cell(key);
        // A closed organization stays on its area's list with its figures, marked closed.
        return new DashboardRow(summary.NodeId, summary.Kind, NodeSummaryResponse.KindNameOf(summary.Kind, node, language),
            NodeSummaryResponse.NameOf(node, summary.NodeId, language), figures, SummaryRates.Of(figures));
    }
}
