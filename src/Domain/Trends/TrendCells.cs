using EduInfo.Domain.Metrics;

namespace EduInfo.Domain.Trends;

/// <summary>
/// The history keeps, per node and day, only the cells that changed since the node's previous capture (a closed term's
/// cells and untouched subjects stay as they were): a series is the latest kept value on or before each day.
/// </summary>
public static class TrendCells
{
    /// <summary>The cells of <paramref name="current"/> that differ from <paramref name="previous"/>; a cell gone is kept as zero.</summary>
    public static IReadOnlyDictionary<SummaryKey, SummaryFigures> Changed(IReadOnlyDictionary<SummaryKey, SummaryFigures> previous,
        IReadOnlyDictionary<SummaryKey, SummaryFigures> current)
    {
        var changed = new Dictionary<SummaryKey, SummaryFigures>();
        foreach (var (key, figures) in current)
        {
            if (!previous.TryGetValue(key, out var held) || held != figures)
            {
                changed[key] = figures;
            }
        }
        foreach (var key in previous.Keys.Where(k => !current.ContainsKey(k) && previous[k] != SummaryFigures.Zero))
        {
            changed[key] = SummaryFigures.Zero;
        }
        return changed;
    }

    /// <summary>
    /// A cell's series over <paramref name="days"/> (captured or missing, in order) from the node's kept changes of that
    /// cell (in day order): a captured day takes the latest change on or before it; a node not yet captured has none.
    /// </summary>
    public static IReadOnlyList<(DateOnly Day, SummaryFigures? Figures, bool Missing)> Series(IReadOnlyList<(DateOnly Day, bool Missing)> days,
        IReadOnlyList<(DateOnly Day, SummaryFigures Figures)> changes)
    {
        var series = new List<(DateOnly, SummaryFigures?, bool)>(days.Count);
        var next = 0;
        SummaryFigures? held = null;
        foreach (var (day, missing) in days)
        {
            while (next < changes.Count && changes[next].Day <= day)
            {
                held = changes[next++].Figures;
            }
            series.Add((day, missing ? null : held, missing));
        }
        return series;
    }
}
