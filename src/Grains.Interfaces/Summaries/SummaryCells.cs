using EduInfo.Domain.Registry;
using EduInfo.Domain.Metrics;

namespace EduInfo.Grains.Interfaces.Summaries;

/// <summary>Adding and removing whole breakdowns, cell by cell (a parent keeps the running sum of its children).</summary>
public static class SummaryCells
{
    public static void Add(Dictionary<SummaryKey, SummaryFigures> total, IReadOnlyList<SummaryCell>? part, int sign = 1)
    {
        foreach (var (key, figures) in (part ?? []).Select(c => (c.Key, c.Figures)))
        {
            var held = total.GetValueOrDefault(key) ?? SummaryFigures.Zero;
            var next = sign > 0 ? held + figures : held - figures;
            if (next == SummaryFigures.Zero)
            {
                total.Remove(key);
            }
            else
            {
                total[key] = next;
            }
        }
    }

    /// <summary>The cells of a breakdown as a list, in a stable order (term, then subject).</summary>
    public static IReadOnlyList<SummaryCell> ToList(IReadOnlyDictionary<SummaryKey, SummaryFigures> cells) =>
        cells.OrderBy(c => c.Key.Term).ThenBy(c => c.Key.SubjectId, StringComparer.Ordinal).Select(c => new SummaryCell(c.Key.Term, c.Key.SubjectId, c.Value)).ToList();
}

/// <summary>A class's summary from its ledger, as its grain keeps and publishes it.</summary>
public static class ClassSummaries
{
    /// <summary>
    /// The class's cells on <paramref name="today"/> (the total apart), and the breakdowns from the same cells and the
    /// ledger's cached passes: no second pass over the year.
    /// </summary>
    public static NodeSummary Of(ClassRecord cls, ClassLedger ledger, DateOnly today, long watermark, DateTimeOffset asOf, DateTimeOffset? newestCommit)
    {
        var cells = ledger.Cells(today);
        var slices = Breakdown.OfClass(Breakdown.PlaceOf(cls), cells, ledger.PupilCells(today));
        cells.Remove(SummaryKey.Total, out var total);
        return new NodeSummary(cls.ClassId, NodeKind.Class, watermark, total ?? SummaryFigures.Zero, asOf, SummaryCells.ToList(cells), cls.AcademicYear,
            BreakdownSlices.ToList(slices), newestCommit);
    }
}
