using EduInfo.Domain.Assessment;
using EduInfo.Domain.Calendar;
using EduInfo.Domain.Journal;
using EduInfo.Domain.Metrics;
using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Assessment;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Storage.Registry;
using EduInfo.Tools.Demo;

namespace EduInfo.UnitTests.Rules;

/// <summary>How a student's term is shown (diary, teacher's journal): component %, exact and rounded term %, the weights used.</summary>
public sealed class StandingsTests
{
    private static readonly DateOnly YearStart = new(2026, 9, 1);

    private static readonly IReadOnlyDictionary<string, decimal> NoWeights = new Dictionary<string, decimal>();

    /// <summary>
    /// Grade 7, Q2.
    /// math — no SOR held by anyone: s1 FO 7,8 = 15/20 = 75 %, SOCH 17/20 = 85 %. Weights 25 and 50 of 75 → ⅓ and ⅔
    /// (shown 33.33 and 66.67): 75/3 + 170/3 = 245/3 = 81.6667 → 82 → 4. s2 FO 9 = 90 %, missed the СОЧ: pending "term".
    /// kaz — all held: s1 FO 8 = 80 %, SOR 15/20 = 75 %, SOCH 18/25 = 72 %: 20 + 18.75 + 36 = 74.75 → 75 → 4, weights
    /// 25/25/50. s2 FO 7 only: pending "section" and "term".
    /// </summary>
    private static ClassLedger Ledger(IReadOnlySet<int> closed)
    {
        var ledger = TestLedgers.Of("school", 7, new SchoolCalendar(SyntheticCalendar.For("2026-2027", "school")), [new AssessmentPolicy()], closed,
            [new Enrolment("s1", YearStart, null), new Enrolment("s2", YearStart, null)]);
        ledger.AddStudentWork("s1", "math", 2, MarkKind.Formative, 2, 15, 20);
        ledger.AddStudentWork("s1", "math", 2, MarkKind.Term, 1, 17, 20);
        ledger.AddStudentWork("s2", "math", 2, MarkKind.Formative, 1, 9, 10);
        ledger.AddStudentWork("s1", "kaz", 2, MarkKind.Formative, 1, 8, 10);
        ledger.AddStudentWork("s1", "kaz", 2, MarkKind.Section, 1, 15, 20);
        ledger.AddStudentWork("s1", "kaz", 2, MarkKind.Term, 1, 18, 25);
        ledger.AddStudentWork("s2", "kaz", 2, MarkKind.Formative, 1, 7, 10);
        // s1's summatives were written in this class: held for the class, so s2, who has other marks, has them pending.
        ledger.AddRecordedMarks("math", 2, MarkKind.Term, 1, 17, 20);
        ledger.AddRecordedMarks("kaz", 2, MarkKind.Section, 1, 15, 20);
        ledger.AddRecordedMarks("kaz", 2, MarkKind.Term, 1, 18, 25);
        return ledger;
    }

