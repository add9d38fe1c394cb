using EduInfo.Domain.Registry;
using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.Storage.Journal;
using EduInfo.Storage.Registry.Model;

namespace EduInfo.IntegrationTests.Journal;

/// <summary>
/// The oracle itself: <see cref="JournalRecount"/> on a small country written row by row in SQL, against figures worked
/// by hand (the arithmetic is in the comments), then the live summaries of the same journal against the recount, and a
/// negative control showing the comparison reports one corrupted figure and nothing else.
/// </summary>
/// <remarks>
/// The country, on Friday 27 November 2026 (<see cref="TestClock.Today"/>):
/// <list type="bullet">
/// <item>KZ → region R1 → district D1. School S1 (D1, five-day week) with classes A and B (grade 5); college C1 (R1) with
/// group G (grade 1); kindergarten P1 (D1) with group K.</item>
/// <item>School quarters: Q1 1 Sep – 30 Oct (closed for A; closed then reopened for B), Q2 9 Nov – 25 Dec. Holiday Mon
/// 16 Nov, working Saturday 21 Nov, frost day Tue 24 Nov for D1's grade 5. College semester 1 Sep – 10 Jan. Kindergarten
/// monitoring point 1 Sep – 30 Nov. Policies: the migration's (25/25/50; bands 0/40/65/85; grade 1 descriptive for
/// schools only).</item>
/// <item>A: s1, s2, s3; s4 until 15 Nov, then B (with s5). A is taught MAT and KAZ; B nothing (no assignments).
/// A's timetable from 9 Nov: MAT Mon 1, Wed 2; KAZ Tue 1, Sat 1.</item>
/// </list>
/// </remarks>
public sealed class JournalRecountTests : IAsyncLifetime
{
    private const string Year = "2026-2027";
    private readonly TestDatabase _db = new();
    private readonly Dictionary<string, long> _seq = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        await SeedAsync();
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task Every_figure_of_every_cell_equals_the_hand_worked_value()
    {
        var cells = await JournalRecount.ForNodeCellsAsync(_db.DataSource, ["KZ", "R1", "D1", "S1", "C1", "P1", "A", "B", "G", "K"], TestClock.Today);

        // Class A. Marks in force, Q1 MAT: s1 F8 F6 S15/20 T18/20; s2 F9; s3 F7 S59/100; s4 F4 S6/20 T6/20
        //   → 10 marks; formative 5: 8+6+9+7+4 = 34 of 50; summative 5: 15+18+59+6+6 = 104 of 20+20+100+20+20 = 180.
        // Q1 KAZ: s1 F9, s3 F6 (its F2 voided), s4 F7 (replacing F3) → 3 formative, 22 of 30.
        // Q2 MAT: s1 F8; s2 S10/20; s3 S18/20 → 1 formative 8 of 10; 2 summative 28 of 40.
        // Term marks, Q1 (closed; counted on 30 Oct: s1..s4). Held in MAT: section and term.
        //   s1 MAT: FO 14/20 = 70 %, SOR 75 %, SOCH 90 % → 0.25·70 + 0.25·75 + 0.5·90 = 81.25 → 81 → 4.
        //   s2 MAT: formative only, section and term pending → closed → н/а. s2 KAZ: nothing, KAZ taught → н/а.
        //   s3 MAT: term excused → FO 70 %, SOR 59 % at 25/25 → 64.5 → 65 (half-up; banker's would say 64 → 3) → 4.
        //   s4 MAT: 40 %, 30 %, 30 % → 10 + 7.5 + 15 = 32.5 → 33 → 2.
        //   KAZ (no summative held): s1 90 → 5; s3 60 → 3; s4 70 → 4.
        var q1Mat = Figures(marks: 10, formativeMarks: 5, formativeScoreSum: 34, formativeMaxSum: 50, summativeMarks: 5, summativeScoreSum: 104,
            summativeMaxSum: 180, termResults: 3, termMarks2: 1, termMarks4: 2, termMarkSum: 4 + 4 + 2, termPercentSum: 81 + 65 + 33, notAttested: 1,
            studentsAssessed: 4, studentsSucceeding: 2 /* s1, s3 */, studentsQualified: 2 /* s1, s3 */,
            studentsFailing: 1 /* s4 */, studentsNotAttested: 1 /* s2 */);
        var q1Kaz = Figures(marks: 3, formativeMarks: 3, formativeScoreSum: 22, formativeMaxSum: 30, termResults: 3, termMarks3: 1, termMarks4: 1,
            termMarks5: 1, termMarkSum: 5 + 3 + 4, termPercentSum: 90 + 60 + 70, notAttested: 1, studentsAssessed: 4,
            studentsSucceeding: 3 /* s1, s3, s4 */, studentsQualified: 2 /* s1, s4 */,
            studentsExcellent: 1 /* s1 */, studentsWithOneThree: 1 /* s3 */, studentsNotAttested: 1 /* s2 */);
        // Q1 over subjects: the sums, students 4 (30 Oct), and per student: s1 {4, 5} succeeds and qualifies; s2 {н/а, н/а};
        // s3 {4, 3} succeeds; s4 {2, 4} neither → assessed 4, succeeding 2, qualified 1. Progress groups: s1 good, s2 н/а,
        // s3 one 3, s4 failing.
        var q1 = Figures(students: 4, schoolStudents: 4, classes: 1, marks: 13, formativeMarks: 8, formativeScoreSum: 56, formativeMaxSum: 80, summativeMarks: 5,
            summativeScoreSum: 104, summativeMaxSum: 180, termResults: 6, termMarks2: 1, termMarks3: 1, termMarks4: 3, termMarks5: 1,
            termMarkSum: 22, termPercentSum: 399, notAttested: 2, studentsAssessed: 4, studentsSucceeding: 2, studentsQualified: 1,
            studentsWithOneThree: 1, studentsFailing: 1, studentsNotAttested: 1);
        // Q2 (open; counted today: s1, s2, s3). MAT: section held (s2, s3), no term summative.
        //   s1: FO only, section pending. s2: SOR 50 % alone → 50 → 3. s3: SOR 90 % → 5. KAZ: nobody has work, no cell.
        // Roll-calls in force (all Q2): MAT Mon 23 Nov (s1 н, s2 late), KAZ Mon 23 Nov (s1 excused), KAZ Tue 17 Nov (s1 sick;
        //   it replaced one with s2 н), MAT Wed 25 Nov (s3 excused), KAZ Wed 25 Nov (all present); 3 seats each.
        //   MAT: 2 lessons, 6 seats, absent 2 (н 1, п 1) → attended 4, late 1. KAZ: 3 lessons, 9 seats, п 1, б 1 → 7.
        //   Full days: s1 on 17 Nov (1 of 1 missed) and 23 Nov (2 of 2; s2 was only late) → 2; s3 on 25 Nov missed 1 of 2.
        // Scheduled 9–27 Nov: MAT Mondays 9, 23 (16 a holiday) and Wednesdays 11, 18, 25 → 5; KAZ Tuesdays 10, 17 (24 a
        //   frost day for grade 5 in D1) and the working Saturday 21 (Saturday 14 off) → 3.
        var q2Mat = Figures(marks: 3, formativeMarks: 1, formativeScoreSum: 8, formativeMaxSum: 10, summativeMarks: 2, summativeScoreSum: 28,
            summativeMaxSum: 40, lessonsHeld: 2, seatsHeld: 6, attended: 4, schoolSeatsHeld: 6, schoolAttended: 4, late: 1, absentUnexcused: 1, absentExcused: 1,
            lessonsScheduled: 5, timetabledLessonsHeld: 2, termResults: 2, termMarks3: 1, termMarks5: 1, termMarkSum: 8, termPercentSum: 140, pendingResults: 1,
            studentsAssessed: 2, studentsSucceeding: 2, studentsQualified: 1,
            studentsExcellent: 1 /* s3 */, studentsWithOneThree: 1 /* s2 */);
        var q2 = Figures(students: 3, schoolStudents: 3, classes: 1, marks: 3, formativeMarks: 1, formativeScoreSum: 8, formativeMaxSum: 10, summativeMarks: 2,
            summativeScoreSum: 28, summativeMaxSum: 40, lessonsHeld: 5, seatsHeld: 15, attended: 11, schoolSeatsHeld: 15, schoolAttended: 11, late: 1, absentUnexcused: 1, absentExcused: 2,
            absentSick: 1, fullDaysMissed: 2, lessonsScheduled: 8, timetabledLessonsHeld: 5, termResults: 2, termMarks3: 1, termMarks5: 1,
            termMarkSum: 8, termPercentSum: 140, pendingResults: 1, studentsAssessed: 2, studentsSucceeding: 2, studentsQualified: 1,
            studentsExcellent: 1 /* s3 */, studentsWithOneThree: 1 /* s2 */);
        // The year (today's roster s1, s2, s3): annual = rounded mean of the marked terms.
        //   MAT: s1 4 (81; Q2 pending); s2 3 (50; Q1 н/а); s3 (4 + 5) / 2 = 4.5 → 5, (65 + 90) / 2 = 77.5 → 78.
        //   KAZ: s1 5 (90); s2 н/а; s3 3 (60).
        var yearMat = Figures(marks: 13, formativeMarks: 6, formativeScoreSum: 42, formativeMaxSum: 60, summativeMarks: 7, summativeScoreSum: 132,
            summativeMaxSum: 220, lessonsHeld: 2, seatsHeld: 6, attended: 4, schoolSeatsHeld: 6, schoolAttended: 4, late: 1, absentUnexcused: 1, absentExcused: 1, lessonsScheduled: 5,
            timetabledLessonsHeld: 2, termResults: 3, termMarks3: 1, termMarks4: 1, termMarks5: 1, termMarkSum: 12, termPercentSum: 81 + 50 + 78,
            studentsAssessed: 3, studentsSucceeding: 3, studentsQualified: 2, studentsExcellent: 1 /* s3 */, studentsWithOneThree: 1 /* s2 */);
        var yearKaz = Figures(marks: 3, formativeMarks: 3, formativeScoreSum: 22, formativeMaxSum: 30, lessonsHeld: 3, seatsHeld: 9, attended: 7,
            schoolSeatsHeld: 9, schoolAttended: 7,
            absentExcused: 1, absentSick: 1, lessonsScheduled: 3, timetabledLessonsHeld: 3, termResults: 2, termMarks3: 1, termMarks5: 1,
            termMarkSum: 8, termPercentSum: 150, notAttested: 1, studentsAssessed: 3, studentsSucceeding: 2, studentsQualified: 1,
            studentsExcellent: 1 /* s1 */, studentsWithOneThree: 1 /* s3 */, studentsNotAttested: 1 /* s2 */);
        // Over subjects: s1 {4, 5} succeeds, qualifies (good); s2 {3, н/а} neither (н/а); s3 {5, 3} succeeds (one 3).
        var yearA = Figures(students: 3, schoolStudents: 3, classes: 1, marks: 16, formativeMarks: 9, formativeScoreSum: 64, formativeMaxSum: 90, summativeMarks: 7,
            summativeScoreSum: 132, summativeMaxSum: 220, lessonsHeld: 5, seatsHeld: 15, attended: 11, schoolSeatsHeld: 15, schoolAttended: 11, late: 1, absentUnexcused: 1, absentExcused: 2,
            absentSick: 1, fullDaysMissed: 2, lessonsScheduled: 8, timetabledLessonsHeld: 5, termResults: 5, termMarks3: 2, termMarks4: 1,
            termMarks5: 2, termMarkSum: 20, termPercentSum: 359, notAttested: 1, studentsAssessed: 3, studentsSucceeding: 2, studentsQualified: 1,
            studentsWithOneThree: 1, studentsNotAttested: 1);
        AssertCells(cells["A"], new()
        {
            [(0, "")] = yearA, [(0, "MAT")] = yearMat, [(0, "KAZ")] = yearKaz,
            [(1, "")] = q1, [(1, "MAT")] = q1Mat, [(1, "KAZ")] = q1Kaz,
            [(2, "")] = q2, [(2, "MAT")] = q2Mat, [(2, "KAZ")] = Figures(lessonsHeld: 3, seatsHeld: 9, attended: 7, schoolSeatsHeld: 9, schoolAttended: 7, absentExcused: 1, absentSick: 1,
                lessonsScheduled: 3, timetabledLessonsHeld: 3),
        }, "A");

        // Class B records nothing and is taught nothing: its students' term metrics come from the marks s4 brought.
        // Q1 counts on 30 Oct (s5 only: no work, not taught → nothing); Q2 today (s4, s5; nothing in Q2).
        // Year (s4, s5): s4 MAT 2 (33), KAZ 4 (70); over subjects s4 {2, 4}: assessed, neither succeeding nor qualified.
        AssertCells(cells["B"], new()
        {
            [(0, "")] = Figures(students: 2, schoolStudents: 2, classes: 1, termResults: 2, termMarks2: 1, termMarks4: 1, termMarkSum: 6, termPercentSum: 103,
                studentsAssessed: 1, studentsFailing: 1),
            [(0, "MAT")] = Figures(termResults: 1, termMarks2: 1, termMarkSum: 2, termPercentSum: 33, studentsAssessed: 1, studentsFailing: 1),
            [(0, "KAZ")] = Figures(termResults: 1, termMarks4: 1, termMarkSum: 4, termPercentSum: 70, studentsAssessed: 1, studentsSucceeding: 1,
                studentsQualified: 1),
            [(1, "")] = Figures(students: 1, schoolStudents: 1, classes: 1),
            [(2, "")] = Figures(students: 2, schoolStudents: 2, classes: 1),
        }, "B");

        // College group G, semester 1 (no section held): c1 FO 100 %, SOCH 95 % → (25·100 + 50·95) / 75 = 96.67 → 97 → A,
        // 4.00; c2 70 %, 65 % → (1750 + 3250) / 75 = 66.67 → 67 → C, 2.00. Success ≥ 50 %: both; quality ≥ 75 %: c1.
        // A college's results count in its own figures, none in the school ones.
        var college = Figures(marks: 4, formativeMarks: 2, formativeScoreSum: 17, formativeMaxSum: 20, summativeMarks: 2, summativeScoreSum: 32,
            summativeMaxSum: 40, collegeResults: 2, collegePercentSum: 97 + 67, gpaHundredthsSum: 400 + 200, collegeStudentsAssessed: 2,
            collegeStudentsSucceeding: 2, collegeStudentsQualified: 1);
        AssertCells(cells["G"], new()
        {
            [(0, "")] = college, [(0, "MAT")] = college, [(1, "")] = college, [(1, "MAT")] = college,
        }, "G", Figures(students: 2, collegeStudents: 2, classes: 1));

        // Kindergarten group K, monitoring point 1: k1 HEALTH III, COMM II; k2 HEALTH I, COMM III (no policy, no term marks).
        var levels = Figures(marks: 4, developmentLevel1: 1, developmentLevel2: 1, developmentLevel3: 2);
        AssertCells(cells["K"], new()
        {
            [(0, "")] = levels, [(1, "")] = levels,
            [(0, "HEALTH")] = Figures(marks: 2, developmentLevel1: 1, developmentLevel3: 1), [(1, "HEALTH")] = Figures(marks: 2, developmentLevel1: 1, developmentLevel3: 1),
            [(0, "COMM")] = Figures(marks: 2, developmentLevel2: 1, developmentLevel3: 1), [(1, "COMM")] = Figures(marks: 2, developmentLevel2: 1, developmentLevel3: 1),
        }, "K", Figures(students: 2, preschoolChildren: 2, classes: 1));

        // Organizations count once in the year and in each term their classes have started: S1 in Q1 and Q2, P1 and C1 in
        // their first terms. D1 = S1 + P1; R1 = D1 + C1; KZ = R1.
        Assert.Equal(Add(Add(yearA, cells["B"][(0, "")]), Figures(organizations: 1)), Complete(cells["S1"][(0, "")]));
        Assert.Equal(1, cells["S1"][(2, "")]["organizations"]);
        Assert.Equal(2, cells["D1"][(1, "")]["organizations"]);
        Assert.Equal(1, cells["D1"][(2, "")]["organizations"]);
        Assert.Equal(3, cells["R1"][(1, "")]["organizations"]);
        var r1 = Add(Add(Complete(cells["S1"][(0, "")]), Complete(cells["P1"][(0, "")])), Complete(cells["C1"][(0, "")]));
        Assert.Equal(Add(Add(Add(Add(yearA, cells["B"][(0, "")]), levels), college), Figures(students: 4, collegeStudents: 2, preschoolChildren: 2, classes: 2, organizations: 3)), r1);
        Assert.Equal(r1, Complete(cells["R1"][(0, "")]));
        Assert.Equal(cells["R1"].Keys.Order().ToList(), cells["KZ"].Keys.Order().ToList());
        foreach (var (key, cell) in cells["R1"])
        {
            Assert.Equal(Complete(cell), Complete(cells["KZ"][key]));
        }
    }

