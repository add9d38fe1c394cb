using EduInfo.Domain.Calendar;
using EduInfo.Domain.Journal;
using EduInfo.Grains.Interfaces.Calendar;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Tools.Demo;

namespace EduInfo.UnitTests.Rules;

/// <summary>
/// The calendar rules (DESIGN.md §2, Calendar) on the demo 2026-2027 school calendar: Q1 2026-09-01..10-25,
/// Q2 11-02..12-29, Q3 2027-01-08..03-19, Q4 03-30..05-25, public holidays as "holiday" days.
/// Weekdays worked out by hand: 2026-11-27 is a Friday (2026-11-02 is a Monday; +25 days = Friday),
/// 11-07 and 11-28 are Saturdays, 11-29 a Sunday, 10-25 a Sunday, 11-23 Mon, 11-24 Tue, 11-25 Wed, 11-26 Thu,
/// 12-01 Tue, 12-16 Wed.
/// </summary>
public sealed class SchoolCalendarTests
{
    private const string Year = "2026-2027";
    private static readonly DateOnly Today = new(2026, 11, 27);

    private static AcademicCalendarDocument Demo => SyntheticCalendar.For(Year, "school");

    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The demo calendar with a moved working Saturday and cancelled (frost) days.</summary>
    private static readonly SchoolCalendar Calendar = new(Demo with
    {
        Days =
        [
            .. Demo.Days!,
            new CalendarDay(D("2026-11-07"), "working", null, null, "moved from 2026-12-18"),
            new CalendarDay(D("2026-11-24"), "cancelled", "district-A", [1, 2, 3, 4], "frost, primary grades"),
            new CalendarDay(D("2026-11-25"), "cancelled", null, null, "storm, everywhere"),
            new CalendarDay(D("2026-11-26"), "cancelled", "district-A", [], "frost, every grade of the district"),
            new CalendarDay(D("2026-12-01"), "cancelled", "region-1", [5], "quarantine, grade 5 in the region"),
        ],
    });

    private const string PathA = "kz,region-1,district-A,school-1";
    private const string PathB = "kz,region-1,district-B,school-2";
    private const string PathC = "kz,region-2,district-C,school-3";

