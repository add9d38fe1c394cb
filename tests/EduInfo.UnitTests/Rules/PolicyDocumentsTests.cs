using EduInfo.Domain.Assessment;
using EduInfo.Domain.Journal;
using EduInfo.Grains.Interfaces.Assessment;
using EduInfo.Grains.Interfaces.Journal;

namespace EduInfo.UnitTests.Rules;

/// <summary>Assessment policies as data: checking an operator's document and turning it into the rules (DESIGN.md §2).</summary>
public sealed class PolicyDocumentsTests
{
    private static readonly DateOnly Today = new(2026, 11, 27);

    /// <summary>The 2020 rules (25/25/50, bands 0/40/65/85 → 2/3/4/5, grade 1 descriptive) as a version from 1 Sep 2027.</summary>
    private static readonly AssessmentPolicyDocument Default2020 = new(
        new DateOnly(2027, 9, 1),
        10,
        new ComponentWeights(25, 25, 50),
        [new PolicyBand(0, 2), new PolicyBand(40, 3), new PolicyBand(65, 4), new PolicyBand(85, 5)],
        [1]);

    private static AssessmentPolicyDocument Bands(params (int? From, int? Mark)[] bands) =>
        Default2020 with { Bands = bands.Select(b => new PolicyBand(b.From, b.Mark)).ToList() };

    private static AssessmentPolicyDocument Weights(int? formative, int? section, int? term) =>
        Default2020 with { Weights = new ComponentWeights(formative, section, term) };