    [Fact]
    public async Task A_class_grain_s_records_hold_one_string_per_repeated_id()
    {
        // Issue 26.3: a class grain keeps its timetable and assignments; their rows repeat the class, its subjects and
        // teachers, and each repeat read as its own string was kept for the grain's life.
        var slots = await new EduInfo.Storage.Assessment.TimetableStore(_db.DataSource).ReadAsync("A");
        var cls = await new EduInfo.Storage.Registry.RegistryStore(_db.DataSource, new EduInfo.Domain.Calendar.KazakhstanClock(TestClock.Fake()))
            .FindClassAsync("A");

        Assert.Equal(4, slots.Count);
        Assert.All(slots, s => Assert.Same(slots[0].GroupId, s.GroupId));
        var maths = slots.Where(s => s.SubjectId == "MAT").ToList();
        Assert.Equal(2, maths.Count);
        Assert.Same(maths[0].SubjectId, maths[1].SubjectId);
        Assert.NotNull(cls);
        Assert.Equal(2, cls.Assignments.Count);
        Assert.Same(cls.Assignments[0].TeacherId, cls.Assignments[1].TeacherId);
        Assert.Same(cls.ClassId, cls.Assignments[0].GroupId);
        Assert.Same(cls.ClassId, cls.Assignments[1].GroupId);
    }

