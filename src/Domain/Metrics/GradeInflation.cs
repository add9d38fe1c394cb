namespace EduInfo.Domain.Metrics;

/// <summary>The grade bands schools are compared within: primary 1–4, basic 5–9, upper secondary 10–11.</summary>
public enum GradeBand
{
    Primary,
    Basic,
    Upper,
}

/// <summary>One organization's band: its pupils and its FO% − summative % gap, in percentage points.</summary>
public sealed record BandGap(string OrganizationId, GradeBand Band, long Students, double FormativePercent, double SummativePercent)
{
    public double Gap => FormativePercent - SummativePercent;
}

/// <summary>A gap's z-score among the area's organizations of the same band (null: too few to compare, or all equal).</summary>
public sealed record InflationScore(BandGap Gap, double? Z)
{
    public bool Outlier => Z is { } z && Math.Abs(z) >= GradeInflation.OutlierZ;
}

/// <summary>
/// Grade inflation (docs/analysis.md, Signals), pure: formative marks far above what the same pupils score on
/// summatives, compared with the other schools of the same grade band in the area. Summative % is the summaries'
/// SOR + SOCH together (the figures do not keep the term summative apart).
/// </summary>
public static class GradeInflation
{
    public const int MinStudents = 30;
    public const double OutlierZ = 2.0;
    /// <summary>Fewer organizations than this in a band give no z-score.</summary>
    public const int MinOrganizations = 3;

    public static GradeBand? BandOf(int grade) => grade switch
    {
        >= 1 and <= 4 => GradeBand.Primary,
        >= 5 and <= 9 => GradeBand.Basic,
        10 or 11 => GradeBand.Upper,
        _ => null,
    };

    /// <summary>
    /// An organization's bands from its grade slices (grade, figures): pupils of schools summed, formative and summative
    /// sums pooled; only bands with at least <see cref="MinStudents"/> pupils and both kinds of marks.
    /// </summary>
    public static IEnumerable<BandGap> Gaps(string organizationId, IEnumerable<(int Grade, SummaryFigures Figures)> grades) =>
        grades.Where(g => BandOf(g.Grade) is not null)
            .GroupBy(g => BandOf(g.Grade)!.Value)
            .Select(band => (Band: band.Key, Sum: band.Aggregate(SummaryFigures.Zero, (sum, g) => sum + g.Figures)))
            .Where(b => b.Sum.SchoolStudents >= MinStudents && b.Sum.FormativeMaxSum > 0 && b.Sum.SummativeMaxSum > 0)
            .Select(b => new BandGap(organizationId, b.Band, b.Sum.SchoolStudents,
                100.0 * b.Sum.FormativeScoreSum / b.Sum.FormativeMaxSum, 100.0 * b.Sum.SummativeScoreSum / b.Sum.SummativeMaxSum))
            .OrderBy(g => g.Band);

    /// <summary>Each gap's z-score within its band: (gap − the band's mean) ÷ the band's population standard deviation.</summary>
    public static IReadOnlyList<InflationScore> Scores(IEnumerable<BandGap> gaps) =>
        [.. gaps.GroupBy(g => g.Band).OrderBy(b => b.Key).SelectMany(band =>
        {
            var list = band.ToList();
            var mean = list.Average(g => g.Gap);
            var sd = Math.Sqrt(list.Average(g => (g.Gap - mean) * (g.Gap - mean)));
            var comparable = list.Count >= MinOrganizations && sd > 1e-9;
            return list.Select(g => new InflationScore(g, comparable ? (g.Gap - mean) / sd : null)).OrderByDescending(s => Math.Abs(s.Z ?? 0));
        })];
}
