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
