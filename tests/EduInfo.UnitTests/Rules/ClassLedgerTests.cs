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

/// <summary>
/// A class's figures by term and subject (DESIGN.md §2, Metrics), worked by hand on the demo 2026-2027 calendar
/// (Q1 2026-09-01..10-25, Q2 11-02..12-29, Q3 2027-01-08..03-19, Q4 03-30..05-25). Today is 2026-11-27 (Q2 running)
/// unless said. Every cell is compared whole (record equality), so a figure that should be zero is checked too.
/// </summary>
public sealed partial class ClassLedgerTests
{
    private static readonly DateOnly Today = new(2026, 11, 27);
    private static readonly DateOnly YearStart = new(2026, 9, 1);
    private static readonly IReadOnlySet<int> Open = new HashSet<int>();

    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    private static Enrolment E(string student, string? from = null, string? to = null) =>
        new(student, from is null ? YearStart : D(from), to is null ? null : D(to));

    private static ClassLedger School(int grade, IReadOnlySet<int> closedTerms, params Enrolment[] enrolments) =>
        TestLedgers.Of("school", grade, new SchoolCalendar(SyntheticCalendar.For("2026-2027", "school")), [new AssessmentPolicy()], closedTerms, enrolments);

    private static SummaryKey K(int term, string subject = SummaryKey.AllSubjects) => new(term, subject);

    /// <summary>Formative marks on 10 points as the sums the ledger reads: count, Σ score, Σ max (= 10 · count).</summary>
    private static void FO(ClassLedger l, string student, string subject, int term, params int[] marks) =>
        l.AddStudentWork(student, subject, term, MarkKind.Formative, marks.Length, marks.Sum(), 10 * marks.Length);

    private static void SOR(ClassLedger l, string student, string subject, int term, params (int Score, int Max)[] works) =>
        l.AddStudentWork(student, subject, term, MarkKind.Section, works.Length, works.Sum(w => w.Score), works.Sum(w => w.Max));

    private static void SOCH(ClassLedger l, string student, string subject, int term, int score, int max) =>
        l.AddStudentWork(student, subject, term, MarkKind.Term, 1, score, max);

    private static void AssertKeys(Dictionary<SummaryKey, SummaryFigures> cells, params SummaryKey[] keys) =>
        Assert.Equal(keys.OrderBy(k => k.Term).ThenBy(k => k.SubjectId, StringComparer.Ordinal),
            cells.Keys.OrderBy(k => k.Term).ThenBy(k => k.SubjectId, StringComparer.Ordinal));

    // ---- A class of four in two subjects, term 2 ----------------------------------------------------------------

