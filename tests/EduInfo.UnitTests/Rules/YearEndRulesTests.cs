using EduInfo.Domain.Assessment;
using EduInfo.Domain.YearEnd;

namespace EduInfo.UnitTests.Rules;

/// <summary>The year's end for one pupil (issue 20): final marks, failed subjects, the council's default and the document, by hand.</summary>
public sealed class YearEndRulesTests
{
    private static readonly FinalAttestationPolicy Policy = new();

    private static SubjectYear M(string subject, int annual) => new(subject, TermOutcome.Marked, annual);

    private static SubjectYear X(string subject, int annual, int? exam) => new(subject, TermOutcome.Marked, annual, Examined: true, ExamMark: exam);

    private static SubjectYear NA(string subject) => new(subject, TermOutcome.NotAttested, null);

    private static SubjectYear Exempt(string subject) => new(subject, TermOutcome.Exempt, null);

    /// <summary>why, grade, subjects → proposed decision (null: not yet), failed subjects, document, distinction.</summary>
    public static TheoryData<string, int, SubjectYear[], CouncilDecision?, string[], EducationDocumentKind?, bool> Cases => new()
    {
        { "grade 5, all passed", 5, [M("MAT", 4), M("KAZ", 3)], CouncilDecision.Promoted, [], null, false },
        { "grade 5, all fives: no document before grade 9", 5, [M("MAT", 5), M("KAZ", 5)], CouncilDecision.Promoted, [], null, false },
        { "grade 5, one 2: re-examination", 5, [M("MAT", 2), M("KAZ", 4)], CouncilDecision.PromotedConditionally, ["MAT"], null, false },
        { "grade 5, a 2 and an н/а: two re-examinations", 5, [M("MAT", 2), NA("PHY"), M("KAZ", 4)], CouncilDecision.PromotedConditionally, ["MAT", "PHY"], null, false },
        { "grade 5, three failed: repeats the year", 5, [M("MAT", 2), NA("PHY"), M("KAZ", 2)], CouncilDecision.RepeatsYear, ["KAZ", "MAT", "PHY"], null, false },
        { "grade 5, exempt from PE: not failed", 5, [M("MAT", 3), Exempt("PE")], CouncilDecision.Promoted, [], null, false },
        { "grade 9, exams passed: certificate", 9, [X("MAT", 4, 3), X("KAZ", 4, 5), M("HIS", 4)], CouncilDecision.Promoted, [], EducationDocumentKind.BasicSecondaryCertificate, false },
        { "grade 9, nothing assessed: no document", 9, [], CouncilDecision.Promoted, [], null, false },
        { "grade 9, exempt from everything: no marks to list, no document", 9, [Exempt("PE")], CouncilDecision.Promoted, [], null, false },
        { "grade 9, all fives with exams: with distinction", 9, [X("MAT", 5, 5), X("KAZ", 5, 5), M("HIS", 5), Exempt("PE")], CouncilDecision.Promoted, [], EducationDocumentKind.BasicSecondaryCertificate, true },
        { "grade 9, annual 5, exam 4 → final 5 (4.5 half-up): still distinction", 9, [X("MAT", 5, 4), M("HIS", 5)], CouncilDecision.Promoted, [], EducationDocumentKind.BasicSecondaryCertificate, true },
        { "grade 9, annual 4, exam 5 → final 5 (4.5 half-up), another 4: no distinction", 9, [X("MAT", 4, 5), M("HIS", 4)], CouncilDecision.Promoted, [], EducationDocumentKind.BasicSecondaryCertificate, false },
        { "grade 9, an exam not written yet: nothing proposed", 9, [X("MAT", 4, null), M("HIS", 4)], null, [], null, false },
        { "grade 9, a failed exam fails the subject even if the mean passes", 9, [X("MAT", 4, 2), M("HIS", 4)], CouncilDecision.PromotedConditionally, ["MAT"], null, false },
        { "grade 11, exams passed: graduated with the attestat", 11, [X("MAT", 3, 4), X("KAZ", 4, 4), M("HIS", 5)], CouncilDecision.Graduated, [], EducationDocumentKind.GeneralSecondaryAttestat, false },
        { "grade 11, all fives: attestat with distinction", 11, [X("MAT", 5, 5), M("HIS", 5)], CouncilDecision.Graduated, [], EducationDocumentKind.GeneralSecondaryAttestat, true },
        { "grade 11, an н/а: re-examination, no attestat yet", 11, [X("MAT", 4, 4), NA("HIS")], CouncilDecision.PromotedConditionally, ["HIS"], null, false },
        { "grade 11, annual 2 and exam 3 → final 3 (2.5 half-up): passes", 11, [X("MAT", 2, 3), M("HIS", 4)], CouncilDecision.Graduated, [], EducationDocumentKind.GeneralSecondaryAttestat, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Ends_each_year(string why, int grade, SubjectYear[] subjects, CouncilDecision? proposed, string[] failed, EducationDocumentKind? document, bool distinction)
    {
        var outcome = YearEndRules.Of(Policy, grade, descriptive: false, subjects);
        Assert.True((proposed, document, distinction) == (outcome.Proposed, outcome.Document, outcome.WithDistinction),
            $"{why}: expected {proposed}/{document}/{distinction}, got {outcome.Proposed}/{outcome.Document}/{outcome.WithDistinction}");
        Assert.Equal(failed, outcome.Failed);
    }

    /// <summary>Final marks one by one: the source and the rounding (half-up of the exact mean, never banker's).</summary>
    [Theory]
    [InlineData(4, 5, 5)] // 4.5 → 5
    [InlineData(3, 4, 4)] // 3.5 → 4
    [InlineData(2, 3, 3)] // 2.5 → 3
    [InlineData(5, 3, 4)]
    [InlineData(3, 3, 3)]
    public void An_examined_subjects_final_mark_is_the_mean_rounded_half_up(int annual, int exam, int final)
    {
        var mark = YearEndRules.Final(Policy, attested: true, X("MAT", annual, exam));
        Assert.Equal((final, FinalMarkSource.Combined), (mark.Mark!.Value, mark.Source));
    }

    [Fact]
    public void The_weights_are_policy_data()
    {
        // The exam counting twice: (4 + 2·2) / 3 = 2.67 → 3, but a 2 in the exam still fails the subject.
        var heavier = new FinalAttestationPolicy { ExamWeight = 2 };
        var mark = YearEndRules.Final(heavier, attested: true, X("MAT", 4, 2));
        Assert.Equal((3, true), (mark.Mark!.Value, mark.Fails));
        Assert.Equal(5, YearEndRules.Final(heavier, attested: true, X("MAT", 4, 5)).Mark); // (4 + 10) / 3 = 4.67 → 5
    }

    [Fact]
    public void Outside_an_attestation_grade_an_examination_mark_is_ignored()
    {
        var mark = YearEndRules.Final(Policy, attested: false, X("MAT", 4, 2));
        Assert.Equal((4, FinalMarkSource.Annual, false), (mark.Mark!.Value, mark.Source, mark.Fails));
    }

    [Fact]
    public void A_descriptive_grade_is_promoted_with_no_marks()
    {
        var outcome = YearEndRules.Of(Policy, 1, descriptive: true, []);
        Assert.Equal((CouncilDecision.Promoted, 0, (EducationDocumentKind?)null), (outcome.Proposed!.Value, outcome.Finals.Count, outcome.Document));
    }

    [Fact]
    public void The_policy_in_force_is_the_latest_effective_by_the_date()
    {
        var old = new FinalAttestationPolicy();
        var next = new FinalAttestationPolicy { EffectiveFrom = new DateOnly(2027, 9, 1), MaxReexaminations = 1 };
        Assert.Same(old, FinalAttestationPolicy.InForce([old, next], new DateOnly(2027, 5, 25)));
        Assert.Same(next, FinalAttestationPolicy.InForce([old, next], new DateOnly(2027, 9, 1)));
        Assert.Throws<InvalidOperationException>(() => FinalAttestationPolicy.InForce([next], new DateOnly(2027, 5, 25)));
        // With one re-examination allowed, two failed subjects repeat the year.
        Assert.Equal(CouncilDecision.RepeatsYear, YearEndRules.Of(next, 5, false, [M("MAT", 2), NA("PHY")]).Proposed);
    }
}