    public static TheoryData<string, AssessmentPolicyDocument, string[]> ValidateCases => new()
    {
        { "the 2020 rules from a future date", Default2020, [] },
        { "effective tomorrow", Default2020 with { EffectiveFrom = Today.AddDays(1) }, [] },
        { "effective today", Default2020 with { EffectiveFrom = Today }, ["effectiveFrom:PolicyInForce"] },
        { "effective yesterday", Default2020 with { EffectiveFrom = Today.AddDays(-1) }, ["effectiveFrom:PolicyInForce"] },
        { "effective in 2020", Default2020 with { EffectiveFrom = new DateOnly(2020, 9, 1) }, ["effectiveFrom:PolicyInForce"] },
        { "no effective date", Default2020 with { EffectiveFrom = null }, ["effectiveFrom:Required"] },

        // Weights: each ≥ 0, Σ = 100.
        { "weights 30/30/40", Weights(30, 30, 40), [] },
        { "weights 0/0/100", Weights(0, 0, 100), [] },
        { "weights 30/30/30 (Σ 90)", Weights(30, 30, 30), ["weights:PolicyWeightsInvalid"] },
        { "weights 40/40/40 (Σ 120)", Weights(40, 40, 40), ["weights:PolicyWeightsInvalid"] },
        { "weights 50/60/-10 (Σ 100, one negative)", Weights(50, 60, -10), ["weights:PolicyWeightsInvalid"] },
        { "weights -25/25/100", Weights(-25, 25, 100), ["weights:PolicyWeightsInvalid"] },
        { "no weights", Default2020 with { Weights = null }, ["weights:PolicyWeightsInvalid"] },
        { "no formative weight", Weights(null, 50, 50), ["weights:PolicyWeightsInvalid"] },
        { "no section weight", Weights(50, null, 50), ["weights:PolicyWeightsInvalid"] },
        { "no term weight", Weights(25, 25, null), ["weights:PolicyWeightsInvalid"] },

        // Bands: 2..12 of them, from 0, rising strictly, marks rising strictly, within 0..100 and 1..100.
        { "bands listed highest first", Bands((85, 5), (65, 4), (40, 3), (0, 2)), [] },
        { "bands in any order", Bands((65, 4), (0, 2), (85, 5), (40, 3)), [] },
        { "two bands (pass/fail)", Bands((0, 1), (50, 2)), [] },
        { "bands starting at 10", Bands((10, 2), (40, 3), (65, 4), (85, 5)), ["bands:PolicyBandsInvalid"] },
        { "two bands from 40", Bands((0, 2), (40, 3), (40, 4), (85, 5)), ["bands:PolicyBandsInvalid"] },
        { "marks not rising", Bands((0, 2), (40, 4), (65, 3), (85, 5)), ["bands:PolicyBandsInvalid"] },
        { "the same mark twice", Bands((0, 2), (40, 3), (65, 3), (85, 5)), ["bands:PolicyBandsInvalid"] },
        { "a single band", Bands((0, 5)), ["bands:PolicyBandsInvalid"] },
        { "no bands", Default2020 with { Bands = null }, ["bands:PolicyBandsInvalid"] },
        { "an empty band list", Default2020 with { Bands = [] }, ["bands:PolicyBandsInvalid"] },
        { "a band without a mark", Bands((0, 2), (40, null), (65, 4), (85, 5)), ["bands:PolicyBandsInvalid"] },
        { "a band without a percentage", Bands((0, 2), (null, 3), (65, 4), (85, 5)), ["bands:PolicyBandsInvalid"] },
        { "a band from 101 %", Bands((0, 2), (101, 5)), ["bands:PolicyBandsInvalid"] },
        { "a mark 0", Bands((0, 0), (50, 5)), ["bands:PolicyBandsInvalid"] },
        { "13 bands", Bands(Enumerable.Range(0, 13).Select(i => ((int?)(i * 5), (int?)(i + 1))).ToArray()), ["bands:PolicyBandsInvalid"] },
        { "12 bands", Bands(Enumerable.Range(0, 12).Select(i => ((int?)(i * 5), (int?)(i + 1))).ToArray()), [] },

        // Scale 1..100.
        { "scale 0", Default2020 with { FormativeScale = 0 }, ["formativeScale:PolicyScaleInvalid"] },
        { "scale 101", Default2020 with { FormativeScale = 101 }, ["formativeScale:PolicyScaleInvalid"] },
        { "scale -10", Default2020 with { FormativeScale = -10 }, ["formativeScale:PolicyScaleInvalid"] },
        { "no scale", Default2020 with { FormativeScale = null }, ["formativeScale:PolicyScaleInvalid"] },
        { "scale 1", Default2020 with { FormativeScale = 1 }, [] },
        { "scale 100", Default2020 with { FormativeScale = 100 }, [] },

        // Descriptive grades 0..12.
        { "descriptive grade 13", Default2020 with { DescriptiveGrades = [1, 13] }, ["descriptiveGrades:PolicyGradesInvalid"] },
        { "descriptive grade -1", Default2020 with { DescriptiveGrades = [-1] }, ["descriptiveGrades:PolicyGradesInvalid"] },
        { "descriptive grades 0 and 12", Default2020 with { DescriptiveGrades = [0, 12] }, [] },
        { "no descriptive grades (null)", Default2020 with { DescriptiveGrades = null }, [] },
        { "no descriptive grades (empty)", Default2020 with { DescriptiveGrades = [] }, [] },

        // Several problems at once, in the order effectiveFrom, formativeScale, weights, bands, descriptiveGrades.
        { "everything wrong", new AssessmentPolicyDocument(Today, 0, new ComponentWeights(50, 50, 50), [new PolicyBand(0, 5)], [13]),
            ["effectiveFrom:PolicyInForce", "formativeScale:PolicyScaleInvalid", "weights:PolicyWeightsInvalid", "bands:PolicyBandsInvalid", "descriptiveGrades:PolicyGradesInvalid"] },
        { "an empty document", new AssessmentPolicyDocument(null, null, null, null, null),
            ["effectiveFrom:Required", "formativeScale:PolicyScaleInvalid", "weights:PolicyWeightsInvalid", "bands:PolicyBandsInvalid"] },

        // int overflow: 2147483647 + 2147483647 wraps to -2 (unchecked), -2 + 102 = 100, so the sum check passes
        // although every weight is non-negative and the true sum is 4294967396. Must be refused.
        { "weights that overflow to 100", Weights(int.MaxValue, int.MaxValue, 102), ["weights:PolicyWeightsInvalid"] },
    };

