
namespace EduInfo.Domain.Calendar;

/// <summary>
/// The calendar generated for an academic year that has none loaded, so the system (and its demo) works on any date:
/// four quarters for schools (1 Sep–25 Oct, 2 Nov–29 Dec, 8 Jan–19 Mar, 30 Mar–25 May: autumn, winter and spring
/// breaks between them), two semesters for colleges, three monitoring periods for kindergartens, one period for
/// additional education, and the public holidays of Kazakhstan's labour calendar. Marked synthetic: the Ministry's
/// own dates replace it through the API.
/// </summary>
public static class SyntheticCalendar
{
    /// <summary>Fixed-date public holidays by month and day; <c>Moves</c>: on a weekend, the next working day is off instead.</summary>
    private static readonly (int Month, int Day, string Reason, bool Moves)[] Holidays =
    [
        (10, 25, "Republic Day", true),
        (12, 16, "Independence Day", true), // a single day since 2022
        (1, 1, "New Year", true),
        (1, 2, "New Year", true),
        (1, 7, "Orthodox Christmas", false), // religious holidays do not move
        (3, 8, "International Women's Day", true),
        (3, 21, "Nauryz", true),
        (3, 22, "Nauryz", true),
        (3, 23, "Nauryz", true),
        (5, 1, "Unity Day", true),
        (5, 7, "Defender of the Fatherland Day", true),
        (5, 9, "Victory Day", true),
        (7, 6, "Capital Day", true),
        (8, 30, "Constitution Day", true),
        // Kurban Ait follows the lunar calendar; its date is declared each year, so it is data, not generated.
    ];

    public static AcademicCalendarDocument For(string academicYear, string organizationKind)
    {
        var (first, _) = AcademicCalendar.Bounds(academicYear);
        var y = first.Year;
        DateOnly D(int year, int month, int day) => new(year, month, day);
        IReadOnlyList<TermDates> terms = organizationKind switch
        {
            "school" =>
            [
                new(1, D(y, 9, 1), D(y, 10, 25)),
                new(2, D(y, 11, 2), D(y, 12, 29)),
                new(3, D(y + 1, 1, 8), D(y + 1, 3, 19)),
                new(4, D(y + 1, 3, 30), D(y + 1, 5, 25)),
            ],
            "college" => [new(1, D(y, 9, 1), D(y, 12, 29)), new(2, D(y + 1, 1, 12), D(y + 1, 6, 30))],
            "preschool" => [new(1, D(y, 9, 1), D(y, 10, 31)), new(2, D(y, 11, 1), D(y + 1, 2, 28)), new(3, D(y + 1, 3, 1), D(y + 1, 5, 31))],
            _ => [new(1, D(y, 9, 1), D(y + 1, 5, 31))],
        };
        return new AcademicCalendarDocument(terms, PublicHolidays(academicYear), Synthetic: true);
    }

    /// <summary>
    /// The public holidays from 1 September to 31 August, with the days off moved from weekends — also a day off moved
    /// into September from the year before (Constitution Day on a Saturday 30 August makes Monday 1 September a day off).
    /// </summary>
    public static IReadOnlyList<CalendarDay> PublicHolidays(string academicYear)
    {
        var (first, last) = AcademicCalendar.Bounds(academicYear);
        var holidays = Holidays
            .SelectMany(h => new[] { first.Year - 1, first.Year }.Select(start => (Day: new DateOnly(h.Month >= 9 ? start : start + 1, h.Month, h.Day), h.Reason, h.Moves)))
            .OrderBy(h => h.Day)
            .ToList();
        var off = holidays.Select(h => h.Day).ToHashSet();
        var days = holidays.Select(h => new CalendarDay(h.Day, "holiday", null, null, h.Reason)).ToList();
        foreach (var (day, reason, moves) in holidays)
        {
            if (!moves || !IsWeekend(day))
            {
                continue;
            }
            var instead = day.AddDays(1);
            while (IsWeekend(instead) || off.Contains(instead))
            {
                instead = instead.AddDays(1);
            }
            off.Add(instead);
            days.Add(new CalendarDay(instead, "holiday", null, null, $"{reason} (moved from {day:yyyy-MM-dd})"));
        }
        return days.Where(d => d.Day >= first && d.Day <= last).OrderBy(d => d.Day).ToList();
    }

    private static bool IsWeekend(DateOnly day) => day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
