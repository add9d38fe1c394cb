using EduInfo.Domain.Metrics;

namespace EduInfo.Domain.Trends;

/// <summary>
/// Completeness falling (docs/analysis.md, Signals), pure: from a node's captured daily figures of the year (cumulative),
/// each school day's share of scheduled lessons without a roll-call — the day-over-day differences of
/// <see cref="SummaryFigures.LessonsScheduled"/> and <see cref="SummaryFigures.TimetabledLessonsHeld"/> — over the last
/// <see cref="Days"/> captured days, and the least-squares slope of that share per school day.
/// </summary>
public static class CompletenessFall
{
    public const int Days = 5;
    /// <summary>A rise of at least one percentage point per school day is a fall of completeness worth a look.</summary>
    public const double SlopeThreshold = 0.01;

    /// <summary>The day's share without a roll-call (null: nothing scheduled that day). A late roll-call of an earlier day counts on the day it was entered, so a share may be negative.</summary>
    public static double? ShareOf(SummaryFigures before, SummaryFigures after)
    {
        var scheduled = after.LessonsScheduled - before.LessonsScheduled;
        return scheduled <= 0 ? null : (double)(scheduled - (after.TimetabledLessonsHeld - before.TimetabledLessonsHeld)) / scheduled;
    }

    /// <summary>
    /// The shares of the last <see cref="Days"/> captured days (missing days skipped: a difference then spans them) and
    /// their slope; null when fewer than <see cref="Days"/> + 1 captured days or any of those days scheduled nothing.
    /// </summary>
    public static (IReadOnlyList<double> Shares, double Slope)? Of(IReadOnlyList<(DateOnly Day, SummaryFigures? Figures, bool Missing)> series)
    {
        var captured = series.Where(p => !p.Missing && p.Figures is not null).Select(p => p.Figures!).TakeLast(Days + 1).ToList();
        if (captured.Count < Days + 1)
        {
            return null;
        }
        var shares = captured.Zip(captured.Skip(1), ShareOf).ToList();
        if (shares.Any(s => s is null))
        {
            return null;
        }
        var values = shares.Select(s => s!.Value).ToList();
        return (values, Slope(values));
    }

    public static bool IsFalling(double slope) => slope >= SlopeThreshold;

    /// <summary>The least-squares slope of values at x = 0, 1, 2, …</summary>
    public static double Slope(IReadOnlyList<double> values)
    {
        var meanX = (values.Count - 1) / 2.0;
        var meanY = values.Average();
        var num = values.Select((y, x) => (x - meanX) * (y - meanY)).Sum();
        var den = values.Select((_, x) => (x - meanX) * (x - meanX)).Sum();
        return den == 0 ? 0 : num / den;
    }
}
