using EduInfo.Domain.Metrics;
using EduInfo.Grains.Interfaces.Summaries;

namespace EduInfo.Grains.Rollup;

/// <summary>Summaries are sums: an ancestor's archived summary takes a part's change as (ancestor − before + after), cell by cell. Pure.</summary>
public static class ArchivedSummaries
{
    public static NodeSummary Replace(NodeSummary ancestor, NodeSummary? before, NodeSummary after)
    {
        var cells = new Dictionary<SummaryKey, SummaryFigures>();
        SummaryCells.Add(cells, ancestor.Cells);
        SummaryCells.Add(cells, before?.Cells, sign: -1);
        SummaryCells.Add(cells, after.Cells);
        var slices = new Dictionary<BreakdownKey, SummaryFigures>();
        BreakdownSlices.Add(slices, ancestor.Breakdowns);
        BreakdownSlices.Add(slices, before?.Breakdowns, sign: -1);
        BreakdownSlices.Add(slices, after.Breakdowns);
        return ancestor with
        {
            Figures = ancestor.Figures - (before?.Figures ?? SummaryFigures.Zero) + after.Figures,
            Cells = SummaryCells.ToList(cells),
            Breakdowns = BreakdownSlices.ToList(slices),
        };
    }
}
