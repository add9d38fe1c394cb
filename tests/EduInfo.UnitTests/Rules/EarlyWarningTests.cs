using EduInfo.Domain.Assessment;
using EduInfo.Domain.Calendar;
using EduInfo.Domain.Journal;
using EduInfo.Domain.Metrics;
using EduInfo.Domain.Registry;

namespace EduInfo.UnitTests.Rules;

/// <summary>The early-warning rule (docs/analysis.md, Signals) as a table, then the ledger's gathering of its inputs.</summary>
public sealed class EarlyWarningTests
{
    /// <summary>
    /// Subjects: "math=2" a mark of 2 (school), "math=49%" a college's 49 %, "kaz=pending:Section+Term" held summatives
    /// owed, "bio=none" nothing assessed yet. Expected: "reason/subject/component/value" joined by "; ".
    /// </summary>
    [Theory]
    [InlineData(0, 0, "", false, "")]                                            // no seats: no absence warning
    [InlineData(20, 1, "", false, "")]                                           // 5 %
    [InlineData(20, 2, "", false, "Absences///10")]                              // exactly 10 %
    [InlineData(31, 3, "", false, "")]                                           // 9.68 %: under, no rounding up
    [InlineData(30, 3, "", false, "Absences///10")]
    [InlineData(40, 7, "", false, "Absences///18")]                              // 17.5 half-up
    [InlineData(10, 0, "math=2", false, "ProjectedFail/math//2")]
    [InlineData(10, 0, "math=3", false, "")]
    [InlineData(10, 0, "bio=none", false, "")]                                   // not yet assessed is no warning
    [InlineData(10, 0, "kaz=pending:Term", false, "PendingSummative/kaz/Term/")]
    [InlineData(10, 0, "kaz=pending:Term+Section", false, "PendingSummative/kaz/Section/; PendingSummative/kaz/Term/")]
    [InlineData(10, 0, "math=49%", true, "ProjectedFail/math//49")]              // a college fails under 50 %
    [InlineData(10, 0, "math=50%", true, "")]
    [InlineData(10, 5, "math=2;art=pending:Section;kaz=4", false, "Absences///50; PendingSummative/art/Section/; ProjectedFail/math//2")]
    public void The_rule_flags_absences_a_projected_2_and_owed_summatives(int seats, int missed, string subjects, bool college, string expected)
    {
        var causes = EarlyWarning.Causes(seats, missed, [.. subjects.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(Standing)], college);

        Assert.Equal(expected, string.Join("; ", causes.Select(c => $"{c.Reason}/{c.SubjectId}/{c.Component}/{c.Value}")));
    }

    private static SubjectStanding Standing(string spec)
    {
        var (subject, value) = (spec.Split('=')[0], spec.Split('=')[1]);
        var none = new Dictionary<ComponentKind, Fraction>();
        return value switch
        {
            "none" => new SubjectStanding(subject, new TermResult(TermOutcome.NotYetAssessed, null, null, null, none), []),
            _ when value.StartsWith("pending:", StringComparison.Ordinal) => new SubjectStanding(subject,
                new TermResult(TermOutcome.Pending, null, null, null, none), [.. value[8..].Split('+').Select(Enum.Parse<ComponentKind>)]),
            _ when value.EndsWith('%') => new SubjectStanding(subject, new TermResult(TermOutcome.Marked, null, int.Parse(value[..^1]), null, none), []),
            _ => new SubjectStanding(subject, new TermResult(TermOutcome.Marked, null, 50, int.Parse(value), none), []),
        };
    }

