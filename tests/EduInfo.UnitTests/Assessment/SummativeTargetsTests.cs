using EduInfo.Domain.Assessment;

namespace EduInfo.UnitTests.Assessment;

/// <summary>"What do I need": the least score of a pending summative for each term mark, worked by hand (DESIGN.md §2).</summary>
public sealed class SummativeTargetsTests
{
    private static readonly AssessmentPolicy Policy = new();

    private static StudentComponent Formative(params int[] scores) => new(ComponentKind.Formative, scores.Select(s => (s, 10)).ToList());

    private static StudentComponent Section(int score, int max) => new(ComponentKind.Section, [(score, max)]);

    private static StudentComponent Term(int score, int max) => new(ComponentKind.Term, [(score, max)]);

    private static StudentComponent Missed(ComponentKind kind) => new(kind, [], Missed: true);

    private static StudentComponent NotHeld(ComponentKind kind) => new(kind, [], HeldForGroup: false);

    private static StudentComponent Excused(ComponentKind kind) => new(kind, [], Missed: true, Excused: true);

    /// <summary>Each row: the components, the pending kind and its maximum, the least score for 3, 4 and 5 (null: not reachable).</summary>
    public static TheoryData<string, StudentComponent[], ComponentKind, int, int?, int?, int?> Rows => new()
    {
        // FO 29/50 = 58 %, SOR 10/20 = 50 %: 14.5 + 12.5 + 50 % × 5s = 27 + 2.5s. 3 from 39.5 (s = 5 → 39.5 → 40);
        // 4 from 64.5 (s = 15 gives exactly 64.5, which rounds half-up to 65); 5 would need 84.5, s = 23 > 20.
        { "the 64.5 → 65 edge", [Formative(6, 6, 6, 6, 5), Section(10, 20), Missed(ComponentKind.Term)], ComponentKind.Term, 20, 5, 15, null },
        // FO 80 %, SOCH 15/20 = 75 %, SOR pending out of 10: 20 + 37.5 + 2.5s. A 3 whatever is written; 4 from s = 2.8 → 3.
        { "a section summative, a 3 whatever the score", [Formative(8), Missed(ComponentKind.Section), Term(15, 20)], ComponentKind.Section, 10, 0, 3, null },
        // No SOR held: FO and SOCH share 25 : 50 = 1/3 : 2/3. FO 90 %: 30 + 8s/3 out of 25. s = 21 → 86 → 5, s = 20 → 83.3 → 4.
        { "weights shared when a summative was not held", [Formative(9), NotHeld(ComponentKind.Section), Missed(ComponentKind.Term)], ComponentKind.Term, 25, 4, 13, 21 },
        // SOR excused for this student: FO 60 % and SOCH at 1/3 : 2/3 → 20 + 20s/3 out of 10: 3 → 40, 7 → 66.7, 10 → 86.7.
        { "an excused summative gives its weight to the others", [Formative(6), Excused(ComponentKind.Section), Missed(ComponentKind.Term)], ComponentKind.Term, 10, 3, 7, 10 },
        // Everything else full: 50 + 5s out of 10. 4 from 64.5 (s = 2.9 → 3), 5 from 84.5 (s = 6.9 → 7).
        { "a strong student", [Formative(10), Section(20, 20), Missed(ComponentKind.Term)], ComponentKind.Term, 10, 0, 3, 7 },
        // A summative out of 1: all or nothing (FO 70 %, SOR 60 %: 32.5 + 50s → 2 or 83 → 4; 5 is out of reach).
        { "a maximum of one", [Formative(7), Section(12, 20), Missed(ComponentKind.Term)], ComponentKind.Term, 1, 1, 1, null },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void The_least_score_for_each_higher_mark(string because, StudentComponent[] components, ComponentKind kind, int max, int? three, int? four, int? five)
    {
        var targets = SummativeTargets.Of(Policy, 7, components, kind, max);
        Assert.True(targets.Select(t => t.Mark).SequenceEqual([3, 4, 5]), because);
        Assert.Equal([three, four, five], targets.Select(t => t.LeastScore).ToArray());
    }

    [Fact]
    public void Exactly_64_5_reaches_a_4_and_one_point_less_does_not()
    {
        var components = new[] { Formative(6, 6, 6, 6, 5), Section(10, 20) };
        var at15 = TermMark.Compute(Policy, 7, [.. components, Term(15, 20)], termClosed: false);
        var at14 = TermMark.Compute(Policy, 7, [.. components, Term(14, 20)], termClosed: false);
        Assert.Equal((new Fraction(129, 2), 65, 4), (at15.ExactPercent!.Value, at15.Percent!.Value, at15.Mark!.Value));
        Assert.Equal((62, 3), (at14.Percent!.Value, at14.Mark!.Value));
        Assert.Equal(15, SummativeTargets.Of(Policy, 7, [.. components, Missed(ComponentKind.Term)], ComponentKind.Term, 20).Single(t => t.Mark == 4).LeastScore);
    }

    [Fact]
    public void The_bands_of_the_policy_in_force_are_used()
    {
        // The same student as the 64.5 row under bands 45 / 70 / 90: 27 + 2.5s ≥ 44.5, 69.5, 89.5 → 7, 17, (25 > 20).
        var revised = new AssessmentPolicy { EffectiveFrom = new DateOnly(2027, 1, 1), Bands = [(90, 5), (70, 4), (45, 3), (0, 2)] };
        var targets = SummativeTargets.Of(revised, 7, [Formative(6, 6, 6, 6, 5), Section(10, 20), Missed(ComponentKind.Term)], ComponentKind.Term, 20);
        Assert.Equal([new ScoreTarget(3, 7), new ScoreTarget(4, 17), new ScoreTarget(5, null)], targets);
    }

    [Fact]
    public void Nothing_when_the_summative_is_not_pending_or_another_one_is_or_the_grade_is_descriptive()
    {
        var bothPending = new[] { Formative(8), Missed(ComponentKind.Section), Missed(ComponentKind.Term) };
        Assert.Empty(SummativeTargets.Of(Policy, 7, bothPending, ComponentKind.Section, 10));
        Assert.Equal([ComponentKind.Term], SummativeTargets.OtherPending(Policy, bothPending, ComponentKind.Section));
        Assert.Empty(SummativeTargets.Of(Policy, 7, [Formative(8), Section(5, 10), Term(8, 10)], ComponentKind.Term, 10));
        Assert.Empty(SummativeTargets.Of(Policy, 7, [Formative(8), Section(5, 10), Excused(ComponentKind.Term)], ComponentKind.Term, 10));
        Assert.Empty(SummativeTargets.Of(Policy, 1, [Formative(8), Section(5, 10), Missed(ComponentKind.Term)], ComponentKind.Term, 10));
        var noTermWeight = new AssessmentPolicy { Weights = new Dictionary<ComponentKind, int> { [ComponentKind.Formative] = 50, [ComponentKind.Section] = 50, [ComponentKind.Term] = 0 } };
        Assert.Empty(SummativeTargets.Of(noTermWeight, 7, [Formative(8), Section(5, 10), Missed(ComponentKind.Term)], ComponentKind.Term, 10));
    }
}
