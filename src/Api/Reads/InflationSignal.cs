using EduInfo.Api.Cluster;
using EduInfo.Api.Contracts;
using EduInfo.Api.Registry;
using EduInfo.Domain.Metrics;
using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.Storage.Registry;

namespace EduInfo.Api.Reads;

/// <summary>The grade-inflation signal of an area (docs/analysis.md, Signals): every compared organization's band, outliers first.</summary>
public sealed record InflationResponse(string NodeId, int Term, int MinStudents, double OutlierZ, IReadOnlyList<InflationRow> Organizations);

/// <summary>One organization's band: <c>band</c> is <c>1-4</c>, <c>5-9</c> or <c>10-11</c>; percentages one decimal, z two (null: not compared).</summary>
public sealed record InflationRow(string OrganizationId, string Name, string Band, long Students, double FormativePercent, double SummativePercent,
    double Gap, double? Z, bool Outlier);

/// <summary>
/// Computed at read time from the area's children summaries (their grade slices), no SQL: the organizations directly
/// under the area (a district's schools; a region's or the republic's own subordinate ones). The caller has checked
/// <c>AccessPolicy.CanReadSummary</c>; aggregates only.
/// </summary>
public sealed class InflationSignal(NodeDirectory directory, IGrainFactory grains, ClusterCalls calls)
{
    public static string BandName(GradeBand band) => band switch
    {
        GradeBand.Primary => "1-4",
        GradeBand.Basic => "5-9",
        _ => "10-11",
    };

    public async Task<InflationResponse> ReadAsync(NodeRecord area, int term, string language, CancellationToken cancellationToken)
    {
        var grain = (IAggregateNode)grains.SummaryNode(area.Kind, area.Id);
        var children = await calls.IdempotentAsync(() => grain.GetChildren(), cancellationToken);
        var gaps = children.Where(c => c.Kind == NodeKind.Organization).SelectMany(c => GradeInflation.Gaps(c.NodeId,
            (c.Breakdowns ?? []).Where(s => s.Dimension == BreakdownDimension.Grade && s.Term == term)
                .Select(s => (int.TryParse(s.Value, out var grade) ? grade : -1, s.Figures))));
        var rows = new List<InflationRow>();
        foreach (var score in GradeInflation.Scores(gaps))
        {
            var g = score.Gap;
            rows.Add(new InflationRow(g.OrganizationId, NodeSummaryResponse.NameOf(await directory.FindAsync(g.OrganizationId, cancellationToken), g.OrganizationId, language),
                BandName(g.Band), g.Students, Math.Round(g.FormativePercent, 1), Math.Round(g.SummativePercent, 1), Math.Round(g.Gap, 1),
                score.Z is { } z ? Math.Round(z, 2) : null, score.Outlier));
        }
        return new InflationResponse(area.Id, term, GradeInflation.MinStudents, GradeInflation.OutlierZ, rows);
    }
}