    [Theory]
    [MemberData(nameof(ValidateCases))]
    public void Validate_reports_each_problem_by_field_and_code(string why, AssessmentPolicyDocument document, string[] expected)
    {
        var problems = PolicyDocuments.Validate(document, Today);
        var actual = problems.Select(p => $"{p.Field}:{p.Error}").ToList();
        Assert.True(expected.SequenceEqual(actual), $"{why}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", actual)}]");
    }

    [Fact]
    public void Problems_carry_the_arguments_the_message_needs()
    {
        var problems = PolicyDocuments.Validate(new AssessmentPolicyDocument(Today, 0, new ComponentWeights(50, 50, 50), [new PolicyBand(0, 5)], [13]), Today);
        Assert.Equal(
        new[]
        {
            new EntryProblem("effectiveFrom", JournalError.PolicyInForce, ["2026-11-27"]),
            new EntryProblem("formativeScale", JournalError.PolicyScaleInvalid, ["1", "100"]),
            new EntryProblem("weights", JournalError.PolicyWeightsInvalid, []),
            new EntryProblem("bands", JournalError.PolicyBandsInvalid, []),
            new EntryProblem("descriptiveGrades", JournalError.PolicyGradesInvalid, ["0", "12"]),
        }, problems, new ProblemComparer());
    }

    private sealed class ProblemComparer : IEqualityComparer<EntryProblem>
    {
        public bool Equals(EntryProblem? x, EntryProblem? y) =>
            x is not null && y is not null && x.Field == y.Field && x.Error == y.Error && x.Arguments.SequenceEqual(y.Arguments);

        public int GetHashCode(EntryProblem obj) => HashCode.Combine(obj.Field, obj.Error);
    }

    [Fact]
    public void ToPolicy_maps_every_field_and_sorts_the_bands_highest_first()
    {
        var document = new AssessmentPolicyDocument(
            new DateOnly(2027, 9, 1), 5, new ComponentWeights(30, 30, 40),
            [new PolicyBand(0, 2), new PolicyBand(50, 3), new PolicyBand(70, 4), new PolicyBand(90, 5)], [1, 2]);

        var policy = PolicyDocuments.ToPolicy(document);

        Assert.Equal(new DateOnly(2027, 9, 1), policy.EffectiveFrom);
        Assert.Equal(5, policy.FormativeScale);
        Assert.Equal(30, policy.Weights[ComponentKind.Formative]);
        Assert.Equal(30, policy.Weights[ComponentKind.Section]);
        Assert.Equal(40, policy.Weights[ComponentKind.Term]);
        Assert.Equal(new (int, int)[] { (90, 5), (70, 4), (50, 3), (0, 2) }, policy.Bands);
        Assert.Equal(new HashSet<int> { 1, 2 }, policy.DescriptiveGrades);
    }

    [Theory]
    // Bands 0/50/70/90 → 2/3/4/5 once sorted highest first.
    [InlineData(0, 2)]
    [InlineData(49, 2)]
    [InlineData(50, 3)]
    [InlineData(69, 3)]
    [InlineData(70, 4)]
    [InlineData(89, 4)]
    [InlineData(90, 5)]
    [InlineData(100, 5)]
    public void A_policy_from_data_bands_with_its_own_limits(int percent, int mark)
    {
        var policy = PolicyDocuments.ToPolicy(Default2020 with
        {
            Bands = [new PolicyBand(50, 3), new PolicyBand(0, 2), new PolicyBand(90, 5), new PolicyBand(70, 4)],
        });
        Assert.Equal(mark, TermMark.Band(policy, percent));
    }

    [Fact]
    public void The_2020_document_gives_the_built_in_2020_rules()
    {
        var policy = PolicyDocuments.ToPolicy(Default2020);
        var builtIn = new AssessmentPolicy();
        Assert.Equal(builtIn.Bands, policy.Bands);
        Assert.Equal(builtIn.Weights.OrderBy(w => w.Key), policy.Weights.OrderBy(w => w.Key));
        Assert.Equal(builtIn.FormativeScale, policy.FormativeScale);
        Assert.Equal(builtIn.DescriptiveGrades, policy.DescriptiveGrades);
    }

    [Fact]
    public void No_descriptive_grades_maps_to_an_empty_set() =>
        Assert.Empty(PolicyDocuments.ToPolicy(Default2020 with { DescriptiveGrades = null }).DescriptiveGrades);

    public static TheoryData<int, int, int, int, int, int, int> WeightCases => new()
    {
        // FO 10,9,10,10 of 10 = 39/40 = 97.5 %; SOR 20/20 = 100 %; SOCH 16/25 = 64 %.
        // 25/25/50: 0.25·97.5 + 0.25·100 + 0.5·64 = 24.375 + 25 + 32   = 81.375 = 651/8  → 81 → 4
        { 25, 25, 50, 651, 8, 81, 4 },
        // 30/30/40: 0.3·97.5  + 0.3·100  + 0.4·64 = 29.25  + 30 + 25.6 = 84.85  = 1697/20 → 85 → 5
        { 30, 30, 40, 1697, 20, 85, 5 },
        // 0/0/100: only the term summative counts: 64 → 3
        { 0, 0, 100, 64, 1, 64, 3 },
    };

    [Theory]
    [MemberData(nameof(WeightCases))]
    public void Weights_from_data_change_the_term_mark_for_the_same_work(int formative, int section, int term, int numerator, int denominator, int percent, int mark)
    {
        var policy = PolicyDocuments.ToPolicy(Weights(formative, section, term));
        StudentComponent[] work =
        [
            new(ComponentKind.Formative, [(10, 10), (9, 10), (10, 10), (10, 10)]),
            new(ComponentKind.Section, [(20, 20)]),
            new(ComponentKind.Term, [(16, 25)]),
        ];

        var result = TermMark.Compute(policy, 7, work, termClosed: false);

        Assert.Equal(TermOutcome.Marked, result.Outcome);
        Assert.Equal(new Fraction(numerator, denominator), result.ExactPercent);
        Assert.Equal((percent, mark), (result.Percent, result.Mark));
    }

    /// <summary>
    /// Validate accepts a zero weight (0/0/100 above). Mid-term, before the term summative is written, a student has
    /// only formative and section work: both weigh 0, so nothing that counts has been assessed. The term mark is then
    /// "not yet assessed" (н/а once the term closes), never a division by zero nor a 0 % that bands to a 2; once the
    /// СОЧ is written it alone makes the mark: 16/25 = 64 % → 3 (bands 0/40/65/85).
    /// </summary>
    [Fact]
    public void A_valid_policy_with_zero_weights_leaves_the_term_unassessed_until_the_weighted_component_is_written()
    {
        var document = Weights(0, 0, 100);
        Assert.Empty(PolicyDocuments.Validate(document, Today));
        var policy = PolicyDocuments.ToPolicy(document);
        StudentComponent[] midTerm =
        [
            new(ComponentKind.Formative, [(8, 10)]),
            new(ComponentKind.Section, [(15, 20)]),
            new(ComponentKind.Term, [], HeldForGroup: false),
        ];

        var running = TermMark.Compute(policy, 7, midTerm, termClosed: false);
        var closed = TermMark.Compute(policy, 7, midTerm, termClosed: true);
        var written = TermMark.Compute(policy, 7, [midTerm[0], midTerm[1], new(ComponentKind.Term, [(16, 25)])], termClosed: false);

        Assert.Equal((TermOutcome.NotYetAssessed, (Fraction?)null, (int?)null, (int?)null), (running.Outcome, running.ExactPercent, running.Percent, running.Mark));
        Assert.Empty(running.WeightsUsed);
        Assert.Equal((TermOutcome.NotAttested, (int?)null, (int?)null), (closed.Outcome, closed.Percent, closed.Mark));
        Assert.Equal((TermOutcome.Marked, (Fraction?)new Fraction(64, 1), (int?)64, (int?)3), (written.Outcome, written.ExactPercent, written.Percent, written.Mark));
        Assert.Equal(new Dictionary<ComponentKind, Fraction> { [ComponentKind.Term] = new Fraction(1, 1) }, written.WeightsUsed);
    }
}
