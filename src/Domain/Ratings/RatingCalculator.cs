using EduInfo.Domain.Metrics;

namespace EduInfo.Domain.Ratings;

/// <summary>A unit to rank: its size and its indicators' exact values in percent (null where undefined).</summary>
public sealed record RatingInput(string UnitId, long Students, IReadOnlyDictionary<RatingIndicator, decimal?> Values);

/// <summary>
/// A unit as ranked: its rank (units with scores equal to four decimals share one), its score from 0 to 100 and its
/// indicators rounded to two decimals — or, when not ranked, why, with nothing of a unit too small to publish.
/// </summary>
public sealed record RatedUnit(
    string UnitId,
    RatingStanding Standing,
    int? Rank,
    decimal? Score,
    IReadOnlyDictionary<RatingIndicator, decimal>? Values,
    RatingIndicator? Missing);

/// <summary>A ranking: its units best first, then those not ranked; the indicators it used and those no unit had.</summary>
public sealed record Ranking(IReadOnlyList<RatedUnit> Units, IReadOnlyList<RatingIndicator> Used, IReadOnlyList<RatingIndicator> Dropped);

/// <summary>
/// The open rating's arithmetic (order point 12.5), pure: units below the minimum size are withheld; an indicator no
/// eligible unit has is dropped (and said so; with none left nothing is ranked); a unit lacking an indicator the others have is not ranked; each
/// indicator is normalized min–max over the units ranked (all equal → 1); the score is 100 × Σ weight × normalized ÷
/// Σ weight, rounded half away from zero to four decimals; equal scores share the best of their ranks (1, 1, 3).
/// </summary>
public static class RatingCalculator
{
    public static Ranking Rank(RatingMethodology methodology, IReadOnlyList<RatingInput> units)
    {
        var weights = RatingMethodologies.Weights(methodology);
        var minimum = methodology.MinimumStudents!.Value;
        var eligible = units.Where(u => u.Students >= minimum).ToList();
        var used = weights.Where(w => eligible.Any(u => Value(u, w.Indicator) is not null)).ToList();
        var dropped = weights.Select(w => w.Indicator).Except(used.Select(w => w.Indicator)).ToList();
        // With no indicator any unit has (a year with no marks or lessons yet) there is nothing to rank on.
        var ranked = used.Count == 0 ? [] : eligible.Where(u => used.All(w => Value(u, w.Indicator) is not null)).ToList();

        var bounds = used.ToDictionary(w => w.Indicator, w => ranked.Count == 0 ? (Min: 0m, Max: 0m)
            : (Min: ranked.Min(u => Value(u, w.Indicator)!.Value), Max: ranked.Max(u => Value(u, w.Indicator)!.Value)));
        var totalWeight = used.Sum(w => (decimal)w.Weight);
        var scores = ranked.ToDictionary(u => u.UnitId, u => Math.Round(100m * used.Sum(w =>
        {
            var (min, max) = bounds[w.Indicator];
            var normalized = max == min ? 1m : (Value(u, w.Indicator)!.Value - min) / (max - min);
            return w.Weight * normalized;
        }) / totalWeight, 4, MidpointRounding.AwayFromZero), StringComparer.Ordinal);

        var result = new List<RatedUnit>(units.Count);
        foreach (var u in ranked.OrderByDescending(u => scores[u.UnitId]).ThenBy(u => u.UnitId, StringComparer.Ordinal))
        {
            var rank = 1 + scores.Values.Count(s => s > scores[u.UnitId]);
            result.Add(new(u.UnitId, RatingStanding.Ranked, rank, scores[u.UnitId], Shown(u, used), null));
        }
        foreach (var u in eligible.Except(ranked).OrderBy(u => u.UnitId, StringComparer.Ordinal))
        {
            var missing = used.Concat(weights).First(w => Value(u, w.Indicator) is null).Indicator;
            result.Add(new(u.UnitId, RatingStanding.IndicatorMissing, null, null, Shown(u, used), missing));
        }
        foreach (var u in units.Where(u => u.Students < minimum).OrderBy(u => u.UnitId, StringComparer.Ordinal))
        {
            result.Add(new(u.UnitId, RatingStanding.TooSmall, null, null, null, null));
        }
        return new Ranking(result, [.. used.Select(w => w.Indicator)], dropped);
    }

    private static decimal? Value(RatingInput u, RatingIndicator i) => u.Values.TryGetValue(i, out var v) ? v : null;

    private static Dictionary<RatingIndicator, decimal> Shown(RatingInput u, IEnumerable<(RatingIndicator Indicator, int Weight)> used) =>
        used.Where(w => Value(u, w.Indicator) is not null)
            .ToDictionary(w => w.Indicator, w => Math.Round(Value(u, w.Indicator)!.Value, 2, MidpointRounding.AwayFromZero));
}

/// <summary>A target on a unit for one metric in percent, and whether it was set from above the unit (by an area that contains it).</summary>
public sealed record UnitTarget(string Metric, decimal TargetPercent, bool SetFromAbove);

/// <summary>The indicators of a unit from its summary's integer figures, exact (not the rounded rates of the report).</summary>
public static class RatingIndicators
{
    public static IReadOnlyDictionary<RatingIndicator, decimal?> Of(SummaryFigures f, IReadOnlyList<UnitTarget> targets) => new Dictionary<RatingIndicator, decimal?>
    {
        [RatingIndicator.KnowledgeQuality] = Percent(f.StudentsQualified, f.StudentsAssessed),
        [RatingIndicator.SuccessRate] = Percent(f.StudentsSucceeding, f.StudentsAssessed),
        [RatingIndicator.Attendance] = Percent(f.SchoolAttended, f.SchoolSeatsHeld),
        [RatingIndicator.Completeness] = Percent(f.TimetabledLessonsHeld, f.LessonsScheduled),
        [RatingIndicator.TargetAttainment] = TargetAttainment(f, targets),
    };

    /// <summary>
    /// The mean over the targets set from above of min(actual ÷ target, 1), in percent; a target the unit set itself
    /// never counts (a unit cannot lower its own bar). Null without such a target with an actual figure.
    /// </summary>
    public static decimal? TargetAttainment(SummaryFigures f, IReadOnlyList<UnitTarget> targets)
    {
        var reached = targets.Where(t => t.SetFromAbove)
            .Select(t => (Actual: Actual(f, t.Metric), t.TargetPercent))
            .Where(t => t.Actual is not null)
            .Select(t => t.TargetPercent <= 0 ? 1m : Math.Min(1m, t.Actual!.Value / t.TargetPercent))
            .ToList();
        return reached.Count == 0 ? null : 100m * reached.Sum() / reached.Count;
    }

    private static decimal? Actual(SummaryFigures f, string metric) => metric switch
    {
        "attendanceRate" => Percent(f.SchoolAttended, f.SchoolSeatsHeld),
        "formativePercent" => Percent(f.FormativeScoreSum, f.FormativeMaxSum),
        "summativePercent" => Percent(f.SummativeScoreSum, f.SummativeMaxSum),
        "knowledgeQuality" => Percent(f.StudentsQualified, f.StudentsAssessed),
        "successRate" => Percent(f.StudentsSucceeding, f.StudentsAssessed),
        _ => null,
    };

    private static decimal? Percent(long part, long whole) => whole == 0 ? null : 100m * part / whole;
}