    /// <summary>
    /// Grade 7, four students, math and kaz in Q2, every component held (weights 25/25/50):
    /// <code>
    ///              FO              SOR            SOCH     term %                                     %   mark
    /// s1 math   8,8 = 16/20 80    15/20 75       18/25 72  20    + 18.75 + 36 = 74.75 (299/4)          75  4
    /// s2 math   9,10,9 = 28/30    18/20+9/10     23/25 92  23.33 + 22.5  + 46 = 91.83 (551/6)          92  5
    ///             = 93.33          = 27/30 90
    /// s3 math   4,4 = 8/20 40     6/20 30        8/25 32   10    + 7.5   + 16 = 33.5  (67/2)           34  2
    /// s4 math   6,7 = 13/20 65    13/20 65       15/25 60  16.25 + 16.25 + 30 = 62.5  (125/2) half-up  63  3
    /// s1 kaz    9,10 = 19/20 95   18/20 90       22/25 88  23.75 + 22.5  + 44 = 90.25 (361/4)          90  5
    /// s2 kaz    5,6 = 11/20 55    10/20 50       13/25 52  13.75 + 12.5  + 26 = 52.25 (209/4)          52  3
    /// s3 kaz    7 = 7/10 70       14/20 70       17/25 68  17.5  + 17.5  + 34 = 69                     69  4
    /// s4 kaz    8,8 = 16/20 80    13/20 65       20/25 80  20    + 16.25 + 40 = 76.25 (305/4)          76  4
    /// </code>
    /// Per student over both subjects: s1 {4,5} succeeding and qualified; s2 {5,3} succeeding, not qualified;
    /// s3 {2,4} neither; s4 {3,4} succeeding, not qualified.
    /// </summary>
    private static ClassLedger FourStudents(int grade = 7, IReadOnlySet<int>? closed = null)
    {
        var l = School(grade, closed ?? Open, E("s1"), E("s2"), E("s3"), E("s4"));
        FO(l, "s1", "math", 2, 8, 8); SOR(l, "s1", "math", 2, (15, 20)); SOCH(l, "s1", "math", 2, 18, 25);
        FO(l, "s2", "math", 2, 9, 10, 9); SOR(l, "s2", "math", 2, (18, 20), (9, 10)); SOCH(l, "s2", "math", 2, 23, 25);
        FO(l, "s3", "math", 2, 4, 4); SOR(l, "s3", "math", 2, (6, 20)); SOCH(l, "s3", "math", 2, 8, 25);
        FO(l, "s4", "math", 2, 6, 7); SOR(l, "s4", "math", 2, (13, 20)); SOCH(l, "s4", "math", 2, 15, 25);
        FO(l, "s1", "kaz", 2, 9, 10); SOR(l, "s1", "kaz", 2, (18, 20)); SOCH(l, "s1", "kaz", 2, 22, 25);
        FO(l, "s2", "kaz", 2, 5, 6); SOR(l, "s2", "kaz", 2, (10, 20)); SOCH(l, "s2", "kaz", 2, 13, 25);
        FO(l, "s3", "kaz", 2, 7); SOR(l, "s3", "kaz", 2, (14, 20)); SOCH(l, "s3", "kaz", 2, 17, 25);
        FO(l, "s4", "kaz", 2, 8, 8); SOR(l, "s4", "kaz", 2, (13, 20)); SOCH(l, "s4", "kaz", 2, 20, 25);
        return l;
    }

    [Theory]
    [InlineData("s1", "math", 299, 4, 75, 4)]
    [InlineData("s2", "math", 551, 6, 92, 5)]
    [InlineData("s3", "math", 67, 2, 34, 2)]
    [InlineData("s4", "math", 125, 2, 63, 3)]
    [InlineData("s1", "kaz", 361, 4, 90, 5)]
    [InlineData("s2", "kaz", 209, 4, 52, 3)]
    [InlineData("s3", "kaz", 69, 1, 69, 4)]
    [InlineData("s4", "kaz", 305, 4, 76, 4)]
    public void Each_students_term_percentage_and_mark(string student, string subject, int numerator, int denominator, int percent, int mark)
    {
        var result = FourStudents().ResultOf(student, 2, subject);
        Assert.NotNull(result);
        Assert.Equal(TermOutcome.Marked, result.Outcome);
        Assert.Equal(new Fraction(numerator, denominator), result.ExactPercent);
        Assert.Equal((percent, mark), (result.Percent, result.Mark));
    }