    [Fact]
    public async Task The_live_summaries_of_the_hand_built_journal_equal_the_recount_and_the_comparison_reports_one_corrupted_figure()
    {
        await using var api = ApiHost.OnExistingDatabase(_db, new DemoRegistry { Data = new RegistryData() }, "recount-" + _db.Name);
        await api.InitializeAsync();
        var nodes = new[] { "KZ", "R1", "D1", "S1", "C1", "P1", "A", "B", "G", "K" };
        await Convergence.RepublicCoversTheJournalAsync(api.Http, _db, TimeSpan.FromSeconds(60));

        var expected = await JournalRecount.ForNodeCellsAsync(_db.DataSource, nodes, TestClock.Today);
        var actual = await RecountComparison.ReadCellsAsync(api.Http, expected);
        RecountComparison.AssertNone(RecountComparison.Compare(expected, actual), "hand-built journal");

        // Negative control: one figure of one cell, off by one, is reported — exactly it and nothing else.
        var cell = new Dictionary<string, long>(actual["A"][(1, "MAT")]) { ["termMarks4"] = actual["A"][(1, "MAT")]["termMarks4"] + 1 };
        actual["A"][(1, "MAT")] = cell;
        Assert.Equal(["A/term 1/MAT/termMarks4: expected 2, actual 3"], RecountComparison.Compare(expected, actual));
    }