    /// <summary>
    /// Q2 (2026-11-02..12-29), today 2026-11-27, grade 7. s1: 10 math lessons, missed one (10 %) and late to one; a 2
    /// projected in math (FO 3/10, SOR 5/20). s2: missed none; the class held a math SOCH (s1 wrote it), s2 did not:
    /// pending. s3: 4 and 5, nothing owed; a Q1 absence does not count in Q2. s4 left on 11-20: off the roster.
    /// </summary>
    [Fact]
    public void The_ledger_flags_each_pupil_from_its_seats_results_and_held_summatives()
    {
        var calendar = new SchoolCalendar(SyntheticCalendar.For("2026-2027", "school"));
        var ledger = TestLedgers.Of("school", 7, calendar, [new AssessmentPolicy()], new HashSet<int>(),
            [E("s1"), E("s2"), E("s3"), new Enrolment("s4", new DateOnly(2026, 9, 1), new DateOnly(2026, 11, 20))]);
        for (var day = 0; day < 10; day++)
        {
            var absences = new Dictionary<string, AbsenceCode>();
            if (day == 3) { absences["s1"] = AbsenceCode.Sick; }
            if (day == 4) { absences["s1"] = AbsenceCode.Late; absences["s4"] = AbsenceCode.Unexcused; }
            ledger.RecordLesson("math", new DateOnly(2026, 11, 9 + day), ["s1", "s2", "s3", "s4"], absences);
        }
        ledger.RecordLesson("math", new DateOnly(2026, 10, 20), ["s3"], new Dictionary<string, AbsenceCode> { ["s3"] = AbsenceCode.Unexcused });
        ledger.RecordMark("s1", "math", new DateOnly(2026, 11, 10), MarkKind.Formative, 3, 10);
        ledger.RecordMark("s1", "math", new DateOnly(2026, 11, 12), MarkKind.Section, 5, 20);
        ledger.RecordMark("s1", "math", new DateOnly(2026, 11, 25), MarkKind.Term, 5, 25);
        ledger.RecordMark("s2", "math", new DateOnly(2026, 11, 10), MarkKind.Formative, 9, 10);
        ledger.RecordMark("s2", "math", new DateOnly(2026, 11, 12), MarkKind.Section, 18, 20);
        ledger.RecordMark("s3", "math", new DateOnly(2026, 11, 10), MarkKind.Formative, 8, 10);
        ledger.RecordMark("s3", "math", new DateOnly(2026, 11, 12), MarkKind.Section, 16, 20);
        ledger.RecordMark("s3", "math", new DateOnly(2026, 11, 25), MarkKind.Term, 20, 25);

        var warnings = ledger.Warnings(2, new DateOnly(2026, 11, 27));

        Assert.Equal(
            "s1: Absences///10, ProjectedFail/math//2 | s2: PendingSummative/math/Term/",
            string.Join(" | ", warnings.Select(w => $"{w.StudentId}: {string.Join(", ", w.Causes.Select(c => $"{c.Reason}/{c.SubjectId}/{c.Component}/{c.Value}"))}")));
        Assert.Empty(ledger.Warnings(3, new DateOnly(2026, 11, 27)));   // not begun
        Assert.Empty(ledger.Warnings(9, new DateOnly(2026, 11, 27)));   // not in the calendar
    }

    /// <summary>Grade 1 is assessed descriptively: a summative one pupil lacks is owed by nobody, and nothing fails.</summary>
    [Fact]
    public void A_descriptive_grade_owes_and_fails_nothing()
    {
        var calendar = new SchoolCalendar(SyntheticCalendar.For("2026-2027", "school"));
        var ledger = TestLedgers.Of("school", 1, calendar, [new AssessmentPolicy()], new HashSet<int>(), [E("s1"), E("s2")]);
        ledger.RecordMark("s1", "math", new DateOnly(2026, 11, 10), MarkKind.Section, 1, 20);
        ledger.RecordMark("s2", "math", new DateOnly(2026, 11, 10), MarkKind.Formative, 1, 10);

        Assert.Empty(ledger.Warnings(2, new DateOnly(2026, 11, 27)));
    }

    private static Enrolment E(string student) => new(student, new DateOnly(2026, 9, 1), null);
}
