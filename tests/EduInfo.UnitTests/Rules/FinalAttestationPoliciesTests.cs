using EduInfo.Domain.YearEnd;

namespace EduInfo.UnitTests.Rules;

/// <summary>The final attestation's rules as data (issue 20): checking an operator's version, and the version a year ends under.</summary>
public sealed class FinalAttestationPoliciesTests
{
    private static readonly DateOnly Today = new(2026, 11, 27);

    /// <summary>The 2020 rules (grades 9 and 11, weights 1:1, pass 3, two re-examinations) as a version from 1 Sep 2027.</summary>
    private static readonly FinalAttestationPolicyDocument Next = FinalAttestationPolicies.Default with { EffectiveFrom = new DateOnly(2027, 9, 1) };

    private static FinalAttestationPolicyDocument Grades(params (int? Grade, string? Document)[] grades) =>
        Next with { Documents = grades.Select(g => new AttestedGradeDocument(g.Grade, g.Document)).ToList() };

    private const string Basic = "basicSecondaryCertificate";
    private const string Attestat = "generalSecondaryAttestat";

    public static TheoryData<string, FinalAttestationPolicyDocument, string[]> ValidateCases => new()
    {
        { "the 2020 rules from a future date", Next, [] },
        { "effective tomorrow", Next with { EffectiveFrom = Today.AddDays(1) }, [] },
        { "effective today", Next with { EffectiveFrom = Today }, ["effectiveFrom:PolicyInForce"] },
        { "effective in 2020", FinalAttestationPolicies.Default, ["effectiveFrom:PolicyInForce"] },
        { "no effective date", Next with { EffectiveFrom = null }, ["effectiveFrom:Required"] },

        // Attested grades: 1..12 of them, each from 1 to 12, once, with a known document; the final grade among them.
        { "grade 9 only, final 9 (a nine-year school system)", Grades((9, Basic)) with { FinalGrade = 9 }, [] },
        { "grades 9, 11 and 12, final 12", Grades((9, Basic), (11, Basic), (12, Attestat)) with { FinalGrade = 12 }, [] },
        { "grade 9 twice", Grades((9, Basic), (9, Attestat), (11, Attestat)), ["documents:AttestationGradesInvalid"] },
        { "grade 13", Grades((9, Basic), (13, Attestat)) with { FinalGrade = 13 }, ["documents:AttestationGradesInvalid", "finalGrade:AttestationFinalGradeInvalid"] },
        { "grade 0", Grades((0, Basic), (11, Attestat)), ["documents:AttestationGradesInvalid"] },
        { "a grade without a number", Grades((null, Basic), (11, Attestat)), ["documents:AttestationGradesInvalid"] },
        { "an unknown document", Grades((9, "diploma"), (11, Attestat)), ["documents:AttestationGradesInvalid"] },
        { "a document named in another case", Grades((9, "BasicSecondaryCertificate"), (11, Attestat)), ["documents:AttestationGradesInvalid"] },
        { "a grade without a document", Grades((9, null), (11, Attestat)), ["documents:AttestationGradesInvalid"] },
        { "a null entry", Next with { Documents = [null, new AttestedGradeDocument(11, Attestat)] }, ["documents:AttestationGradesInvalid"] },
        { "no grades", Next with { Documents = [] }, ["documents:AttestationGradesInvalid", "finalGrade:AttestationFinalGradeInvalid"] },
        { "no grade list", Next with { Documents = null }, ["documents:AttestationGradesInvalid", "finalGrade:AttestationFinalGradeInvalid"] },
        { "the final grade not attested", Next with { FinalGrade = 10 }, ["finalGrade:AttestationFinalGradeInvalid"] },
        { "no final grade", Next with { FinalGrade = null }, ["finalGrade:AttestationFinalGradeInvalid"] },

        // Weights 0..10, not both 0.
        { "weights 2:1", Next with { AnnualWeight = 2, ExamWeight = 1 }, [] },
        { "examination only", Next with { AnnualWeight = 0, ExamWeight = 1 }, [] },
        { "weights 0:0", Next with { AnnualWeight = 0, ExamWeight = 0 }, ["weights:AttestationWeightsInvalid"] },
        { "a negative weight", Next with { AnnualWeight = -1, ExamWeight = 2 }, ["weights:AttestationWeightsInvalid"] },
        { "a weight of 11", Next with { ExamWeight = 11 }, ["weights:AttestationWeightsInvalid"] },
        { "weights that overflow", Next with { AnnualWeight = int.MaxValue, ExamWeight = int.MaxValue }, ["weights:AttestationWeightsInvalid"] },
        { "no annual weight", Next with { AnnualWeight = null }, ["weights:AttestationWeightsInvalid"] },

        // Pass mark 2..5; re-examinations 0..10.
        { "pass from 2", Next with { PassMark = 2 }, [] },
        { "pass from 5", Next with { PassMark = 5 }, [] },
        { "pass from 1", Next with { PassMark = 1 }, ["passMark:AttestationValueOutOfRange"] },
        { "pass from 6", Next with { PassMark = 6 }, ["passMark:AttestationValueOutOfRange"] },
        { "no re-examination", Next with { MaxReexaminations = 0 }, [] },
        { "eleven re-examinations", Next with { MaxReexaminations = 11 }, ["maxReexaminations:AttestationValueOutOfRange"] },
        { "no re-examination limit", Next with { MaxReexaminations = null }, ["maxReexaminations:AttestationValueOutOfRange"] },

        { "an empty document", new FinalAttestationPolicyDocument(null, null, null, null, null, null, null),
            ["effectiveFrom:Required", "documents:AttestationGradesInvalid", "finalGrade:AttestationFinalGradeInvalid", "weights:AttestationWeightsInvalid",
             "passMark:AttestationValueOutOfRange", "maxReexaminations:AttestationValueOutOfRange"] },
    };