    [Theory]
    // A weekday in a term.
    [InlineData("2026-11-27", 5, 7, PathA, DayStatus.SchoolDay)]
    [InlineData("2026-11-27", 6, 7, PathA, DayStatus.SchoolDay)]
    [InlineData("2026-09-01", 5, 7, PathA, DayStatus.SchoolDay)]   // first day of Q1, a Tuesday
    // Saturday: off in a five-day week, a school day in a six-day week.
    [InlineData("2026-11-28", 5, 7, PathA, DayStatus.DayOff)]
    [InlineData("2026-11-28", 6, 7, PathA, DayStatus.SchoolDay)]
    // Sunday: always off.
    [InlineData("2026-11-29", 5, 7, PathA, DayStatus.DayOff)]
    [InlineData("2026-11-29", 6, 7, PathA, DayStatus.DayOff)]
    [InlineData("2026-10-25", 6, 7, PathA, DayStatus.DayOff)]     // Republic Day, a Sunday, last day of Q1
    // A public holiday on a weekday (Independence Day, Wednesday).
    [InlineData("2026-12-16", 5, 7, PathA, DayStatus.DayOff)]
    [InlineData("2026-12-16", 6, 7, PathA, DayStatus.DayOff)]
    // A moved working Saturday: a school day even in a five-day week; an ordinary Saturday is not.
    [InlineData("2026-11-07", 5, 7, PathA, DayStatus.SchoolDay)]
    [InlineData("2026-11-07", 6, 7, PathA, DayStatus.SchoolDay)]
    [InlineData("2026-11-14", 5, 7, PathA, DayStatus.DayOff)]
    // Breaks: outside every term (even a holiday in a break is first of all outside the term).
    [InlineData("2026-10-28", 5, 7, PathA, DayStatus.OutsideTerm)] // autumn break
    [InlineData("2026-10-26", 6, 7, PathA, DayStatus.OutsideTerm)] // the Monday after Q1
    [InlineData("2026-12-30", 5, 7, PathA, DayStatus.OutsideTerm)] // winter break
    [InlineData("2027-01-07", 5, 7, PathA, DayStatus.OutsideTerm)] // Orthodox Christmas, the day before Q3
    [InlineData("2027-03-22", 5, 7, PathA, DayStatus.OutsideTerm)] // Nauryz, spring break
    [InlineData("2027-05-26", 5, 7, PathA, DayStatus.OutsideTerm)] // the day after Q4
    // Cancelled in district-A for grades 1-4: the district's listed grades only.
    [InlineData("2026-11-24", 5, 3, PathA, DayStatus.Cancelled)]
    [InlineData("2026-11-24", 5, 1, PathA, DayStatus.Cancelled)]
    [InlineData("2026-11-24", 5, 4, PathA, DayStatus.Cancelled)]
    [InlineData("2026-11-24", 5, 5, PathA, DayStatus.SchoolDay)]  // another grade
    [InlineData("2026-11-24", 5, 3, PathB, DayStatus.SchoolDay)]  // another district of the same region
    [InlineData("2026-11-24", 5, 3, PathC, DayStatus.SchoolDay)]  // another region
    // Cancelled with no node and no grades: everywhere, every grade.
    [InlineData("2026-11-25", 5, 7, PathC, DayStatus.Cancelled)]
    [InlineData("2026-11-25", 6, 1, PathA, DayStatus.Cancelled)]
    [InlineData("2026-11-25", 5, 11, "", DayStatus.Cancelled)]
    // Cancelled in district-A with an empty grade list: every grade there, nowhere else.
    [InlineData("2026-11-26", 5, 11, PathA, DayStatus.Cancelled)]
    [InlineData("2026-11-26", 5, 11, PathB, DayStatus.SchoolDay)]
    // Cancelled for a region's subtree: any district under region-1, grade 5 only.
    [InlineData("2026-12-01", 5, 5, PathB, DayStatus.Cancelled)]
    [InlineData("2026-12-01", 5, 5, PathA, DayStatus.Cancelled)]
    [InlineData("2026-12-01", 5, 5, PathC, DayStatus.SchoolDay)]
    [InlineData("2026-12-01", 5, 6, PathA, DayStatus.SchoolDay)]
    public void Check_says_whether_a_class_has_lessons(string date, int schoolWeek, int grade, string classPath, DayStatus expected)
    {
        var path = classPath.Split(',', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected, Calendar.Check(D(date), schoolWeek, grade, path));
    }

    [Theory]
    [InlineData("2026-08-31", 0)] // the day before the academic year
    [InlineData("2026-09-01", 1)] // first day of Q1
    [InlineData("2026-10-25", 1)] // last day of Q1
    [InlineData("2026-10-26", 0)] // autumn break
    [InlineData("2026-11-01", 0)] // last day of the autumn break
    [InlineData("2026-11-02", 2)] // first day of Q2
    [InlineData("2026-12-29", 2)] // last day of Q2
    [InlineData("2026-12-30", 0)] // winter break
    [InlineData("2027-01-08", 3)]
    [InlineData("2027-03-19", 3)]
    [InlineData("2027-03-20", 0)] // spring break
    [InlineData("2027-03-30", 4)]
    [InlineData("2027-05-25", 4)]
    [InlineData("2027-05-26", 0)] // summer
    public void TermOf_gives_the_term_of_a_date_or_zero_between_terms(string date, int term) =>
        Assert.Equal(term, Calendar.TermOf(D(date)));

    [Fact]
    public void Dates_gives_a_terms_first_and_last_day_or_null_for_an_unknown_term()
    {
        Assert.Equal((D("2026-11-02"), D("2026-12-29")), Calendar.Dates(2));
        Assert.Equal((D("2027-03-30"), D("2027-05-25")), Calendar.Dates(4));
        Assert.Null(Calendar.Dates(5));
        Assert.Null(Calendar.Dates(0));
    }

