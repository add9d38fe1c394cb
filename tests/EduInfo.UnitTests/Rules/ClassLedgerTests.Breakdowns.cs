using EduInfo.Domain.Assessment;
using EduInfo.Domain.Calendar;
using EduInfo.Domain.Journal;
using EduInfo.Domain.Metrics;
using EduInfo.Domain.Registry;
using EduInfo.Tools.Demo;

namespace EduInfo.UnitTests.Rules;

/// <summary>The pupils' share of a class's figures by sex (issue 19's breakdowns), worked by hand.</summary>
public sealed partial class ClassLedgerTests
{
    /// <summary>
    /// <see cref="FourStudents"/> with s1, s2 boys and s3, s4 girls, and one roll-call of math on Tue 2026-11-24 (Q2):
    /// s1 late, s3 sick, s4 unexcused — the girls' only lesson that day, so two full days missed.
    /// <code>
    ///        term marks (math, kaz)   %                      over subjects
    /// boys   s1 4, 5   s2 5, 3        75 90 92 52 = 309      2 assessed, 2 succeeding, 1 qualified (s1)
    /// girls  s3 2, 4   s4 3, 4        34 69 63 76 = 242      2 assessed, 1 succeeding (s4), 0 qualified
    /// </code>
    /// </summary>
    private static ClassLedger FourStudentsBySex()
    {
        var sexes = new Dictionary<string, PupilSex> { ["s1"] = PupilSex.Male, ["s2"] = PupilSex.Male, ["s3"] = PupilSex.Female, ["s4"] = PupilSex.Female };
        var cls = new ClassRecord("C1", "O1", "2026-2027", 7, [E("s1"), E("s2"), E("s3"), E("s4")], [], "school", Sexes: sexes);
        var l = new ClassLedger(new ClassRules(cls, new SchoolCalendar(SyntheticCalendar.For("2026-2027", "school")), [new AssessmentPolicy()], Open));
        FO(l, "s1", "math", 2, 8, 8); SOR(l, "s1", "math", 2, (15, 20)); SOCH(l, "s1", "math", 2, 18, 25);
        FO(l, "s2", "math", 2, 9, 10, 9); SOR(l, "s2", "math", 2, (18, 20), (9, 10)); SOCH(l, "s2", "math", 2, 23, 25);
        FO(l, "s3", "math", 2, 4, 4); SOR(l, "s3", "math", 2, (6, 20)); SOCH(l, "s3", "math", 2, 8, 25);
        FO(l, "s4", "math", 2, 6, 7); SOR(l, "s4", "math", 2, (13, 20)); SOCH(l, "s4", "math", 2, 15, 25);
        FO(l, "s1", "kaz", 2, 9, 10); SOR(l, "s1", "kaz", 2, (18, 20)); SOCH(l, "s1", "kaz", 2, 22, 25);
        FO(l, "s2", "kaz", 2, 5, 6); SOR(l, "s2", "kaz", 2, (10, 20)); SOCH(l, "s2", "kaz", 2, 13, 25);
        FO(l, "s3", "kaz", 2, 7); SOR(l, "s3", "kaz", 2, (14, 20)); SOCH(l, "s3", "kaz", 2, 17, 25);
        FO(l, "s4", "kaz", 2, 8, 8); SOR(l, "s4", "kaz", 2, (13, 20)); SOCH(l, "s4", "kaz", 2, 20, 25);
        l.RecordLesson("math", D("2026-11-24"), ["s1", "s2", "s3", "s4"],
            new Dictionary<string, AbsenceCode> { ["s1"] = AbsenceCode.Late, ["s3"] = AbsenceCode.Sick, ["s4"] = AbsenceCode.Unexcused });
        return l;
    }

    private static readonly SummaryFigures Boys = new()
    {
        Students = 2, SchoolStudents = 2,
        SeatsHeld = 2, Attended = 2, Late = 1, SchoolSeatsHeld = 2, SchoolAttended = 2,
        TermResults = 4, TermMarks3 = 1, TermMarks4 = 1, TermMarks5 = 2, TermMarkSum = 17, TermPercentSum = 309,
        StudentsAssessed = 2, StudentsSucceeding = 2, StudentsQualified = 1,
        StudentsWithOneThree = 1, // the progress groups (issue 19): one boy with a single 3, the other with 4 and 5
    };