    private static void AssertCells(IReadOnlyDictionary<(int Term, string SubjectId), IReadOnlyDictionary<string, long>> actual,
        Dictionary<(int, string), IReadOnlyDictionary<string, long>> expected, string node, IReadOnlyDictionary<string, long>? headcount = null)
    {
        foreach (var (key, figures) in expected)
        {
            var want = headcount is not null && key.Item2 == "" ? Add(figures, headcount) : Complete(figures);
            Assert.True(actual.ContainsKey(key), $"{node} {key}: no cell");
            var got = Complete(actual[key]);
            var differences = JournalRecount.Fields.Where(f => want[f] != got[f]).Select(f => $"{f}: hand {want[f]}, recount {got[f]}").ToList();
            Assert.True(differences.Count == 0, $"{node} {key}: {string.Join("; ", differences)}");
        }
        // No cell beyond those worked out (a cell of only zeros is not returned).
        Assert.Equal(expected.Keys.Order().ToList(), actual.Keys.Order().ToList());
    }

    private static IReadOnlyDictionary<string, long> Complete(IReadOnlyDictionary<string, long> cell) => JournalRecount.Complete(cell);

    private static IReadOnlyDictionary<string, long> Add(IReadOnlyDictionary<string, long> a, IReadOnlyDictionary<string, long> b) =>
        JournalRecount.Fields.ToDictionary(f => f, f => a.GetValueOrDefault(f) + b.GetValueOrDefault(f), StringComparer.Ordinal);