    [Fact]
    public void Term_cells_hold_the_distribution_sums_and_per_student_rates()
    {
        var cells = FourStudents().Cells(Today);

        // math: marks 4,5,2,3; Σ 14; Σ% 75+92+34+63 = 264; succeeding = no 2 = s1,s2,s4; qualified = 4 or 5 = s1,s2.
        var math = new SummaryFigures
        {
            TermResults = 4, TermMarks2 = 1, TermMarks3 = 1, TermMarks4 = 1, TermMarks5 = 1, TermMarkSum = 14, TermPercentSum = 264,
            StudentsAssessed = 4, StudentsSucceeding = 3, StudentsQualified = 2,
            StudentsExcellent = 1 /* s2 */, StudentsWithOneThree = 1 /* s4 */, StudentsFailing = 1 /* s3 */,
        };
        // kaz: marks 5,3,4,4; Σ 16; Σ% 90+52+69+76 = 287; no 2 → 4 succeeding; 4 or 5: s1,s3,s4.
        var kaz = new SummaryFigures
        {
            TermResults = 4, TermMarks3 = 1, TermMarks4 = 2, TermMarks5 = 1, TermMarkSum = 16, TermPercentSum = 287,
            StudentsAssessed = 4, StudentsSucceeding = 4, StudentsQualified = 3,
            StudentsExcellent = 1 /* s1 */, StudentsWithOneThree = 1 /* s2 */,
        };
        // The term over all subjects: the subject sums, but students counted once each:
        // succeeding s1 {4,5}, s2 {5,3}, s4 {3,4} = 3 (s3 has a 2); qualified s1 only = 1.
        var term2 = new SummaryFigures
        {
            Students = 4, SchoolStudents = 4, Classes = 1,
            TermResults = 8, TermMarks2 = 1, TermMarks3 = 2, TermMarks4 = 3, TermMarks5 = 2, TermMarkSum = 30, TermPercentSum = 551,
            StudentsAssessed = 4, StudentsSucceeding = 3, StudentsQualified = 1,
            // Progress groups: s1 good, s2 and s4 one 3 each, s3 failing.
            StudentsWithOneThree = 2, StudentsFailing = 1,
        };

        Assert.Equal(math, cells[K(2, "math")]);
        Assert.Equal(kaz, cells[K(2, "kaz")]);
        Assert.Equal(term2, cells[K(2)]);
        // Q1 has started: headcount only (nothing assessed).
        Assert.Equal(new SummaryFigures { Students = 4, SchoolStudents = 4, Classes = 1 }, cells[K(1)]);
        // The year: annual marks from the only marked term so far equal the term-2 marks and percentages.
        Assert.Equal(math, cells[K(0, "math")]);
        Assert.Equal(kaz, cells[K(0, "kaz")]);
        Assert.Equal(term2, cells[K(0)]);
        // Q3 and Q4 start after today: no cells.
        AssertKeys(cells, K(0), K(0, "kaz"), K(0, "math"), K(1), K(2), K(2, "kaz"), K(2, "math"));
    }

