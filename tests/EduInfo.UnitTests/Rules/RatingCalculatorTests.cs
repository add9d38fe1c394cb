using EduInfo.Domain.Metrics;
using EduInfo.Domain.Ratings;

namespace EduInfo.UnitTests.Rules;

/// <summary>The open rating's arithmetic (issue 21): min–max normalization, weights, ties to four decimals, withheld and unranked units.</summary>
public sealed class RatingCalculatorTests
{
    private static RatingMethodology Methodology(int minimum, params (string Indicator, int Weight)[] weights) =>
        RatingMethodologies.Default with { Indicators = [.. weights.Select(w => new IndicatorWeight(w.Indicator, w.Weight))], MinimumStudents = minimum };

    private static RatingInput Unit(string id, long students, decimal? quality, decimal? success = 90, decimal? attendance = 95) => new(id, students,
        new Dictionary<RatingIndicator, decimal?>
        {
            [RatingIndicator.KnowledgeQuality] = quality, [RatingIndicator.SuccessRate] = success, [RatingIndicator.Attendance] = attendance,
            [RatingIndicator.Completeness] = null, [RatingIndicator.TargetAttainment] = null,
        });

    private static string Ranks(Ranking r) => string.Join(" ", r.Units.Select(u => u.Standing switch
    {
        RatingStanding.Ranked => $"{u.UnitId}:{u.Rank}:{u.Score!.Value.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture)}",
        RatingStanding.TooSmall => $"{u.UnitId}:small",
        _ => $"{u.UnitId}:missing-{u.Missing}",
    }));

