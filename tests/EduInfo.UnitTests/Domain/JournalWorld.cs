using EduInfo.Domain.Assessment;
using EduInfo.Domain.Calendar;
using EduInfo.Domain.Journal;
using EduInfo.Domain.Registry;

namespace EduInfo.UnitTests.Domain;

/// <summary>
/// One class the correction, excusal and term-close validators are tested on: 7A (C1) of school O1 in district D1,
/// quarters of 2026-2027, "today" 27 November (term 2 runs, term 1 is closed). The policy of term 2 marks formative
/// work on 20 points (term 1's on 10).
/// </summary>
internal static class JournalWorld
{
    public static readonly DateOnly Today = new(2026, 11, 27);

    public static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    public static readonly AcademicCalendarDocument Quarters = new(
        [new TermDates(1, D("2026-09-01"), D("2026-10-25")), new TermDates(2, D("2026-11-02"), D("2026-12-29")),
         new TermDates(3, D("2027-01-08"), D("2027-03-19")), new TermDates(4, D("2027-03-30"), D("2027-05-25"))],
        [new CalendarDay(D("2026-11-16"), "holiday", null, null, "Holiday"),
         new CalendarDay(D("2026-11-17"), "cancelled", "D1", [7], "Frost"),
         new CalendarDay(D("2026-11-18"), "cancelled", "D2", null, "Frost elsewhere"),
         new CalendarDay(D("2026-11-21"), "working", null, null, "A Saturday moved")]);

    public static readonly IReadOnlyList<AssessmentPolicy> Policies =
        [new AssessmentPolicy(), new AssessmentPolicy { EffectiveFrom = D("2026-11-01"), FormativeScale = 20 }];

    // S2 left on 31 October. T1 teaches mathematics to the class and physics to subgroup G1; T2 taught Kazakh until
    // 15 November, then T3 took over.
    public static readonly ClassRecord Class = new("C1", "O1", "2026-2027", 7,
        [new Enrolment("S1", D("2026-09-01"), null), new Enrolment("S2", D("2026-09-01"), D("2026-10-31"))],
        [new Assignment("T1", "C1", "MAT", D("2026-09-01"), null),
         new Assignment("T2", "C1", "KAZ", D("2026-09-01"), D("2026-11-15")),
         new Assignment("T3", "C1", "KAZ", D("2026-11-16"), null),
         new Assignment("T1", "G1", "PHY", D("2026-09-01"), null)],
        Path: ["KZ", "R1", "D1", "O1"]);

    public static ClassRules RulesOf(IReadOnlySet<int>? closed = null, AcademicCalendarDocument? calendar = null, bool noCalendar = false) =>
        new(Class, noCalendar ? null : new SchoolCalendar(calendar ?? Quarters), Policies, closed ?? new HashSet<int> { 1 });

    public static readonly JournalLimits Limits = new();

    public static readonly JournalWriter Teacher = new("T1", []);
    public static readonly JournalWriter Head = new("H1", ["O1"]);
    public static readonly JournalWriter DistrictHead = new("H2", ["D1"]);
    public static readonly JournalWriter OtherHead = new("H3", ["O2"]);
    public static readonly JournalWriter NoPerson = new(null, []);

    public static JournalWriter TeacherNamed(string personId) => new(personId, []);

    public static string Describe(IEnumerable<EntryProblem> problems) => string.Join(", ", problems.Select(p => $"{p.Field}:{p.Error}"));

    public static void AssertProblems(string why, string[] expected, IReadOnlyList<EntryProblem> actual) =>
        Assert.True(expected.SequenceEqual(actual.Select(p => $"{p.Field}:{p.Error}")),
            $"{why}: expected [{string.Join(", ", expected)}], got [{Describe(actual)}]");
}
