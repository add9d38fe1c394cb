using EduInfo.Domain.Assessment;

namespace EduInfo.UnitTests.Assessment;

/// <summary>The term-mark rules with values worked by hand (DESIGN.md §2).</summary>
public sealed class TermMarkTests
{
    private static readonly AssessmentPolicy Policy = new();

    private static StudentComponent Formative(params int[] scores) => new(ComponentKind.Formative, scores.Select(s => (s, 10)).ToList());

    private static StudentComponent Section(params (int Score, int Max)[] works) => new(ComponentKind.Section, works);

    private static StudentComponent Term(int score, int max) => new(ComponentKind.Term, [(score, max)]);

    [Theory]
    [InlineData(6450, 100, 65)]    // 64.5 → 65 (half-up, not banker's)
    [InlineData(3949, 100, 39)]    // 39.49 → 39
    [InlineData(8450, 100, 85)]
    [InlineData(8449, 100, 84)]
    [InlineData(250, 100, 3)]      // 2.5 → 3
    [InlineData(0, 1, 0)]
    [InlineData(10000, 100, 100)]
    [InlineData(200, 3, 67)]       // 66.67
    public void Percentages_round_once_half_up(long numerator, long denominator, int rounded) =>
        Assert.Equal(rounded, new Fraction(numerator, denominator).RoundHalfUp());

    [Theory]
    [InlineData(0, 2)]
    [InlineData(39, 2)]
    [InlineData(40, 3)]
    [InlineData(64, 3)]
    [InlineData(65, 4)]
    [InlineData(84, 4)]
    [InlineData(85, 5)]
    [InlineData(100, 5)]
    public void Bands(int percent, int mark) => Assert.Equal(mark, TermMark.Band(Policy, percent));

    [Fact]
    public void All_three_components_with_the_weights_25_25_50()
    {
        // FO 6,7 of 10 = 65 %; SOR (15+8)/(20+10) = 23/30; SOCH 20/25 = 80 %.
        // 0.25·65 + 0.25·(2300/30) + 0.5·80 = 16.25 + 19.1666… + 40 = 75.41666… → 75 → 4
        var result = TermMark.Compute(Policy, 7, [Formative(6, 7), Section((15, 20), (8, 10)), Term(20, 25)], termClosed: false);
        Assert.Equal(TermOutcome.Marked, result.Outcome);
        Assert.Equal(new Fraction(9050, 120), result.ExactPercent);
        Assert.Equal((75, 4), (result.Percent, result.Mark));
        Assert.Equal(new Fraction(1, 2), result.WeightsUsed[ComponentKind.Term]);
    }

    [Fact]
    public void Exactly_64_5_rounds_to_65_and_mark_4()
    {
        // FO 6/10 = 60 %, SOR 17/25 = 68 %, SOCH 13/20 = 65 %: 15 + 17 + 32.5 = 64.5 → 65 → 4.
        var result = TermMark.Compute(Policy, 9, [Formative(6), Section((17, 25)), Term(13, 20)], termClosed: true);
        Assert.Equal(new Fraction(129, 2), result.ExactPercent);
        Assert.Equal((65, 4), (result.Percent, result.Mark));
    }

    [Fact]
    public void A_term_without_a_term_summative_shares_its_weight()
    {
        // FO 80 %, SOR 60 %: weights 25/25 → each 1/2 → 70 → 4.
        var result = TermMark.Compute(Policy, 5, [Formative(8), Section((12, 20)), new StudentComponent(ComponentKind.Term, [], HeldForGroup: false)], termClosed: true);
        Assert.Equal((70, 4), (result.Percent, result.Mark));
        Assert.Equal(new Fraction(1, 2), result.WeightsUsed[ComponentKind.Formative]);
        Assert.False(result.WeightsUsed.ContainsKey(ComponentKind.Term));
    }