    private static readonly SummaryFigures Girls = new()
    {
        Students = 2, SchoolStudents = 2,
        SeatsHeld = 2, AbsentSick = 1, AbsentUnexcused = 1, SchoolSeatsHeld = 2, FullDaysMissed = 2,
        TermResults = 4, TermMarks2 = 1, TermMarks3 = 1, TermMarks4 = 2, TermMarkSum = 13, TermPercentSum = 242,
        StudentsAssessed = 2, StudentsSucceeding = 1, StudentsQualified = 0,
        StudentsWithOneThree = 1, StudentsFailing = 1, // one girl with a single 3, the other with a 2
    };

    public static TheoryData<int, PupilSex, SummaryFigures> SexShares => new()
    {
        { 2, PupilSex.Male, Boys },
        { 2, PupilSex.Female, Girls },
        // The year: annual marks are Q2's (the only marked term), headcount today, the year's seats.
        { SummaryKey.Year, PupilSex.Male, Boys },
        { SummaryKey.Year, PupilSex.Female, Girls },
        // Q1 ran with nobody's work: its headcount only.
        { 1, PupilSex.Male, new SummaryFigures { Students = 2, SchoolStudents = 2 } },
        { 1, PupilSex.Female, new SummaryFigures { Students = 2, SchoolStudents = 2 } },
    };

    [Theory]
    [MemberData(nameof(SexShares))]
    public void Each_sex_takes_its_pupils_headcount_seats_full_days_and_results(int term, PupilSex sex, SummaryFigures expected) =>
        Assert.Equal(expected, FourStudentsBySex().PupilCells(Today)[(term, sex)]);

    [Fact]
    public void The_sexes_add_up_to_the_pupils_figures_of_every_all_subjects_cell()
    {
        var ledger = FourStudentsBySex();
        var cells = ledger.Cells(Today);
        var pupils = ledger.PupilCells(Today);

        foreach (var term in new[] { SummaryKey.Year, 1, 2 })
        {
            var sum = pupils.Where(p => p.Key.Term == term).Select(p => p.Value).Aggregate(SummaryFigures.Zero, (a, b) => a + b);
            Assert.Equal(Breakdown.Pupils(cells[K(term)]), sum);
        }
        Assert.DoesNotContain(pupils.Keys, k => k.Term > 2); // no slice of a term not started
    }

    [Fact]
    public void A_later_roll_call_and_a_new_mark_move_the_sex_shares_after_a_snapshot()
    {
        var ledger = FourStudentsBySex();
        _ = ledger.PupilCells(Today); // cached

        ledger.RecordLesson("kaz", D("2026-11-25"), ["s1", "s2", "s3", "s4"], new Dictionary<string, AbsenceCode> { ["s2"] = AbsenceCode.Excused });
        SOCH(ledger, "s3", "math", 2, 25, 25); // a second SOCH: s3's math moves up from 2

        var pupils = ledger.PupilCells(Today);
        Assert.Equal(Boys with { SeatsHeld = 4, Attended = 3, AbsentExcused = 1, SchoolSeatsHeld = 4, SchoolAttended = 3, FullDaysMissed = 1 }, pupils[(2, PupilSex.Male)]);
        Assert.True(pupils[(2, PupilSex.Female)].TermMarks2 == 0 && pupils[(2, PupilSex.Female)].SeatsHeld == 4);
        Assert.Equal(Breakdown.Pupils(ledger.Cells(Today)[K(2)]), pupils[(2, PupilSex.Male)] + pupils[(2, PupilSex.Female)]);
    }

    [Fact]
    public void A_class_takes_its_whole_cell_under_its_one_value_of_each_place_dimension()
    {
        var ledger = FourStudentsBySex();
        var cells = ledger.Cells(Today);
        var place = new BreakdownPlace("school", IsRural: true, NodeKind.District, "ru", 7);

        var slices = Breakdown.OfClass(place, cells, ledger.PupilCells(Today));

        foreach (var term in new[] { SummaryKey.Year, 1, 2 })
        {
            Assert.Equal(cells[K(term)], slices[new(BreakdownDimension.Locality, "rural", term)]);
            Assert.Equal(cells[K(term)], slices[new(BreakdownDimension.Language, "ru", term)]);
            Assert.Equal(cells[K(term)], slices[new(BreakdownDimension.Kind, "school", term)]);
            Assert.Equal(cells[K(term)], slices[new(BreakdownDimension.Subordination, "district", term)]);
            Assert.Equal(cells[K(term)], slices[new(BreakdownDimension.Grade, "7", term)]);
        }
        Assert.Equal(Girls, slices[new(BreakdownDimension.Sex, "female", 2)]);
        // Per term and the year only: 3 cells × 5 place dimensions + 3 × 2 sexes, never per subject.
        Assert.Equal(21, slices.Count);
    }
}
