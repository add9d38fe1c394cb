using EduInfo.Domain.Assessment;
using EduInfo.Domain.Journal;
using EduInfo.Domain.Metrics;

namespace EduInfo.UnitTests.Rules;

/// <summary>
/// Exemptions (issue 20): a pupil exempt from a subject has the result "exempt" there — not н/а — and leaves that
/// subject's metrics; over all subjects they count by their other subjects. On <see cref="FourStudents"/>, s3 has 2 in
/// math and 4 in kaz.
/// </summary>
public sealed partial class ClassLedgerTests
{
    [Fact]
    public void A_pupil_exempt_for_the_term_leaves_the_subjects_metrics_and_counts_by_the_others()
    {
        var l = FourStudents();
        var before = l.Cells(Today);
        Assert.Equal((4, 3, 1), (before[K(2, "math")].StudentsAssessed, before[K(2, "math")].StudentsSucceeding, before[K(2, "math")].TermMarks2));
        Assert.Equal((4, 3, 1), (before[K(2)].StudentsAssessed, before[K(2)].StudentsSucceeding, before[K(2)].StudentsQualified));

        l.AddExemption("s3", "math", 2);
        var cells = l.Cells(Today);

        Assert.Equal(TermOutcome.Exempt, l.ResultOf("s3", 2, "math")!.Outcome);
        Assert.Equal(TermOutcome.Marked, l.ResultOf("s3", 2, "kaz")!.Outcome);
        // Math: s1 4, s2 5, s4 3 — three assessed, all succeeding, two qualified; no 2, no н/а, nothing pending.
        var math = cells[K(2, "math")];
        Assert.Equal((3L, 3L, 2L, 0L, 3L, 0L, 0L), (math.StudentsAssessed, math.StudentsSucceeding, math.StudentsQualified, math.TermMarks2,
            math.TermResults, math.NotAttested, math.PendingResults));
        Assert.Equal(4 + 5 + 3, math.TermMarkSum);
        // Over both subjects s3 has {4} now: succeeding and qualified, no longer failing.
        var all = cells[K(2)];
        Assert.Equal((4L, 4L, 2L, 0L), (all.StudentsAssessed, all.StudentsSucceeding, all.StudentsQualified, all.StudentsFailing));
        // The year's math (the annual marks so far) leaves s3 out too; kaz is untouched.
        Assert.Equal(3, cells[K(0, "math")].StudentsAssessed);
        Assert.Equal(before[K(2, "kaz")], cells[K(2, "kaz")]);
    }

    [Fact]
    public void A_pupil_exempt_for_the_year_is_exempt_in_every_term_and_in_the_annual_mark()
    {
        var l = FourStudents();
        FO(l, "s3", "math", 1, 5);
        FO(l, "s1", "math", 1, 9);
        l.AddExemption("s3", "math", 0);

        Assert.Equal(TermOutcome.Exempt, l.ResultOf("s3", 1, "math")!.Outcome);
        Assert.Equal(TermOutcome.Exempt, l.ResultOf("s3", 2, "math")!.Outcome);
        var annual = l.Annual([l.ResultOf("s3", 1, "math")!, l.ResultOf("s3", 2, "math")!]);
        Assert.Equal((TermOutcome.Exempt, (int?)null), (annual!.Outcome, annual.Mark));
        var cells = l.Cells(Today);
        Assert.Equal((1L, 3L), (cells[K(1, "math")].StudentsAssessed, cells[K(0, "math")].StudentsAssessed));
    }

    [Fact]
    public void Exempt_for_one_term_the_annual_mark_is_the_mean_of_the_other_terms()
    {
        var l = FourStudents();
        FO(l, "s3", "math", 1, 9, 9); // term 1: 90 % → 5
        l.AddExemption("s3", "math", 2);

        var annual = l.Annual([l.ResultOf("s3", 1, "math")!, l.ResultOf("s3", 2, "math")!]);

        Assert.Equal((TermOutcome.Marked, (int?)5), (annual!.Outcome, annual.Mark));
    }

    [Fact]
    public void An_exempt_pupil_without_marks_is_not_na_when_the_term_closes()
    {
        var closed = School(7, new HashSet<int> { 2 }, E("s1"), E("s5"));
        FO(closed, "s1", "math", 2, 8);
        Assert.Equal(TermOutcome.NotAttested, closed.ResultOf("s5", 2, "math")!.Outcome);
        Assert.Equal(1, closed.Cells(Today)[K(2, "math")].NotAttested);

        closed.AddExemption("s5", "math", 2);

        Assert.Equal(TermOutcome.Exempt, closed.ResultOf("s5", 2, "math")!.Outcome);
        var math = closed.Cells(Today)[K(2, "math")];
        Assert.Equal((0L, 1L, 1L), (math.NotAttested, math.StudentsAssessed, math.StudentsSucceeding));
    }

    [Fact]
    public void An_exempt_pupil_owes_no_summative_and_gets_no_early_warning_for_the_subject()
    {
        var l = School(7, Open, E("s1"), E("s5"));
        l.AddRecordedMarks("math", 2, MarkKind.Section, 1, 15, 20);
        FO(l, "s1", "math", 2, 8); SOR(l, "s1", "math", 2, (15, 20));
        FO(l, "s5", "math", 2, 7); // has work, lacks the held SOR
        Assert.Contains(l.Warnings(2, Today), w => w.StudentId == "s5" && w.Causes.Any(c => c.Reason == WarningReason.PendingSummative));

        l.AddExemption("s5", "math", 2);

        Assert.DoesNotContain(l.Warnings(2, Today), w => w.StudentId == "s5");
        var standing = Standings.Of(l, "s5", 2, "math", l.ResultOf("s5", 2, "math")!);
        Assert.Equal(("exempt", 0), (standing.Outcome, standing.PendingComponents.Count));
    }
}