    private static IReadOnlyDictionary<string, long> Figures(long students = 0, long classes = 0, long organizations = 0, long marks = 0,
        long formativeMarks = 0, long formativeScoreSum = 0, long formativeMaxSum = 0, long summativeMarks = 0, long summativeScoreSum = 0,
        long summativeMaxSum = 0, long lessonsHeld = 0, long seatsHeld = 0, long attended = 0, long late = 0, long absentUnexcused = 0,
        long absentExcused = 0, long absentSick = 0, long termMarks2 = 0, long termMarks3 = 0, long termMarks4 = 0, long termMarks5 = 0,
        long termMarkSum = 0, long termPercentSum = 0, long termResults = 0, long notAttested = 0, long pendingResults = 0,
        long studentsAssessed = 0, long studentsSucceeding = 0, long studentsQualified = 0, long fullDaysMissed = 0, long lessonsScheduled = 0,
        long gpaHundredthsSum = 0, long timetabledLessonsHeld = 0, long developmentLevel1 = 0, long developmentLevel2 = 0, long developmentLevel3 = 0,
        long schoolStudents = 0, long collegeStudents = 0, long preschoolChildren = 0, long schoolSeatsHeld = 0, long schoolAttended = 0,
        long collegeSeatsHeld = 0, long collegeAttended = 0, long preschoolSeatsHeld = 0, long preschoolAttended = 0, long collegeResults = 0,
        long collegePercentSum = 0, long collegeNotAttested = 0, long collegeStudentsAssessed = 0, long collegeStudentsSucceeding = 0,
        long collegeStudentsQualified = 0, long studentsExcellent = 0, long studentsWithOneThree = 0, long studentsFailing = 0, long studentsNotAttested = 0)
    {
        long[] values =
        [
            students, classes, organizations, marks, formativeMarks, formativeScoreSum, formativeMaxSum, summativeMarks, summativeScoreSum,
            summativeMaxSum, lessonsHeld, seatsHeld, attended, late, absentUnexcused, absentExcused, absentSick, termMarks2, termMarks3,
            termMarks4, termMarks5, termMarkSum, termPercentSum, termResults, notAttested, pendingResults, studentsAssessed,
            studentsSucceeding, studentsQualified, fullDaysMissed, lessonsScheduled, gpaHundredthsSum, timetabledLessonsHeld,
            developmentLevel1, developmentLevel2, developmentLevel3, schoolStudents, collegeStudents, preschoolChildren, schoolSeatsHeld,
            schoolAttended, collegeSeatsHeld, collegeAttended, preschoolSeatsHeld, preschoolAttended, collegeResults, collegePercentSum,
            collegeNotAttested, collegeStudentsAssessed, collegeStudentsSucceeding, collegeStudentsQualified,
            studentsExcellent, studentsWithOneThree, studentsFailing, studentsNotAttested,
        ];
        return JournalRecount.Fields.Select((f, i) => (f, values[i])).ToDictionary(x => x.f, x => x.Item2, StringComparer.Ordinal);
    }

