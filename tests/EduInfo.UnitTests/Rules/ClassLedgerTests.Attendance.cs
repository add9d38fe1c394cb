using EduInfo.Domain.Assessment;
using EduInfo.Domain.Calendar;
using EduInfo.Domain.Journal;
using EduInfo.Domain.Metrics;
using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Assessment;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.Storage.Registry;
using EduInfo.Tools.Demo;

namespace EduInfo.UnitTests.Rules;

/// <summary>The ledger's attendance figures and headcounts.</summary>
public sealed partial class ClassLedgerTests
{
    [Fact]
    public void A_roll_call_counts_seats_in_the_subject_the_term_and_the_year()
    {
        var ledger = School(7, Open, E("s1"), E("s2"), E("s3"));
        ledger.RecordLesson("math", D("2026-11-23"), ["s1", "s2", "s3"],
            new Dictionary<string, AbsenceCode> { ["s1"] = AbsenceCode.Unexcused, ["s2"] = AbsenceCode.Late });

        var cells = ledger.Cells(Today);

        var lesson = new SummaryFigures { LessonsHeld = 1, SeatsHeld = 3, Attended = 2, SchoolSeatsHeld = 3, SchoolAttended = 2, Late = 1, AbsentUnexcused = 1 };
        var totals = lesson + new SummaryFigures { Students = 3, SchoolStudents = 3, Classes = 1, FullDaysMissed = 1 };
        Assert.Equal(lesson, cells[K(2, "math")]);
        Assert.Equal(lesson, cells[K(0, "math")]);
        Assert.Equal(totals, cells[K(2)]);
        Assert.Equal(totals, cells[K(0)]);
    }

    /// <summary>
    /// Full days missed = student-days on which every lesson of that student was missed (late is not missed).
    /// <list type="bullet">
    /// <item>Tue 2026-10-20 (Q1), math: s3 unexcused — s3's only lesson → 1 full day in Q1.</item>
    /// <item>Mon 2026-11-23 (Q2), math: s2 unexcused — s2's only lesson → 1 full day in Q2.</item>
    /// <item>Tue 2026-11-24 (Q2), math: s1 sick, s2 unexcused, s3 late; kaz: s1 excused, s3 late —
    /// s1 missed 2 of 2 → 1; s2 missed 1 of 2 → 0; s3 late twice → 0.</item>
    /// </list>
    /// Q1 1, Q2 2, year 3. Q2 math seats: 3 + 3 = 6; absent s2 (11-23), s1, s2 (11-24) → attended 3, unexcused 2,
    /// sick 1, late 1.
    /// </summary>
    [Fact]
    public void A_full_day_missed_is_a_day_with_every_lesson_missed()
    {
        var ledger = School(7, Open, E("s1"), E("s2"), E("s3"));
        string[] roster = ["s1", "s2", "s3"];
        ledger.RecordLesson("math", D("2026-10-20"), roster, new Dictionary<string, AbsenceCode> { ["s3"] = AbsenceCode.Unexcused });
        ledger.RecordLesson("math", D("2026-11-23"), roster, new Dictionary<string, AbsenceCode> { ["s2"] = AbsenceCode.Unexcused });
        ledger.RecordLesson("math", D("2026-11-24"), roster,
            new Dictionary<string, AbsenceCode> { ["s1"] = AbsenceCode.Sick, ["s2"] = AbsenceCode.Unexcused, ["s3"] = AbsenceCode.Late });
        ledger.RecordLesson("kaz", D("2026-11-24"), roster,
            new Dictionary<string, AbsenceCode> { ["s1"] = AbsenceCode.Excused, ["s3"] = AbsenceCode.Late });

        var cells = ledger.Cells(Today);

        Assert.Equal(1, cells[K(1)].FullDaysMissed);
        Assert.Equal(2, cells[K(2)].FullDaysMissed);
        Assert.Equal(3, cells[K(0)].FullDaysMissed);
        Assert.Equal(new SummaryFigures { LessonsHeld = 2, SeatsHeld = 6, Attended = 3, SchoolSeatsHeld = 6, SchoolAttended = 3, Late = 1, AbsentUnexcused = 2, AbsentSick = 1 }, cells[K(2, "math")]);
        // kaz: seats 3, s1 excused → attended 2, late 1.
        Assert.Equal(new SummaryFigures { LessonsHeld = 1, SeatsHeld = 3, Attended = 2, SchoolSeatsHeld = 3, SchoolAttended = 2, Late = 1, AbsentExcused = 1 }, cells[K(2, "kaz")]);
        // Subject-day cells carry no full days: they are per student-day, in the term and year totals only.
        Assert.Equal(0, cells[K(2, "math")].FullDaysMissed);
    }

    // ---- Headcount --------------------------------------------------------------------------------------------------

