using EduInfo.Api.Cluster;
using EduInfo.Api.Contracts;
using EduInfo.Api.Problems;
using EduInfo.Api.Registry;
using EduInfo.Domain.Calendar;
using EduInfo.Domain.Metrics;
using EduInfo.Domain.Registry;
using EduInfo.Domain.Trends;
using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.Storage.Registry;
using EduInfo.Storage.Trends;

namespace EduInfo.Api.Reads;

/// <summary>Completeness falling in an area (docs/analysis.md, Signals): each child's last shares without a roll-call and their slope, falling first.</summary>
public sealed record CompletenessResponse(string NodeId, int Days, double ThresholdPoints, IReadOnlyList<CompletenessRow> Nodes);

/// <summary>
/// One organization or area under the area read: <c>shares</c> the last captured days' percentages of scheduled lessons
/// without a roll-call (one decimal), <c>slope</c> their rise in points per school day (two decimals); both empty or null
/// when the history has fewer days than the rule needs or a day scheduled nothing.
/// </summary>
public sealed record CompletenessRow(string NodeId, string Kind, string Name, IReadOnlyList<double> Shares, double? Slope, bool Falling);

/// <summary>
/// Read from the captured daily history of the year's all-subjects cell (never the journal), for the children the area's
/// summary lists, in one query. The caller has checked <c>AccessPolicy.CanReadSummary</c>; aggregates only.
/// </summary>
public sealed class CompletenessSignal(NodeDirectory directory, IGrainFactory grains, ClusterCalls calls, DailyFiguresStore history, IKazakhstanClock clock)
{
    public async Task<CompletenessResponse> ReadAsync(NodeRecord area, string language, CancellationToken cancellationToken)
    {
        var grain = (IAggregateNode)grains.SummaryNode(area.Kind, area.Id);
        var children = await calls.IdempotentAsync(() => grain.GetChildren(), cancellationToken);
        var today = clock.Today;
        var (days, changes) = await history.ReadCellsAsync(children.Select(c => c.NodeId).ToList(), SummaryKey.Total,
            AcademicCalendar.Bounds(AcademicCalendar.YearOf(today)).First, today.AddDays(-1), cancellationToken);
        var rows = new List<CompletenessRow>();
        foreach (var child in children)
        {
            var fall = CompletenessFall.Of(TrendCells.Series(days, changes.GetValueOrDefault(child.NodeId) ?? []));
            var name = NodeSummaryResponse.NameOf(await directory.FindAsync(child.NodeId, cancellationToken), child.NodeId, language);
            rows.Add(fall is { } f
                ? new CompletenessRow(child.NodeId, JsonNaming.Camel(child.Kind.ToString()), name, f.Shares.Select(s => Math.Round(100 * s, 1)).ToList(),
                    Math.Round(100 * f.Slope, 2), CompletenessFall.IsFalling(f.Slope))
                : new CompletenessRow(child.NodeId, JsonNaming.Camel(child.Kind.ToString()), name, [], null, false));
        }
        var ordered = rows.OrderByDescending(r => r.Falling).ThenByDescending(r => r.Slope ?? double.MinValue).ThenBy(r => r.NodeId, StringComparer.Ordinal).ToList();
        return new CompletenessResponse(area.Id, CompletenessFall.Days, 100 * CompletenessFall.SlopeThreshold, ordered);
    }
}