    [Fact]
    public void Cells_are_the_same_when_read_twice()
    {
        var ledger = FourStudents();
        var first = ledger.Cells(Today).OrderBy(c => c.Key.Term).ThenBy(c => c.Key.SubjectId, StringComparer.Ordinal).ToList();
        var second = ledger.Cells(Today).OrderBy(c => c.Key.Term).ThenBy(c => c.Key.SubjectId, StringComparer.Ordinal).ToList();
        Assert.Equal(7, first.Count);
        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Grade_one_is_descriptive_no_term_results_at_all(bool closed)
    {
        var ledger = FourStudents(grade: 1, closed: closed ? new HashSet<int> { 2 } : Open);
        var cells = ledger.Cells(Today);

        Assert.Equal(TermOutcome.Descriptive, ledger.ResultOf("s1", 2, "math")!.Outcome);
        Assert.Equal(new SummaryFigures { Students = 4, SchoolStudents = 4, Classes = 1 }, cells[K(2)]);
        Assert.Equal(new SummaryFigures { Students = 4, SchoolStudents = 4, Classes = 1 }, cells[K(0)]);
        AssertKeys(cells, K(0), K(1), K(2));
    }

    // ---- Pending and not attested --------------------------------------------------------------------------------

    /// <summary>
    /// math Q2: s1 FO 8 (80 %) and SOR 15/20 (75 %); no СОЧ held. s2 FO 6 but missed the SOR that s1 wrote.
    /// s1: weights 25/25 → ½ each → 40 + 37.5 = 77.5 → 78 → 4. s2: pending while open, н/а once Q2 is closed.
    /// </summary>
    public static TheoryData<bool, string, SummaryFigures, SummaryFigures> PendingCases => new()
    {
        {
            false, "2026-11-27",
            new SummaryFigures
            {
                TermResults = 1, TermMarks4 = 1, TermMarkSum = 4, TermPercentSum = 78, PendingResults = 1,
                StudentsAssessed = 1, StudentsSucceeding = 1, StudentsQualified = 1,
            },
            // s2 (pending only) is not assessed.
            new SummaryFigures
            {
                Students = 2, SchoolStudents = 2, Classes = 1,
                TermResults = 1, TermMarks4 = 1, TermMarkSum = 4, TermPercentSum = 78, PendingResults = 1,
                StudentsAssessed = 1, StudentsSucceeding = 1, StudentsQualified = 1,
            }
        },
        {
            true, "2027-01-10",
            new SummaryFigures
            {
                TermResults = 1, TermMarks4 = 1, TermMarkSum = 4, TermPercentSum = 78, NotAttested = 1,
                StudentsAssessed = 2, StudentsSucceeding = 1, StudentsQualified = 1, StudentsNotAttested = 1,
            },
            // s2 (н/а) is assessed but neither succeeding nor qualified.
            new SummaryFigures
            {
                Students = 2, SchoolStudents = 2, Classes = 1,
                TermResults = 1, TermMarks4 = 1, TermMarkSum = 4, TermPercentSum = 78, NotAttested = 1,
                StudentsAssessed = 2, StudentsSucceeding = 1, StudentsQualified = 1, StudentsNotAttested = 1,
            }
        },
    };

    [Theory]
    [MemberData(nameof(PendingCases))]
    public void A_missed_section_summative_is_pending_while_open_and_not_attested_once_closed(bool closed, string today, SummaryFigures math, SummaryFigures term2)
    {
        var ledger = School(7, closed ? new HashSet<int> { 2 } : Open, E("s1"), E("s2"));
        FO(ledger, "s1", "math", 2, 8);
        SOR(ledger, "s1", "math", 2, (15, 20));
        FO(ledger, "s2", "math", 2, 6);
        // The section summative was written in this class: it is held for the class, so s2 has it pending.
        ledger.AddRecordedMarks("math", 2, MarkKind.Section, 1, 15, 20);
        var recorded = new SummaryFigures { Marks = 1, SummativeMarks = 1, SummativeScoreSum = 15, SummativeMaxSum = 20 };

        var cells = ledger.Cells(D(today));

        Assert.Equal((78, 4), (ledger.ResultOf("s1", 2, "math")!.Percent, ledger.ResultOf("s1", 2, "math")!.Mark));
        Assert.Equal(closed ? TermOutcome.NotAttested : TermOutcome.Pending, ledger.ResultOf("s2", 2, "math")!.Outcome);
        Assert.Equal(math + recorded, cells[K(2, "math")]);
        Assert.Equal(term2 + recorded, cells[K(2)]);
    }

    /// <summary>
    /// math, Q1 closed, Q2 open, FO only (no summative held): s1 Q1 7 → 70 % → 4, Q2 9 → 90 % → 5;
    /// s2 Q1 3 → 30 % → 2, Q2 6 → 60 % → 3; s3 has no marks at all.
    /// Annual: s1 (4+5)/2 = 4.5 → 5, mean % (70+90)/2 = 80; s2 (2+3)/2 = 2.5 → 3 (half-up, not banker's 2),
    /// mean % (30+60)/2 = 45; s3: н/а in Q1, left out in Q2 → annual н/а.
    /// </summary>
    [Fact]
    public void Annual_marks_and_a_student_without_marks_left_out_while_open_and_not_attested_when_closed()
    {
        var ledger = School(7, new HashSet<int> { 1 }, E("s1"), E("s2"), E("s3"));
        FO(ledger, "s1", "math", 1, 7);
        FO(ledger, "s1", "math", 2, 9);
        FO(ledger, "s2", "math", 1, 3);
        FO(ledger, "s2", "math", 2, 6);

        var cells = ledger.Cells(Today);

        Assert.Equal(TermOutcome.NotAttested, ledger.ResultOf("s3", 1, "math")!.Outcome);
        Assert.Equal(TermOutcome.NotYetAssessed, ledger.ResultOf("s3", 2, "math")!.Outcome);

        // Q1: marks 4 (s1), 2 (s2), н/а (s3): assessed 3, succeeding s1, qualified s1.
        var q1Math = new SummaryFigures
        {
            TermResults = 2, TermMarks2 = 1, TermMarks4 = 1, TermMarkSum = 6, TermPercentSum = 100, NotAttested = 1,
            StudentsAssessed = 3, StudentsSucceeding = 1, StudentsQualified = 1, StudentsFailing = 1 /* s2 */, StudentsNotAttested = 1 /* s3 */,
        };
        Assert.Equal(q1Math, cells[K(1, "math")]);
        Assert.Equal(q1Math with { Students = 3, SchoolStudents = 3, Classes = 1 }, cells[K(1)]);

        // Q2: marks 5 (s1), 3 (s2); s3 left out (not assessed, not н/а).
        var q2Math = new SummaryFigures
        {
            TermResults = 2, TermMarks3 = 1, TermMarks5 = 1, TermMarkSum = 8, TermPercentSum = 150,
            StudentsAssessed = 2, StudentsSucceeding = 2, StudentsQualified = 1, StudentsExcellent = 1 /* s1 */, StudentsWithOneThree = 1 /* s2 */,
        };
        Assert.Equal(q2Math, cells[K(2, "math")]);
        Assert.Equal(q2Math with { Students = 3, SchoolStudents = 3, Classes = 1 }, cells[K(2)]);

        // Year: annual 5 (s1, 80 %), 3 (s2, 45 %), н/а (s3): Σ marks 8, Σ % 125.
        var yearMath = new SummaryFigures
        {
            TermResults = 2, TermMarks3 = 1, TermMarks5 = 1, TermMarkSum = 8, TermPercentSum = 125, NotAttested = 1,
            StudentsAssessed = 3, StudentsSucceeding = 2, StudentsQualified = 1,
            StudentsExcellent = 1 /* s1 */, StudentsWithOneThree = 1 /* s2 */, StudentsNotAttested = 1 /* s3 */,
        };
        Assert.Equal(yearMath, cells[K(0, "math")]);
        Assert.Equal(yearMath with { Students = 3, SchoolStudents = 3, Classes = 1 }, cells[K(0)]);
    }

    [Fact]
    public void The_annual_result_is_the_rounded_mean_of_the_marked_terms()
    {
        var ledger = School(7, Open, E("s1"));
        TermResult Marked(int percent, int mark) => new(TermOutcome.Marked, Fraction.Of(percent), percent, mark, new Dictionary<ComponentKind, Fraction>());
        var notAttested = new TermResult(TermOutcome.NotAttested, null, null, null, new Dictionary<ComponentKind, Fraction>());

        // 4, 4, 5, 5 → 4.5 → 5; % (70+80+85+90)/4 = 81.25 → 81.
        var annual = ledger.Annual([Marked(70, 4), Marked(80, 4), Marked(85, 5), Marked(90, 5)]);
        Assert.Equal((TermOutcome.Marked, 81, 5), (annual!.Outcome, annual.Percent, annual.Mark));
        // Only н/а: the annual is н/а; nothing: none.
        Assert.Equal(TermOutcome.NotAttested, ledger.Annual([notAttested])!.Outcome);
        Assert.Null(ledger.Annual([]));
    }

    // ---- Where term metrics and marks count -----------------------------------------------------------------------

    /// <summary>
    /// s1 leaves the class on 2026-11-20 after a FO 9 on 11-10; s2 stays and has FO 7 on 11-12 (70 % → 4).
    /// The marks were recorded in this class, so both count in Marks (2, Σ 16 of 20). Q2's term metrics are taken
    /// on today's roster: s2 only. Q1's headcount is taken on 10-25, when s1 was still here.
    /// </summary>
    [Fact]
    public void A_student_who_left_keeps_the_marks_recorded_here_but_not_the_term_metrics()
    {
        var ledger = School(7, Open, E("s1", to: "2026-11-20"), E("s2"));
        ledger.RecordMark("s1", "math", D("2026-11-10"), MarkKind.Formative, 9, 10);
        ledger.RecordMark("s2", "math", D("2026-11-12"), MarkKind.Formative, 7, 10);

        var cells = ledger.Cells(Today);

        var recorded = new SummaryFigures { Marks = 2, FormativeMarks = 2, FormativeScoreSum = 16, FormativeMaxSum = 20 };
        var s2 = new SummaryFigures
        {
            TermResults = 1, TermMarks4 = 1, TermMarkSum = 4, TermPercentSum = 70,
            StudentsAssessed = 1, StudentsSucceeding = 1, StudentsQualified = 1,
        };
        Assert.Equal(recorded + s2, cells[K(2, "math")]);
        Assert.Equal(recorded + s2 + new SummaryFigures { Students = 1, SchoolStudents = 1, Classes = 1 }, cells[K(2)]);
        Assert.Equal(recorded + s2, cells[K(0, "math")]);
        Assert.Equal(recorded + s2 + new SummaryFigures { Students = 1, SchoolStudents = 1, Classes = 1 }, cells[K(0)]);
        Assert.Equal(new SummaryFigures { Students = 2, SchoolStudents = 2, Classes = 1 }, cells[K(1)]);
    }

    /// <summary>
    /// Marks go into the cells and into the work; a new mark after a read recomputes the term.
    /// First: s1 FO 8 (80 % → 4), s2 FO 6 (60 % → 3). Then s1 writes the СОЧ 25/25: the СОЧ is now held, so s2 is
    /// pending, and s1 = FO 80 · 25/75 + SOCH 100 · 50/75 = 80/3 + 200/3 = 280/3 = 93.33 → 93 → 5.
    /// </summary>
    [Fact]
    public void A_new_mark_after_a_read_recomputes_the_term()
    {
        var ledger = School(7, Open, E("s1"), E("s2"));
        ledger.RecordMark("s1", "math", D("2026-11-10"), MarkKind.Formative, 8, 10);
        ledger.RecordMark("s2", "math", D("2026-11-10"), MarkKind.Formative, 6, 10);
        var before = ledger.Cells(Today);
        ledger.RecordMark("s1", "math", D("2026-11-26"), MarkKind.Term, 25, 25);
        var after = ledger.Cells(Today);

        Assert.Equal(new SummaryFigures
        {
            Marks = 2, FormativeMarks = 2, FormativeScoreSum = 14, FormativeMaxSum = 20,
            TermResults = 2, TermMarks3 = 1, TermMarks4 = 1, TermMarkSum = 7, TermPercentSum = 140,
            StudentsAssessed = 2, StudentsSucceeding = 2, StudentsQualified = 1, StudentsWithOneThree = 1 /* s2 */,
        }, before[K(2, "math")]);
        Assert.Equal(new SummaryFigures
        {
            Marks = 3, FormativeMarks = 2, FormativeScoreSum = 14, FormativeMaxSum = 20, SummativeMarks = 1, SummativeScoreSum = 25, SummativeMaxSum = 25,
            TermResults = 1, TermMarks5 = 1, TermMarkSum = 5, TermPercentSum = 93, PendingResults = 1,
            StudentsAssessed = 1, StudentsSucceeding = 1, StudentsQualified = 1, StudentsExcellent = 1 /* s1 */,
        }, after[K(2, "math")]);
    }

    // ---- Attendance --------------------------------------------------------------------------------------------------

    /// <summary>
    /// One math lesson on Mon 2026-11-23 for s1, s2, s3: s1 unexcused, s2 late. Seats 3, attended 3 − 1 = 2 (late
    /// counts as attended), late 1, unexcused 1. It was s1's only lesson that day, so s1 missed a full day.
    /// </summary>
    [Fact]
    public void A_college_counts_percentages_and_gpa_not_marks()
    {
        var policy = PolicyDocuments.ToPolicy(new AssessmentPolicyDocument(new DateOnly(2020, 9, 1), 10, new ComponentWeights(25, 25, 50),
            [new PolicyBand(85, 5), new PolicyBand(65, 4), new PolicyBand(40, 3), new PolicyBand(0, 2)], []));
        var ledger = TestLedgers.Of("college", 1, new SchoolCalendar(SyntheticCalendar.For("2026-2027", "college")), [policy], Open,
            [E("c1"), E("c2"), E("c3"), E("c4")]);
        ledger.AddStudentWork("c1", "eng", 1, MarkKind.Formative, 2, 19, 20);
        ledger.AddStudentWork("c2", "eng", 1, MarkKind.Formative, 20, 149, 200);
        ledger.AddStudentWork("c3", "eng", 1, MarkKind.Formative, 2, 10, 20);
        ledger.AddStudentWork("c4", "eng", 1, MarkKind.Formative, 2, 9, 20);

        var cells = ledger.Cells(Today);

        // In the college's own figures: none of the school ones (marks 2–5, success and quality over schools) moves.
        var eng = new SummaryFigures
        {
            CollegeResults = 4, CollegePercentSum = 265, GpaHundredthsSum = 817,
            CollegeStudentsAssessed = 4, CollegeStudentsSucceeding = 3, CollegeStudentsQualified = 2,
        };
        Assert.True(ledger.IsCollege);
        Assert.Equal(75, ledger.ResultOf("c2", 1, "eng")!.Percent);
        Assert.Equal(eng, cells[K(1, "eng")]);
        Assert.Equal(eng with { Students = 4, CollegeStudents = 4, Classes = 1 }, cells[K(1)]);
        // The year so far: one semester, the annual % is its %.
        Assert.Equal(eng, cells[K(0, "eng")]);
        Assert.Equal(eng with { Students = 4, CollegeStudents = 4, Classes = 1 }, cells[K(0)]);
        AssertKeys(cells, K(0), K(0, "eng"), K(1), K(1, "eng"));
    }

    // ---- Suspected defects ------------------------------------------------------------------------------------------

    /// <summary>
    /// A policy with a zero weight passes PolicyDocuments.Validate (0/0/100). Mid-term nobody has written the СОЧ yet,
    /// so s1's only counted component weighs 0: the class's cells must still be computed, and s1 is not yet assessed
    /// (no term result, no 2, not pending) while the FO 8/10 counts in the recorded marks. Once s1 writes the СОЧ
    /// 16/25 on 11-20 it alone makes the mark: 64 % → 3, succeeding, not qualified; the year so far is that one term.
    /// </summary>
    [Fact]
    public void A_valid_zero_weight_policy_leaves_the_student_unassessed_in_the_class_cells_until_the_weighted_work()
    {
        var policy = PolicyDocuments.ToPolicy(new AssessmentPolicyDocument(new DateOnly(2020, 9, 1), 10, new ComponentWeights(0, 0, 100),
            [new PolicyBand(0, 2), new PolicyBand(40, 3), new PolicyBand(65, 4), new PolicyBand(85, 5)], [1]));
        var ledger = TestLedgers.Of("school", 7, new SchoolCalendar(SyntheticCalendar.For("2026-2027", "school")), [policy], Open, [E("s1")]);
        ledger.RecordMark("s1", "math", D("2026-11-10"), MarkKind.Formative, 8, 10);

        var cells = ledger.Cells(Today);

        // Written out whole rather than added up, so the expectation does not lean on SummaryFigures' own +.
        var fo = new SummaryFigures { Marks = 1, FormativeMarks = 1, FormativeScoreSum = 8, FormativeMaxSum = 10 };
        var foAndHeadcount = fo with { Students = 1, SchoolStudents = 1, Classes = 1 };
        var headcount = new SummaryFigures { Students = 1, SchoolStudents = 1, Classes = 1 };
        Assert.Equal(foAndHeadcount, cells[K(0)]);
        Assert.Equal(fo, cells[K(0, "math")]);
        Assert.Equal(headcount, cells[K(1)]);
        Assert.Equal(foAndHeadcount, cells[K(2)]);
        Assert.Equal(fo, cells[K(2, "math")]);
        AssertKeys(cells, K(0), K(0, "math"), K(1), K(2), K(2, "math"));
        Assert.Equal(TermOutcome.NotYetAssessed, ledger.ResultOf("s1", 2, "math")!.Outcome);

        ledger.RecordMark("s1", "math", D("2026-11-20"), MarkKind.Term, 16, 25);
        cells = ledger.Cells(Today);

        var marked = new SummaryFigures
        {
            Marks = 2, FormativeMarks = 1, FormativeScoreSum = 8, FormativeMaxSum = 10, SummativeMarks = 1, SummativeScoreSum = 16, SummativeMaxSum = 25,
            TermResults = 1, TermMarks3 = 1, TermMarkSum = 3, TermPercentSum = 64, StudentsAssessed = 1, StudentsSucceeding = 1,
            StudentsWithOneThree = 1,
        };
        Assert.Equal((64, 3), (ledger.ResultOf("s1", 2, "math")!.Percent, ledger.ResultOf("s1", 2, "math")!.Mark));
        Assert.Equal(marked with { Students = 1, SchoolStudents = 1, Classes = 1 }, cells[K(0)]);
        Assert.Equal(marked, cells[K(0, "math")]);
        Assert.Equal(headcount, cells[K(1)]);
        Assert.Equal(marked with { Students = 1, SchoolStudents = 1, Classes = 1 }, cells[K(2)]);
        Assert.Equal(marked, cells[K(2, "math")]);
        AssertKeys(cells, K(0), K(0, "math"), K(1), K(2), K(2, "math"));
    }

    /// <summary>
    /// s3 joins on 2026-11-10; Q1 (closed) was written in the old class and is read into this ledger with the rest of
    /// the student's work. s1: Q1 FO 7 → 70 % → 4, Q2 FO 8 → 80 % → 4 → annual 4, mean % 75.
    /// s3: Q1 FO 3 → 30 % → 2, Q2 FO 9 → 90 % → 5 → annual (2+5)/2 = 3.5 → 4, mean % (30+90)/2 = 60 — the annual the
    /// diary shows (ClassGrain.GetStandings: ledger.Annual over the student's results of every started term).
    /// Year cell (0, math): marks 4, 4 → Σ 8, Σ% 75+60 = 135, both qualified. (Today Cells keeps only the terms in
    /// which the student was on this class's roster at the count day, so s3's annual is 5 from Q2 alone.)
    /// </summary>
    [Fact]
    public void The_year_cell_uses_the_same_annual_mark_as_the_diary_for_a_student_who_transferred_in()
    {
        var ledger = School(7, new HashSet<int> { 1 }, E("s1"), E("s3", from: "2026-11-10"));
        FO(ledger, "s1", "math", 1, 7);
        FO(ledger, "s1", "math", 2, 8);
        FO(ledger, "s3", "math", 1, 3);
        FO(ledger, "s3", "math", 2, 9);

        var diary = ledger.Annual([ledger.ResultOf("s3", 1, "math")!, ledger.ResultOf("s3", 2, "math")!])!;
        Assert.Equal((60, 4), (diary.Percent, diary.Mark));

        Assert.Equal(new SummaryFigures
        {
            TermResults = 2, TermMarks4 = 2, TermMarkSum = 8, TermPercentSum = 135,
            StudentsAssessed = 2, StudentsSucceeding = 2, StudentsQualified = 2,
        }, ledger.Cells(Today)[K(0, "math")]);
    }

    /// <summary>
    /// s3 joins on 2026-11-15 from another class where an SOR 15/20 was written on 11-05 (read into this ledger as
    /// the student's work "wherever recorded"). This class has held no SOR: s1 and s2 only have FO marks. By the rule
    /// "a component not held for the group gives its weight to the held ones" s1's term is FO alone: 8 → 80 % → 4,
    /// and s2's 6 → 60 % → 3. (Today s3's SOR from the old class makes the SOR "held" here and leaves s1 and s2 pending.)
    /// </summary>
    [Fact]
    public void A_summative_written_in_another_class_does_not_make_it_held_for_this_group()
    {
        var ledger = School(7, Open, E("s1"), E("s2"), E("s3", from: "2026-11-15"));
        FO(ledger, "s1", "math", 2, 8);
        FO(ledger, "s2", "math", 2, 6);
        FO(ledger, "s3", "math", 2, 7);
        SOR(ledger, "s3", "math", 2, (15, 20));

        var s1 = ledger.ResultOf("s1", 2, "math")!;
        var s2 = ledger.ResultOf("s2", 2, "math")!;

        Assert.Equal((TermOutcome.Marked, 80, 4), (s1.Outcome, s1.Percent, s1.Mark));
        Assert.Equal((TermOutcome.Marked, 60, 3), (s2.Outcome, s2.Percent, s2.Mark));
    }
}