    [Fact]
    public void A_term_with_only_formative_marks()
    {
        var result = TermMark.Compute(Policy, 5, [Formative(9, 9, 8)], termClosed: false);
        Assert.Equal((87, 5), (result.Percent, result.Mark)); // 26/30 = 86.67 → 87
        Assert.Equal(Fraction.Of(1), result.WeightsUsed[ComponentKind.Formative]);
    }

    [Fact]
    public void A_missed_term_summative_is_pending_until_written_or_excused()
    {
        var missed = new StudentComponent(ComponentKind.Term, [], Missed: true);
        Assert.Equal(TermOutcome.Pending, TermMark.Compute(Policy, 8, [Formative(8), Section((12, 20)), missed], termClosed: false).Outcome);

        // Excused: its weight goes to the others for this student only (FO 80, SOR 60 → 70).
        var excused = missed with { Excused = true };
        var result = TermMark.Compute(Policy, 8, [Formative(8), Section((12, 20)), excused], termClosed: false);
        Assert.Equal((TermOutcome.Marked, 70, 4), (result.Outcome, result.Percent, result.Mark));
    }

    [Fact]
    public void Grade_one_is_descriptive_and_nothing_assessed_is_not_attested_only_when_closed()
    {
        Assert.Equal(TermOutcome.Descriptive, TermMark.Compute(Policy, 1, [Formative(9)], termClosed: true).Outcome);
        Assert.Equal(TermOutcome.NotYetAssessed, TermMark.Compute(Policy, 6, [], termClosed: false).Outcome);
        Assert.Equal(TermOutcome.NotAttested, TermMark.Compute(Policy, 6, [], termClosed: true).Outcome);
    }

    [Fact]
    public void A_new_policy_applies_from_its_date_only()
    {
        var old = new AssessmentPolicy();
        var revised = new AssessmentPolicy { EffectiveFrom = new DateOnly(2027, 1, 1), Bands = [(90, 5), (70, 4), (45, 3), (0, 2)] };
        Assert.Same(old, AssessmentPolicy.InForce([old, revised], new DateOnly(2026, 12, 30)));
        Assert.Same(revised, AssessmentPolicy.InForce([old, revised], new DateOnly(2027, 1, 1)));
        Assert.Equal(5, TermMark.Band(old, 86));     // a past term keeps the policy it was assessed under
        Assert.Equal(4, TermMark.Band(revised, 86));
    }

    [Theory]
    [InlineData(new[] { 4, 4, 5, 5 }, 5)] // 4.5 → 5
    [InlineData(new[] { 3, 4, 4, 4 }, 4)] // 3.75
    [InlineData(new[] { 3, 3, 4, 4 }, 4)] // 3.5 → 4
    [InlineData(new[] { 3, 3, 3, 4 }, 3)] // 3.25
    [InlineData(new[] { 5, 5, 4 }, 5)]    // 4.67
    [InlineData(new[] { 2, 3 }, 3)]       // 2.5 → 3
    public void The_annual_mark_is_the_rounded_mean(int[] termMarks, int annual) => Assert.Equal(annual, TermMark.Annual(termMarks));

    [Theory]
    [InlineData(100, "A", 4.0)]
    [InlineData(95, "A", 4.0)]
    [InlineData(94, "A-", 3.67)]
    [InlineData(90, "A-", 3.67)]
    [InlineData(89, "B+", 3.33)]
    [InlineData(80, "B", 3.0)]
    [InlineData(79, "B-", 2.67)]
    [InlineData(70, "C+", 2.33)]
    [InlineData(65, "C", 2.0)]
    [InlineData(64, "C-", 1.67)]
    [InlineData(55, "D+", 1.33)]
    [InlineData(50, "D", 1.0)]
    [InlineData(49, "FX", 0.5)]
    [InlineData(25, "FX", 0.5)]
    [InlineData(24, "F", 0.0)]
    [InlineData(0, "F", 0.0)]
    public void College_letters_and_GPA(int percent, string letter, double gpa) =>
        Assert.Equal((letter, (decimal)gpa), CollegeGrade.Of(percent));
}