    [Theory]
    [InlineData(DayStatus.SchoolDay, null)]
    [InlineData(DayStatus.OutsideTerm, JournalError.DateOutsideTerm)]
    [InlineData(DayStatus.DayOff, JournalError.DayOff)]
    [InlineData(DayStatus.Cancelled, JournalError.DayCancelled)]
    public void ErrorOf_maps_a_status_to_the_journal_error(DayStatus status, JournalError? error) =>
        Assert.Equal(error, SchoolCalendar.ErrorOf(status));

    // ---- Validate ----------------------------------------------------------------------------------------------

    private static TermDates T(int term, string starts, string ends) => new(term, D(starts), D(ends));

    private static AcademicCalendarDocument WithTerms(AcademicCalendarDocument document, params TermDates[] terms) => document with { Terms = terms };

    private static AcademicCalendarDocument WithTerm(int term, string starts, string ends) =>
        Demo with { Terms = Demo.Terms!.Select(t => t.Term == term ? T(term, starts, ends) : t).ToList() };

    private static AcademicCalendarDocument WithDays(AcademicCalendarDocument document, params CalendarDay[] extra) =>
        document with { Days = [.. document.Days!, .. extra] };

    private static readonly TermDates Q1 = T(1, "2026-09-01", "2026-10-25");
    private static readonly TermDates Q2 = T(2, "2026-11-02", "2026-12-29");
    private static readonly TermDates Q3 = T(3, "2027-01-08", "2027-03-19");
    private static readonly TermDates Q4 = T(4, "2027-03-30", "2027-05-25");

    /// <summary>A day before the year starts: no term has started, no day is past.</summary>
    private static readonly DateOnly BeforeTheYear = new(2026, 8, 20);

    /// <summary>
    /// The synthetic 2026-2027 calendar has 19 holidays (indices 0..18): 14 fixed dates and 5 days off moved from a
    /// weekend (Republic Day, 2 January, Nauryz's 21 March, 1 and 9 May fall on a Saturday or Sunday): an appended day is days[19].
    /// </summary>
    private const string Appended = "days[19]";