    /// <summary>The country of the remarks, row by row.</summary>
    private async Task SeedAsync()
    {
        await _db.ExecuteAsync($$"""
            INSERT INTO nodes (id, parent_id, kind, name_kk, name_ru, name_en, path) VALUES
                ('KZ', NULL, 'republic', 'KZ', 'KZ', 'KZ', '{KZ}'),
                ('R1', 'KZ', 'region', 'R1', 'R1', 'R1', '{KZ,R1}'),
                ('D1', 'R1', 'district', 'D1', 'D1', 'D1', '{KZ,R1,D1}');
            INSERT INTO organizations (id, node_id, kind, name_kk, name_ru, name_en, languages, is_rural, path) VALUES
                ('S1', 'D1', 'school', 'S1', 'S1', 'S1', '{kk}', false, '{KZ,R1,D1,S1}'),
                ('C1', 'R1', 'college', 'C1', 'C1', 'C1', '{kk}', false, '{KZ,R1,C1}'),
                ('P1', 'D1', 'preschool', 'P1', 'P1', 'P1', '{kk}', false, '{KZ,R1,D1,P1}');
            INSERT INTO subjects (id, name_kk, name_ru, name_en) VALUES
                ('MAT', 'MAT', 'MAT', 'MAT'), ('KAZ', 'KAZ', 'KAZ', 'KAZ'), ('HEALTH', 'HEALTH', 'HEALTH', 'HEALTH'), ('COMM', 'COMM', 'COMM', 'COMM');
            INSERT INTO classes (id, organization_id, academic_year, grade, letter, language, path) VALUES
                ('A', 'S1', '{{Year}}', 5, 'A', 'kk', '{KZ,R1,D1,S1,A}'),
                ('B', 'S1', '{{Year}}', 5, 'B', 'kk', '{KZ,R1,D1,S1,B}'),
                ('G', 'C1', '{{Year}}', 1, 'G', 'kk', '{KZ,R1,C1,G}'),
                ('K', 'P1', '{{Year}}', 0, 'K', 'kk', '{KZ,R1,D1,P1,K}');
            INSERT INTO teaching_groups (id, class_id, kind) VALUES ('A', 'A', 'class'), ('B', 'B', 'class'), ('G', 'G', 'class'), ('K', 'K', 'class');
            INSERT INTO academic_terms (academic_year, org_kind, term, starts_on, ends_on) VALUES
                ('{{Year}}', 'school', 1, '2026-09-01', '2026-10-30'), ('{{Year}}', 'school', 2, '2026-11-09', '2026-12-25'),
                ('{{Year}}', 'school', 3, '2027-01-11', '2027-03-19'), ('{{Year}}', 'school', 4, '2027-03-30', '2027-05-25'),
                ('{{Year}}', 'college', 1, '2026-09-01', '2027-01-10'), ('{{Year}}', 'college', 2, '2027-01-11', '2027-06-30'),
                ('{{Year}}', 'preschool', 1, '2026-09-01', '2026-11-30'), ('{{Year}}', 'preschool', 2, '2026-12-01', '2027-05-31');
            INSERT INTO calendar_days (academic_year, org_kind, day, kind, node_id, grades) VALUES
                ('{{Year}}', 'school', '2026-11-16', 'holiday', NULL, NULL),
                ('{{Year}}', 'school', '2026-11-21', 'working', NULL, NULL),
                ('{{Year}}', 'school', '2026-11-24', 'cancelled', 'D1', '{5}');
            INSERT INTO timetable_slots (class_id, group_id, subject_id, weekday, period, valid_from) VALUES
                ('A', 'A', 'MAT', 1, 1, '2026-11-09'), ('A', 'A', 'MAT', 3, 2, '2026-11-09'),
                ('A', 'A', 'KAZ', 2, 1, '2026-11-09'), ('A', 'A', 'KAZ', 6, 1, '2026-11-09');
            """);
        string[] people = ["s1", "s2", "s3", "s4", "s5", "c1", "c2", "k1", "k2", "T1"];
        for (var i = 0; i < people.Length; i++)
        {
            var table = people[i] == "T1" ? "teachers" : "students";
            var iin = Iin(i + 1);
            await _db.ExecuteAsync(table == "teachers"
                ? "INSERT INTO teachers (id, iin, last_name, first_name, organization_id) VALUES (@id, @iin, 'T', 'T', 'S1')"
                : "INSERT INTO students (id, iin, last_name, first_name, birth_date) VALUES (@id, @iin, 'S', 'S', '2014-01-01')",
                ("id", people[i]), ("iin", iin));
        }
        await _db.ExecuteAsync("""
            INSERT INTO enrolments (student_id, class_id, from_date, to_date) VALUES
                ('s1', 'A', '2026-09-01', NULL), ('s2', 'A', '2026-09-01', NULL), ('s3', 'A', '2026-09-01', NULL),
                ('s4', 'A', '2026-09-01', '2026-11-15'), ('s4', 'B', '2026-11-16', NULL), ('s5', 'B', '2026-09-01', NULL),
                ('c1', 'G', '2026-09-01', NULL), ('c2', 'G', '2026-09-01', NULL), ('k1', 'K', '2026-09-01', NULL), ('k2', 'K', '2026-09-01', NULL);
            INSERT INTO assignments (teacher_id, group_id, subject_id, from_date) VALUES
                ('T1', 'A', 'MAT', '2026-09-01'), ('T1', 'A', 'KAZ', '2026-09-01'), ('T1', 'G', 'MAT', '2026-09-01');
            INSERT INTO term_events (class_id, academic_year, term, action, actor_id) VALUES
                ('A', '2026-2027', 1, 'close', 'head'), ('B', '2026-2027', 1, 'close', 'head'), ('B', '2026-2027', 1, 'reopen', 'head');
            """);

        // Q1, class A.
        await MarkAsync("A", "s1", "MAT", "2026-09-10", "formative", 8);
        await MarkAsync("A", "s1", "MAT", "2026-09-11", "formative", 6);
        await MarkAsync("A", "s1", "MAT", "2026-10-01", "section", 15, 20);
        await MarkAsync("A", "s1", "MAT", "2026-10-28", "term", 18, 20);
        await MarkAsync("A", "s2", "MAT", "2026-09-10", "formative", 9);
        await MarkAsync("A", "s3", "MAT", "2026-09-10", "formative", 7);
        await MarkAsync("A", "s3", "MAT", "2026-10-01", "section", 59, 100);
        await RowAsync("A", "excusal", "MAT", "2026-10-28", student: "s3", kind: "term", reason: "ill on the day");
        await MarkAsync("A", "s4", "MAT", "2026-09-10", "formative", 4);
        await MarkAsync("A", "s4", "MAT", "2026-10-01", "section", 6, 20);
        await MarkAsync("A", "s4", "MAT", "2026-10-28", "term", 6, 20);
        await MarkAsync("A", "s1", "KAZ", "2026-09-15", "formative", 9);
        await MarkAsync("A", "s3", "KAZ", "2026-09-15", "formative", 6);
        var wrong = await MarkAsync("A", "s3", "KAZ", "2026-09-16", "formative", 2);
        await RowAsync("A", "void", "KAZ", "2026-09-16", student: "s3", supersedes: wrong, reason: "wrong student");
        var typo = await MarkAsync("A", "s4", "KAZ", "2026-09-15", "formative", 3);
        await MarkAsync("A", "s4", "KAZ", "2026-09-15", "formative", 7, supersedes: typo);
        // Q2, class A.
        await MarkAsync("A", "s1", "MAT", "2026-11-11", "formative", 8);
        await MarkAsync("A", "s2", "MAT", "2026-11-18", "section", 10, 20);
        await MarkAsync("A", "s3", "MAT", "2026-11-18", "section", 18, 20);
        string[] roster = ["s1", "s2", "s3"];
        await LessonAsync("A", "MAT", "2026-11-23", 1, roster, ("s1", "unexcused"), ("s2", "late"));
        await LessonAsync("A", "KAZ", "2026-11-23", 2, roster, ("s1", "excused"));
        var first = await LessonAsync("A", "KAZ", "2026-11-17", 1, roster, ("s2", "unexcused"));
        await LessonAsync("A", "KAZ", "2026-11-17", 1, roster, supersedes: first, absentees: [("s1", "sick")]);
        await LessonAsync("A", "MAT", "2026-11-25", 2, roster, ("s3", "excused"));
        await LessonAsync("A", "KAZ", "2026-11-25", 3, roster);
        // College group G, semester 1.
        await MarkAsync("G", "c1", "MAT", "2026-09-20", "formative", 10);
        await MarkAsync("G", "c1", "MAT", "2026-11-20", "term", 19, 20);
        await MarkAsync("G", "c2", "MAT", "2026-09-20", "formative", 7);
        await MarkAsync("G", "c2", "MAT", "2026-11-20", "term", 13, 20);
        // Kindergarten group K, monitoring point 1.
        await MarkAsync("K", "k1", "HEALTH", "2026-09-15", "development", 3, 3);
        await MarkAsync("K", "k1", "COMM", "2026-09-15", "development", 2, 3);
        await MarkAsync("K", "k2", "HEALTH", "2026-09-15", "development", 1, 3);
        await MarkAsync("K", "k2", "COMM", "2026-09-15", "development", 3, 3);
        // Each class's version: the highest number that moved it, as the write path keeps it.
        await _db.ExecuteAsync("""
            INSERT INTO class_watermarks (class_id, seq)
            SELECT c.id, greatest((SELECT max(seq) FROM journal j WHERE j.class_id = c.id), (SELECT max(seq) FROM enrolments e WHERE e.class_id = c.id),
                                  (SELECT max(seq) FROM term_events t WHERE t.class_id = c.id))
            FROM classes c
            """);
    }