    public static TheoryData<string, RatingMethodology, RatingInput[], string> Cases => new()
    {
        // One indicator: the best 100, the worst 0, between them linear.
        { "one indicator, three units", Methodology(10, ("knowledgeQuality", 1)), [Unit("A", 50, 40), Unit("B", 50, 60), Unit("C", 50, 50)],
            "B:1:100.0000 C:2:50.0000 A:3:0.0000" },
        // Two indicators weighed 3:1; A best on quality, B on success: A = 75, B = 25.
        { "weights 3:1", Methodology(10, ("knowledgeQuality", 3), ("successRate", 1)), [Unit("A", 50, 60, 80), Unit("B", 50, 40, 95)],
            "A:1:75.0000 B:2:25.0000" },
        // Scores equal to four decimals share a rank, and the next takes its place after them (1, 1, 3).
        { "a tie shares a rank", Methodology(10, ("knowledgeQuality", 1), ("successRate", 1)),
            [Unit("A", 50, 60, 80), Unit("B", 50, 40, 100), Unit("C", 50, 40, 80)], "A:1:50.0000 B:1:50.0000 C:3:0.0000" },
        // 1/3 and 2/3 of a point: 33.3333 and 66.6667, rounded half away from zero.
        { "thirds rounded to four decimals", Methodology(10, ("knowledgeQuality", 1)), [Unit("A", 50, 0), Unit("B", 50, 1), Unit("C", 50, 2), Unit("D", 50, 3)],
            "D:1:100.0000 C:2:66.6667 B:3:33.3333 A:4:0.0000" },
        // All equal: each normalized to 1, all first.
        { "all equal", Methodology(10, ("knowledgeQuality", 1)), [Unit("A", 50, 70), Unit("B", 50, 70)], "A:1:100.0000 B:1:100.0000" },
        { "a single unit", Methodology(10, ("knowledgeQuality", 1)), [Unit("A", 50, 70)], "A:1:100.0000" },
        // Below the minimum: withheld, and it does not move the others' bounds.
        { "a unit too small", Methodology(30, ("knowledgeQuality", 1)), [Unit("A", 50, 40), Unit("B", 50, 60), Unit("S", 29, 100)],
            "B:1:100.0000 A:2:0.0000 S:small" },
        { "exactly the minimum", Methodology(30, ("knowledgeQuality", 1)), [Unit("A", 30, 40), Unit("B", 50, 60)], "B:1:100.0000 A:2:0.0000" },
        // Missing an indicator the others have: not ranked, and outside the bounds.
        { "a unit without attendance", Methodology(10, ("knowledgeQuality", 1), ("attendance", 1)),
            [Unit("A", 50, 40, attendance: 90), Unit("B", 50, 60, attendance: 100), Unit("M", 50, 100, attendance: null)],
            "B:1:100.0000 A:2:0.0000 M:missing-Attendance" },
        // An indicator no unit has is dropped: completeness here.
        { "completeness nobody has", Methodology(10, ("knowledgeQuality", 1), ("completeness", 5)), [Unit("A", 50, 40), Unit("B", 50, 60)],
            "B:1:100.0000 A:2:0.0000" },
        { "nobody large enough", Methodology(100, ("knowledgeQuality", 1)), [Unit("A", 50, 40), Unit("B", 50, 60)], "A:small B:small" },
        { "no units", Methodology(10, ("knowledgeQuality", 1)), [], "" },
        { "no indicator anybody has", Methodology(10, ("completeness", 1)), [Unit("A", 50, 40), Unit("S", 5, 60)], "A:missing-Completeness S:small" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Units_are_ranked_by_the_weighted_min_max_score(string why, RatingMethodology methodology, RatingInput[] units, string expected) =>
        Assert.True(expected == Ranks(RatingCalculator.Rank(methodology, units)), $"{why}: expected [{expected}], got [{Ranks(RatingCalculator.Rank(methodology, units))}]");

    [Fact]
    public void A_dropped_indicator_is_named_and_a_withheld_unit_shows_no_figure()
    {
        var ranking = RatingCalculator.Rank(Methodology(30, ("knowledgeQuality", 1), ("completeness", 1)), [Unit("A", 50, 40.005m), Unit("S", 5, 99)]);
        Assert.Equal([RatingIndicator.KnowledgeQuality], ranking.Used);
        Assert.Equal([RatingIndicator.Completeness], ranking.Dropped);
        Assert.Equal(40.01m, ranking.Units[0].Values![RatingIndicator.KnowledgeQuality]);
        Assert.Null(ranking.Units[1].Values);
        Assert.Null(ranking.Units[1].Score);
    }

    [Fact]
    public void The_ranking_does_not_depend_on_the_order_of_the_units()
    {
        var units = Enumerable.Range(0, 40).Select(i => Unit($"U{i:00}", 30 + i, (i * 37) % 23, (i * 11) % 17 + 80)).ToArray();
        var methodology = Methodology(10, ("knowledgeQuality", 2), ("successRate", 1));
        Assert.Equal(Ranks(RatingCalculator.Rank(methodology, units)), Ranks(RatingCalculator.Rank(methodology, [.. units.Reverse()])));
    }

    private static readonly SummaryFigures Figures = new()
    {
        StudentsAssessed = 200, StudentsQualified = 100, StudentsSucceeding = 190, SchoolSeatsHeld = 1000, SchoolAttended = 900,
    };

    public static TheoryData<string, UnitTarget[], decimal?> TargetCases => new()
    {
        { "no target", [], null },
        { "a target the unit set itself never counts", [new("knowledgeQuality", 60, SetFromAbove: false)], null },
        { "quality 50 % against 60 % from above", [new("knowledgeQuality", 60, SetFromAbove: true)], 100m * 50 / 60 },
        { "attendance 90 % against 85 %: reached, not more", [new("attendanceRate", 85, SetFromAbove: true)], 100 },
        { "the mean of two from above; its own left out", [new("knowledgeQuality", 100, true), new("successRate", 95, true), new("attendanceRate", 99, false)], 75 },
        { "a target of 0 is reached", [new("successRate", 0, true)], 100 },
        { "a metric with no figure yet", [new("summativePercent", 70, true)], null },
    };

    [Theory]
    [MemberData(nameof(TargetCases))]
    public void Target_attainment_counts_only_targets_set_from_above(string why, UnitTarget[] targets, decimal? expected)
    {
        var actual = RatingIndicators.TargetAttainment(Figures, targets);
        Assert.True(Round(expected) == Round(actual), $"{why}: expected {expected}, got {actual}");
    }

    private static decimal? Round(decimal? value) => value is { } v ? Math.Round(v, 12) : null;
}