    public static TheoryData<string, AcademicCalendarDocument, AcademicCalendarDocument?, DateOnly, string[]> ValidateCases => new()
    {
        // Valid.
        { "a new calendar before the year", Demo, null, BeforeTheYear, [] },
        { "a first calendar mid-year, days from today on", Demo with { Days = Demo.Days!.Where(d => d.Day >= Today).ToList() }, null, Today, [] },
        // With no calendar before, a day dated before today still counts as a change of the past.
        // Without a calendar nothing could be recorded, so a first calendar may bring the year's past holidays.
        { "a first calendar mid-year with a past holiday", Demo, null, Today, [] },
        { "the same calendar again", Demo, Demo, Today, [] },

        // Terms numbered 1..n in order, no overlap, inside 2026-09-01..2027-08-31.
        { "no terms", Demo with { Terms = null }, null, BeforeTheYear, ["terms:Required"] },
        { "an empty term list", Demo with { Terms = [] }, null, BeforeTheYear, ["terms:Required"] },
        { "Q3 and Q4 numbered in date order the wrong way", WithTerms(Demo, Q1, Q2, Q4 with { Term = 3 }, Q3 with { Term = 4 }), null, BeforeTheYear,
            // terms[2] is numbered 3 but starts 2027-03-30 — fine by number; terms[3] numbered 4 starts 2027-01-08 ≤ 2027-05-25 → overlap.
            ["terms[3]:CalendarTermsInvalid"] },
        { "terms 1, 2, 4", WithTerms(Demo, Q1, Q2, Q3 with { Term = 4 }), null, BeforeTheYear, ["terms[2]:CalendarTermsInvalid"] },
        { "the first term numbered 2", WithTerms(Demo, Q1 with { Term = 2 }), null, BeforeTheYear, ["terms[0]:CalendarTermsInvalid"] },
        { "terms listed 2, 1", WithTerms(Demo, Q2 with { Term = 2 }, Q1 with { Term = 1 }), null, BeforeTheYear,
            ["terms[0]:CalendarTermsInvalid", "terms[1]:CalendarTermsInvalid"] },
        { "Q2 starting inside Q1", WithTerms(Demo, Q1, T(2, "2026-10-20", "2026-12-29"), Q3, Q4), null, BeforeTheYear, ["terms[1]:CalendarTermsInvalid"] },
        { "Q2 starting on Q1's last day", WithTerms(Demo, Q1, T(2, "2026-10-25", "2026-12-29"), Q3, Q4), null, BeforeTheYear, ["terms[1]:CalendarTermsInvalid"] },
        { "Q2 starting the day after Q1", WithTerms(Demo, Q1, T(2, "2026-10-26", "2026-12-29"), Q3, Q4), null, BeforeTheYear, [] },
        { "a term ending before it starts", WithTerms(Demo, T(1, "2026-10-25", "2026-09-01")), null, BeforeTheYear, ["terms[0]:CalendarTermsInvalid"] },
        { "Q1 starting in August", WithTerms(Demo, T(1, "2026-08-31", "2026-10-25"), Q2, Q3, Q4), null, BeforeTheYear, ["terms[0]:CalendarTermsInvalid"] },
        { "Q4 ending after 31 August", WithTerms(Demo, Q1, Q2, Q3, T(4, "2027-03-30", "2027-09-01")), null, BeforeTheYear, ["terms[3]:CalendarTermsInvalid"] },
        { "Q4 ending on 31 August", WithTerms(Demo, Q1, Q2, Q3, T(4, "2027-03-30", "2027-08-31")), null, BeforeTheYear, [] },
        { "a term with no start", WithTerms(Demo, new TermDates(1, null, D("2026-10-25"))), null, BeforeTheYear, ["terms[0]:CalendarTermsInvalid"] },

        // Terms already started keep their dates (today 2026-11-27: Q1 over, Q2 running, Q3/Q4 ahead).
        { "moving the start of the running Q2", WithTerm(2, "2026-11-03", "2026-12-29"), Demo, Today, ["terms[1]:CalendarTermStarted"] },
        { "moving the end of the finished Q1", WithTerm(1, "2026-09-01", "2026-10-24"), Demo, Today, ["terms[0]:CalendarTermStarted"] },
        { "moving the start of the finished Q1", WithTerm(1, "2026-09-02", "2026-10-25"), Demo, Today, ["terms[0]:CalendarTermStarted"] },
        { "moving the end of the running Q2 later", WithTerm(2, "2026-11-02", "2027-01-05"), Demo, Today, [] },
        { "moving the end of the running Q2 earlier, still after today", WithTerm(2, "2026-11-02", "2026-12-25"), Demo, Today, [] },
        { "ending the running Q2 today", WithTerm(2, "2026-11-02", "2026-11-27"), Demo, Today, [] },
        { "ending the running Q2 yesterday", WithTerm(2, "2026-11-02", "2026-11-26"), Demo, Today, ["terms[1]:CalendarTermStarted"] },
        { "moving Q3, not started", WithTerm(3, "2027-01-11", "2027-03-19"), Demo, Today, [] },
        { "dropping the started Q2", WithTerms(Demo, Q1), Demo, Today, ["terms[1]:CalendarTermStarted"] },
        { "dropping Q3 and Q4, not started", WithTerms(Demo, Q1, Q2), Demo, Today, [] },
        { "Q2 starts today and is moved", WithTerm(2, "2026-11-03", "2026-12-29"), Demo, D("2026-11-02"), ["terms[1]:CalendarTermStarted"] },
        { "Q2 starts tomorrow and is moved", WithTerm(2, "2026-11-03", "2026-12-29"), Demo, D("2026-11-01"), [] },

        // Days before today stay as they were.
        { "adding a holiday before today", WithDays(Demo, new CalendarDay(D("2026-11-20"), "holiday", null, null, null)), Demo, Today, ["days:CalendarDayPast"] },
        { "removing a past holiday", Demo with { Days = Demo.Days!.Where(d => d.Day != D("2026-10-25")).ToList() }, Demo, Today, ["days:CalendarDayPast"] },
        { "adding a frost day today", WithDays(Demo, new CalendarDay(Today, "cancelled", "district-A", [1, 2], "frost")), Demo, Today, [] },
        { "adding a holiday after today", WithDays(Demo, new CalendarDay(D("2026-12-01"), "holiday", null, null, null)), Demo, Today, [] },
        { "removing a future holiday", Demo with { Days = Demo.Days!.Where(d => d.Day != D("2026-12-16")).ToList() }, Demo, Today, [] },
        { "renaming a past holiday (the reason is not part of the day)",
            Demo with { Days = Demo.Days!.Select(d => d.Day == D("2026-10-25") ? d with { Reason = "Республика күні" } : d).ToList() }, Demo, Today, [] },
        { "listing the grades of a past frost day in another order",
            WithDays(Demo, new CalendarDay(D("2026-11-24"), "cancelled", "district-A", [3, 1, 2], null)),
            WithDays(Demo, new CalendarDay(D("2026-11-24"), "cancelled", "district-A", [1, 2, 3], null)), Today, [] },
        { "adding a grade to a past frost day",
            WithDays(Demo, new CalendarDay(D("2026-11-24"), "cancelled", "district-A", [1, 2, 3, 4], null)),
            WithDays(Demo, new CalendarDay(D("2026-11-24"), "cancelled", "district-A", [1, 2, 3], null)), Today, ["days:CalendarDayPast"] },

        // Each day: a known kind, grades 0..12, inside the year, reason ≤ 200, node ≤ 64.
        { "an unknown kind", WithDays(Demo, new CalendarDay(D("2026-12-01"), "vacation", null, null, null)), Demo, Today, [$"{Appended}:CalendarDayInvalid"] },
        { "a kind in another case", WithDays(Demo, new CalendarDay(D("2026-12-01"), "Holiday", null, null, null)), Demo, Today, [$"{Appended}:CalendarDayInvalid"] },
        { "no kind", WithDays(Demo, new CalendarDay(D("2026-12-01"), null, null, null, null)), Demo, Today, [$"{Appended}:CalendarDayInvalid"] },
        { "no date", WithDays(Demo, new CalendarDay(null, "holiday", null, null, null)), Demo, Today, [$"{Appended}:CalendarDayInvalid"] },
        { "grade 13", WithDays(Demo, new CalendarDay(D("2026-12-01"), "cancelled", null, [5, 13], null)), Demo, Today, [$"{Appended}:CalendarDayInvalid"] },
        { "grade -1", WithDays(Demo, new CalendarDay(D("2026-12-01"), "cancelled", null, [-1], null)), Demo, Today, [$"{Appended}:CalendarDayInvalid"] },
        { "grades 0 and 12", WithDays(Demo, new CalendarDay(D("2026-12-01"), "cancelled", null, [0, 12], null)), Demo, Today, [] },
        { "a day after the year", WithDays(Demo, new CalendarDay(D("2027-09-01"), "holiday", null, null, null)), Demo, Today, [$"{Appended}:CalendarDayInvalid"] },
        { "a reason of 201 characters", WithDays(Demo, new CalendarDay(D("2026-12-01"), "holiday", null, null, new string('x', 201))), Demo, Today, [$"{Appended}:CalendarDayInvalid"] },
        { "a reason of 200 characters", WithDays(Demo, new CalendarDay(D("2026-12-01"), "holiday", null, null, new string('x', 200))), Demo, Today, [] },
        { "a node id of 65 characters", WithDays(Demo, new CalendarDay(D("2026-12-01"), "cancelled", new string('n', 65), null, null)), Demo, Today, [$"{Appended}:CalendarDayInvalid"] },
        { "an unknown kind before today: invalid and past", WithDays(Demo, new CalendarDay(D("2026-11-20"), "vacation", null, null, null)), Demo, Today,
            [$"{Appended}:CalendarDayInvalid", "days:CalendarDayPast"] },
    };

    [Theory]
    [MemberData(nameof(ValidateCases))]
    public void Validate_reports_each_problem_by_field_and_code(string why, AcademicCalendarDocument proposed, AcademicCalendarDocument? current, DateOnly today, string[] expected)
    {
        var problems = SchoolCalendar.Validate(Year, proposed, current, today);
        Assert.True(expected.SequenceEqual(problems.Select(p => $"{p.Field}:{p.Error}")),
            $"{why}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", problems.Select(p => $"{p.Field}:{p.Error}"))}]");
        Assert.All(problems, p => Assert.Empty(p.Arguments));
    }
}
