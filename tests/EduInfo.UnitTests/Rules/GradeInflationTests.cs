using EduInfo.Domain.Metrics;

namespace EduInfo.UnitTests.Rules;

/// <summary>Grade inflation (docs/analysis.md, Signals): bands, the 30-pupil floor and z-scores, as tables.</summary>
public sealed class GradeInflationTests
{
    [Theory]
    [InlineData(0, null)]
    [InlineData(1, GradeBand.Primary)]
    [InlineData(4, GradeBand.Primary)]
    [InlineData(5, GradeBand.Basic)]
    [InlineData(9, GradeBand.Basic)]
    [InlineData(10, GradeBand.Upper)]
    [InlineData(11, GradeBand.Upper)]
    [InlineData(12, null)]
    public void Grades_fall_in_bands(int grade, GradeBand? band) => Assert.Equal(band, GradeInflation.BandOf(grade));

    /// <summary>Grades given as "grade:pupils:FO score/max:summative score/max"; expected "band:pupils:FO%:summative%".</summary>
    [Theory]
    [InlineData("5:20:80/100:60/100|6:10:90/100:70/100", "Basic:30:85:65")]       // pooled sums: 170/200, 130/200
    [InlineData("5:29:80/100:60/100", "")]                                         // under 30 pupils
    [InlineData("5:40:80/100:0/0", "")]                                            // no summatives yet
    [InlineData("0:40:80/100:60/100|12:40:80/100:60/100", "")]                     // outside the bands
    [InlineData("2:30:9/10:5/10|10:31:7/10:7/10", "Primary:30:90:50; Upper:31:70:70")]
    public void An_organizations_bands_pool_their_grades_from_30_pupils(string grades, string expected)
    {
        var slices = grades.Split('|').Select(g => g.Split(':')).Select(p => (int.Parse(p[0]), new SummaryFigures
        {
            SchoolStudents = int.Parse(p[1]),
            FormativeScoreSum = int.Parse(p[2].Split('/')[0]), FormativeMaxSum = int.Parse(p[2].Split('/')[1]),
            SummativeScoreSum = int.Parse(p[3].Split('/')[0]), SummativeMaxSum = int.Parse(p[3].Split('/')[1]),
        }));

        var gaps = GradeInflation.Gaps("O1", slices);

        Assert.Equal(expected, string.Join("; ", gaps.Select(g => $"{g.Band}:{g.Students}:{g.FormativePercent:0.##}:{g.SummativePercent:0.##}")));
    }

    /// <summary>Gaps per organization (FO% − summative %) in one band; expected z rounded to 2 places, "-" for none.</summary>
    [Theory]
    [InlineData(new double[] { 10, 10, 10, 10, 40 }, "O5:2|O1:-0.5|O2:-0.5|O3:-0.5|O4:-0.5")]   // mean 16, sd 12
    [InlineData(new double[] { 0, 10, 20 }, "O1:-1.22|O3:1.22|O2:0")]
    [InlineData(new double[] { 5, 5, 5 }, "O1:-|O2:-|O3:-")]                                   // all equal: no spread
    [InlineData(new double[] { 0, 30 }, "O1:-|O2:-")]                                          // too few to compare
    public void Z_scores_compare_a_gap_with_the_bands_others(double[] gaps, string expected)
    {
        var scores = GradeInflation.Scores(gaps.Select((g, i) => new BandGap($"O{i + 1}", GradeBand.Basic, 30, 50 + g, 50)));

        Assert.Equal(expected, string.Join("|", scores.Select(s => $"{s.Gap.OrganizationId}:{(s.Z is { } z ? Math.Round(z, 2).ToString(System.Globalization.CultureInfo.InvariantCulture) : "-")}")));
        Assert.Equal(scores.Where(s => s.Z is { } z && Math.Abs(z) >= 2).Select(s => s.Gap.OrganizationId), scores.Where(s => s.Outlier).Select(s => s.Gap.OrganizationId));
    }

    [Fact]
    public void Bands_are_compared_apart()
    {
        var gaps = new[] { 0.0, 0, 0, 0, 30 }.Select((g, i) => new BandGap($"P{i}", GradeBand.Primary, 30, 50 + g, 50))
            .Concat(new[] { 30.0, 30, 30 }.Select((g, i) => new BandGap($"B{i}", GradeBand.Basic, 30, 50 + g, 50)));

        var scores = GradeInflation.Scores(gaps);

        Assert.Equal(["P4"], scores.Where(s => s.Outlier).Select(s => s.Gap.OrganizationId));
        Assert.All(scores.Where(s => s.Gap.Band == GradeBand.Basic), s => Assert.Null(s.Z));
    }
}