    public static TheoryData<string, string, bool, TermStanding> Cases => new()
    {
        {
            "s1", "math", false,
            new TermStanding("math", 2, "marked", false, 75m, null, 85m, 81.6667m, 82, 4, null, null,
                new Dictionary<string, decimal> { ["formative"] = 33.33m, ["term"] = 66.67m }, [])
        },
        {
            "s1", "math", true,
            new TermStanding("math", 2, "marked", true, 75m, null, 85m, 81.6667m, 82, 4, null, null,
                new Dictionary<string, decimal> { ["formative"] = 33.33m, ["term"] = 66.67m }, [])
        },
        { "s2", "math", false, new TermStanding("math", 2, "pending", false, 90m, null, null, null, null, null, null, null, NoWeights, ["term"]) },
        {
            "s1", "kaz", false,
            new TermStanding("kaz", 2, "marked", false, 80m, 75m, 72m, 74.75m, 75, 4, null, null,
                new Dictionary<string, decimal> { ["formative"] = 25m, ["section"] = 25m, ["term"] = 50m }, [])
        },
        { "s2", "kaz", false, new TermStanding("kaz", 2, "pending", false, 70m, null, null, null, null, null, null, null, NoWeights, ["section", "term"]) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_standing_shows_the_component_percentages_the_weights_used_and_what_is_pending(string student, string subject, bool closed, TermStanding expected)
    {
        var ledger = Ledger(closed ? new HashSet<int> { 2 } : new HashSet<int>());
        var result = ledger.ResultOf(student, 2, subject)!;

        AssertStanding(expected, Standings.Of(ledger, student, 2, subject, result));
    }

    [Fact]
    public void Once_the_term_is_closed_a_pending_subject_is_final_and_not_attested()
    {
        var ledger = Ledger(new HashSet<int> { 2 });
        var standing = Standings.Of(ledger, "s2", 2, "math", ledger.ResultOf("s2", 2, "math")!);

        Assert.Equal(("notAttested", true), (standing.Outcome, standing.Final));
        Assert.Null(standing.Percent);
        Assert.Null(standing.Mark);
        Assert.Empty(standing.WeightsUsed);
    }

    /// <summary>College: c1 FO Σ 149 of 200 = 74.5 % (shown 74.50) → 75 → B− 2.67; no school mark is shown.</summary>
    [Fact]
    public void A_college_standing_shows_the_letter_and_gpa_instead_of_a_mark()
    {
        var ledger = TestLedgers.Of("college", 1, new SchoolCalendar(SyntheticCalendar.For("2026-2027", "college")),
            [new AssessmentPolicy { DescriptiveGrades = new HashSet<int>() }], new HashSet<int>(), [new Enrolment("c1", YearStart, null)]);
        ledger.AddStudentWork("c1", "eng", 1, MarkKind.Formative, 20, 149, 200);

        var standing = Standings.Of(ledger, "c1", 1, "eng", ledger.ResultOf("c1", 1, "eng")!);

        AssertStanding(new TermStanding("eng", 1, "marked", false, 74.5m, null, null, 74.5m, 75, null, "B-", 2.67m,
            new Dictionary<string, decimal> { ["formative"] = 100m }, []), standing);
    }

    /// <summary>The year (term 0): s1 math Q1 4 (70 %) and Q2 5 (90 %) → 4.5 → 5, mean % 80; no component detail.</summary>
    [Fact]
    public void The_annual_standing_is_term_zero_with_the_mean_mark()
    {
        var ledger = Ledger(new HashSet<int>());
        var annual = ledger.Annual(
        [
            new TermResult(TermOutcome.Marked, Fraction.Of(70), 70, 4, new Dictionary<ComponentKind, Fraction>()),
            new TermResult(TermOutcome.Marked, Fraction.Of(90), 90, 5, new Dictionary<ComponentKind, Fraction>()),
        ])!;

        AssertStanding(new TermStanding("math", 0, "marked", true, null, null, null, null, 80, 5, null, null, NoWeights, []),
            Standings.Annual(ledger, "math", annual, final: true));
    }

    private static void AssertStanding(TermStanding expected, TermStanding actual)
    {
        Assert.Equal(expected.SubjectId, actual.SubjectId);
        Assert.Equal(expected.Term, actual.Term);
        Assert.Equal(expected.Outcome, actual.Outcome);
        Assert.Equal(expected.Final, actual.Final);
        Assert.Equal(expected.FormativePercent, actual.FormativePercent);
        Assert.Equal(expected.SectionPercent, actual.SectionPercent);
        Assert.Equal(expected.TermSummativePercent, actual.TermSummativePercent);
        Assert.Equal(expected.ExactPercent, actual.ExactPercent);
        Assert.Equal(expected.Percent, actual.Percent);
        Assert.Equal(expected.Mark, actual.Mark);
        Assert.Equal(expected.Letter, actual.Letter);
        Assert.Equal(expected.Gpa, actual.Gpa);
        Assert.Equal(expected.WeightsUsed.OrderBy(w => w.Key, StringComparer.Ordinal), actual.WeightsUsed.OrderBy(w => w.Key, StringComparer.Ordinal));
        Assert.Equal(expected.PendingComponents, actual.PendingComponents);
    }
}