    [Theory]
    [MemberData(nameof(ValidateCases))]
    public void Validate_reports_each_problem_by_field_and_code(string why, FinalAttestationPolicyDocument document, string[] expected)
    {
        var actual = FinalAttestationPolicies.Validate(document, Today).Select(p => $"{p.Field}:{p.Error}").ToList();
        Assert.True(expected.SequenceEqual(actual), $"{why}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", actual)}]");
    }

    [Fact]
    public void The_default_document_is_the_built_in_policy_and_round_trips()
    {
        var policy = FinalAttestationPolicies.ToPolicy(FinalAttestationPolicies.Default);
        var builtIn = new FinalAttestationPolicy();
        Assert.Equal((builtIn.EffectiveFrom, builtIn.FinalGrade, builtIn.AnnualWeight, builtIn.ExamWeight, builtIn.PassMark, builtIn.MaxReexaminations),
            (policy.EffectiveFrom, policy.FinalGrade, policy.AnnualWeight, policy.ExamWeight, policy.PassMark, policy.MaxReexaminations));
        Assert.Equal(builtIn.Documents.OrderBy(d => d.Key), policy.Documents.OrderBy(d => d.Key));
        Assert.Empty(FinalAttestationPolicies.Validate(FinalAttestationPolicies.Default, null));
    }

    public static TheoryData<string, string, int> InForceCases => new()
    {
        // A year ends under the version in force on its first day (1 September).
        { "the year before the new version", "2026-2027", 3 },
        { "the year the new version starts on its first day", "2027-2028", 4 },
        { "a later year", "2030-2031", 4 },
        { "a year before any stored version falls back to the built-in rules", "2019-2020", 3 },
    };

    [Theory]
    [MemberData(nameof(InForceCases))]
    public void A_year_ends_under_the_version_in_force_on_its_first_day(string why, string year, int passMark)
    {
        FinalAttestationPolicyDocument[] versions =
        [
            FinalAttestationPolicies.Default,
            Next with { PassMark = 4 },
            // An invalid stored version (the final grade not attested) is skipped, not applied.
            Next with { EffectiveFrom = new DateOnly(2029, 9, 1), PassMark = 5, FinalGrade = 10 },
        ];
        Assert.True(passMark == FinalAttestationPolicies.InForce(versions, year).PassMark, why);
    }

    [Fact]
    public void A_version_starting_the_day_after_the_year_began_waits_for_the_next_year()
    {
        FinalAttestationPolicyDocument[] versions = [FinalAttestationPolicies.Default, Next with { EffectiveFrom = new DateOnly(2027, 9, 2), PassMark = 4 }];
        Assert.Equal(3, FinalAttestationPolicies.InForce(versions, "2027-2028").PassMark);
        Assert.Equal(4, FinalAttestationPolicies.InForce(versions, "2028-2029").PassMark);
    }
}