    private static readonly Dictionary<string, string> Organization = new() { ["A"] = "S1", ["B"] = "S1", ["G"] = "C1", ["K"] = "P1" };

    private Task<long> MarkAsync(string classId, string student, string subject, string date, string kind, int score, int max = 10, long? supersedes = null) =>
        RowAsync(classId, "mark", subject, date, student: student, kind: kind, score: score, max: max, supersedes: supersedes,
            reason: supersedes is null ? null : "typo");

    private Task<long> LessonAsync(string classId, string subject, string date, int period, string[] roster, params (string Student, string Code)[] absentees) =>
        LessonAsync(classId, subject, date, period, roster, null, absentees);

    private Task<long> LessonAsync(string classId, string subject, string date, int period, string[] roster, long? supersedes, (string Student, string Code)[] absentees) =>
        RowAsync(classId, "lesson", subject, date, period: period, roster: roster, absentees: absentees, supersedes: supersedes,
            reason: supersedes is null ? null : "roll-call corrected");

    private async Task<long> RowAsync(string classId, string entryKind, string subject, string date, string? student = null, string? kind = null,
        int? score = null, int? max = null, int? period = null, string[]? roster = null, (string Student, string Code)[]? absentees = null,
        long? supersedes = null, string? reason = null)
    {
        await using var command = _db.DataSource.CreateCommand("""
            INSERT INTO journal (academic_year, entry_id, entry_kind, class_id, group_id, organization_id, subject_id, lesson_date, period,
                                 student_id, mark_kind, score, max_score, roster, absent_ids, absent_codes, supersedes, reason, author_id, payload_hash)
            VALUES (@y, gen_random_uuid(), @entry, @c, @c, @o, @subject, @date::date, @period, @student, @kind, @score, @max, @roster, @ids, @codes,
                    @supersedes, @reason, 'T1', '\x00')
            RETURNING seq
            """);
        command.Parameters.AddWithValue("y", Year);
        command.Parameters.AddWithValue("entry", entryKind);
        command.Parameters.AddWithValue("c", classId);
        command.Parameters.AddWithValue("o", Organization[classId]);
        command.Parameters.AddWithValue("subject", subject);
        command.Parameters.AddWithValue("date", date);
        command.Parameters.Add(new Npgsql.NpgsqlParameter<short?>("period", (short?)period));
        command.Parameters.Add(new Npgsql.NpgsqlParameter<string?>("student", student));
        command.Parameters.Add(new Npgsql.NpgsqlParameter<string?>("kind", kind));
        command.Parameters.Add(new Npgsql.NpgsqlParameter<short?>("score", (short?)score));
        command.Parameters.Add(new Npgsql.NpgsqlParameter<short?>("max", (short?)max));
        command.Parameters.Add(new Npgsql.NpgsqlParameter<string[]?>("roster", roster));
        command.Parameters.Add(new Npgsql.NpgsqlParameter<string[]?>("ids", roster is null ? null : (absentees ?? []).Select(a => a.Student).ToArray()));
        command.Parameters.Add(new Npgsql.NpgsqlParameter<string[]?>("codes", roster is null ? null : (absentees ?? []).Select(a => a.Code).ToArray()));
        command.Parameters.Add(new Npgsql.NpgsqlParameter<long?>("supersedes", supersedes));
        command.Parameters.Add(new Npgsql.NpgsqlParameter<string?>("reason", reason));
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A valid IIN (DESIGN.md §2: Σ dᵢ·i mod 11, then weights 3..11, 1, 2) of a person born 1 January 2014, serial n.</summary>
    private static string Iin(int n)
    {
        for (var serial = n * 10; ; serial++)
        {
            var digits = $"1401015{serial:D4}".Select(c => c - '0').ToArray();
            var check = digits.Select((d, i) => d * (i + 1)).Sum() % 11;
            if (check == 10)
            {
                check = digits.Select((d, i) => d * ((i + 2) % 11 + 1)).Sum() % 11;
            }
            if (check < 10)
            {
                return $"1401015{serial:D4}{check}";
            }
        }
    }
}