    /// <summary>
    /// s1, s2 all year; s3 from 2026-11-10; s4 until 2026-11-20; s5 from 2027-01-20. A term's headcount is taken on
    /// its last day, or today while it runs; terms starting after today have no cells.
    /// </summary>
    [Theory]
    [InlineData("2026-08-31", 0, new int[0])]                 // before Q1: nobody enrolled yet, no term
    [InlineData("2026-09-01", 3, new[] { 3 })]                // s1 s2 s4
    [InlineData("2026-11-01", 3, new[] { 3 })]                // break: Q1 on 10-25 = s1 s2 s4; Q2 not started
    [InlineData("2026-11-15", 4, new[] { 3, 4 })]             // s1 s2 s3 s4
    [InlineData("2026-11-27", 3, new[] { 3, 3 })]             // s4 gone: s1 s2 s3
    [InlineData("2027-01-10", 3, new[] { 3, 3, 3 })]          // Q2 on 12-29 = s1 s2 s3; Q3 today, s5 not yet
    [InlineData("2027-06-01", 4, new[] { 3, 3, 4, 4 })]       // Q3 on 03-19 and Q4 on 05-25: s1 s2 s3 s5
    public void Headcounts_by_term(string today, int year, int[] terms)
    {
        var ledger = School(7, Open, E("s1"), E("s2"), E("s3", from: "2026-11-10"), E("s4", to: "2026-11-20"), E("s5", from: "2027-01-20"));

        var cells = ledger.Cells(D(today));

        Assert.Equal(new SummaryFigures { Students = year, SchoolStudents = year, Classes = 1 }, cells[K(0)]);
        for (var t = 1; t <= terms.Length; t++)
        {
            Assert.Equal(new SummaryFigures { Students = terms[t - 1], SchoolStudents = terms[t - 1], Classes = 1 }, cells[K(t)]);
        }
        AssertKeys(cells, [K(0), .. Enumerable.Range(1, terms.Length).Select(t => K(t))]);
    }

    /// <summary>
    /// Each kind of organization counts its headcount and seats once more in its own fields, so a district's school
    /// attendance is over schools only; an additional-education centre counts in the totals alone. One roll-call of
    /// three (one unexcused, one late) on Mon 2026-11-23, in a class of the kind's calendar.
    /// </summary>
    [Theory]
    [InlineData("school", 3, 0, 0, 3, 2, 0, 0, 0, 0)]
    [InlineData("college", 0, 3, 0, 0, 0, 3, 2, 0, 0)]
    [InlineData("preschool", 0, 0, 3, 0, 0, 0, 0, 3, 2)]
    [InlineData("additional", 0, 0, 0, 0, 0, 0, 0, 0, 0)]
    public void Headcount_and_seats_count_again_in_the_fields_of_the_kind(string kind, long schoolStudents, long collegeStudents,
        long preschoolChildren, long schoolSeats, long schoolAttended, long collegeSeats, long collegeAttended, long preschoolSeats, long preschoolAttended)
    {
        var ledger = TestLedgers.Of(kind, 1, new SchoolCalendar(SyntheticCalendar.For("2026-2027", kind)), [new AssessmentPolicy()], Open,
            [E("s1"), E("s2"), E("s3")]);
        ledger.RecordLesson("art", D("2026-11-23"), ["s1", "s2", "s3"],
            new Dictionary<string, AbsenceCode> { ["s1"] = AbsenceCode.Unexcused, ["s2"] = AbsenceCode.Late });

        var year = ledger.Cells(Today)[K(0)];

        Assert.Equal((3, 3, 2), (year.Students, year.SeatsHeld, year.Attended));
        Assert.Equal((schoolStudents, collegeStudents, preschoolChildren), (year.SchoolStudents, year.CollegeStudents, year.PreschoolChildren));
        Assert.Equal((schoolSeats, schoolAttended), (year.SchoolSeatsHeld, year.SchoolAttended));
        Assert.Equal((collegeSeats, collegeAttended), (year.CollegeSeatsHeld, year.CollegeAttended));
        Assert.Equal((preschoolSeats, preschoolAttended), (year.PreschoolSeatsHeld, year.PreschoolAttended));
    }

    // ---- College ----------------------------------------------------------------------------------------------------

    /// <summary>
    /// A first-year college group (semesters 2026-09-01..12-29 and 2027-01-12..06-30) under the seeded college policy
    /// (25/25/50, no descriptive grades). FO only, so the term % is the FO %:
    /// c1 19/20 = 95 → A 4.0; c2 149/200 = 74.5 → 75 (half-up) → B− 2.67; c3 10/20 = 50 → D 1.0; c4 9/20 = 45 → FX 0.5.
    /// Σ% 95+75+50+45 = 265; Σ GPA·100 = 400+267+100+50 = 817; success ≥ 50: c1 c2 c3; quality ≥ 75: c1 c2.
    /// </summary>
}
