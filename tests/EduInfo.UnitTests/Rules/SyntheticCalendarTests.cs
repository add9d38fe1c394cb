using EduInfo.Domain.Calendar;

namespace EduInfo.UnitTests.Rules;

/// <summary>
/// The calendar generated for a year with none loaded. Weekdays worked out by hand: 2026-10-25 is a Sunday,
/// 2027-01-02 a Saturday, 2027-03-21 a Sunday (22 and 23 are Nauryz too, so its day off moves to Wednesday the 24th),
/// 2027-05-01 a Saturday, 2027-05-09 a Sunday; 2028-02-29 a Tuesday; 2027-12-16 a Thursday.
/// </summary>
public sealed class SyntheticCalendarTests
{
    [Theory]
    [InlineData("2026-2027", "2026-09-01", DayStatus.SchoolDay)]  // the first day of the first quarter (a Tuesday)
    [InlineData("2026-2027", "2026-10-26", DayStatus.OutsideTerm)] // autumn break (and Republic Day moved from Sunday)
    [InlineData("2026-2027", "2026-11-30", DayStatus.SchoolDay)]  // a Monday of the second quarter
    [InlineData("2026-2027", "2026-12-16", DayStatus.DayOff)]     // Independence Day
    [InlineData("2026-2027", "2026-12-17", DayStatus.SchoolDay)]  // no longer a holiday since 2022
    [InlineData("2026-2027", "2026-12-31", DayStatus.OutsideTerm)] // winter break
    [InlineData("2026-2027", "2027-01-08", DayStatus.SchoolDay)]  // the third quarter begins
    [InlineData("2026-2027", "2027-05-03", DayStatus.DayOff)]     // Unity Day (Saturday 1 May) moved to Monday
    [InlineData("2026-2027", "2027-05-10", DayStatus.DayOff)]     // Victory Day (Sunday 9 May) moved to Monday
    [InlineData("2026-2027", "2027-05-25", DayStatus.SchoolDay)]  // the last day of the year's lessons
    [InlineData("2026-2027", "2027-07-15", DayStatus.OutsideTerm)] // summer holiday
    [InlineData("2027-2028", "2028-02-29", DayStatus.SchoolDay)]  // a leap day in the third quarter
    [InlineData("2027-2028", "2027-12-16", DayStatus.DayOff)]
    public void Schools_have_four_quarters_with_breaks_and_the_public_holidays(string year, string date, DayStatus status) =>
        Assert.Equal(status, new SchoolCalendar(SyntheticCalendar.For(year, "school")).Check(DateOnly.Parse(date), 5, 5, []));

    [Fact]
    public void A_holiday_on_a_weekend_moves_its_day_off_to_the_next_free_working_day()
    {
        var moved = SyntheticCalendar.PublicHolidays("2026-2027").Where(d => d.Reason!.Contains("moved")).Select(d => d.Day!.Value.ToString("yyyy-MM-dd"));
        Assert.Equal(["2026-10-26", "2027-01-04", "2027-03-24", "2027-05-03", "2027-05-10"], moved);
    }

    [Fact]
    public void Orthodox_Christmas_does_not_move()
    {
        // 7 January 2029 is a Sunday: a religious holiday, not moved to Monday.
        var days = SyntheticCalendar.PublicHolidays("2028-2029").Select(d => d.Day!.Value).ToList();
        Assert.Contains(new DateOnly(2029, 1, 7), days);
        Assert.DoesNotContain(new DateOnly(2029, 1, 8), days);
    }

    [Fact]
    public void A_day_off_moved_across_the_first_of_September_belongs_to_the_new_year()
    {
        // 30 August 2031 (Constitution Day) is a Saturday: Monday 1 September 2031 is off, in the year 2031-2032.
        Assert.DoesNotContain(SyntheticCalendar.PublicHolidays("2030-2031"), d => d.Day > new DateOnly(2031, 8, 31));
        Assert.Contains(SyntheticCalendar.PublicHolidays("2031-2032"), d => d.Day == new DateOnly(2031, 9, 1));
    }

    [Theory]
    [InlineData("school", 4)]
    [InlineData("college", 2)]
    [InlineData("preschool", 3)]
    [InlineData("additional", 1)]
    public void Every_kind_of_organization_gets_its_terms_and_the_calendar_is_marked_synthetic(string kind, int terms)
    {
        var calendar = SyntheticCalendar.For("2030-2031", kind);
        Assert.True(calendar.Synthetic);
        Assert.Equal(terms, calendar.Terms!.Count);
        Assert.Equal(new DateOnly(2030, 9, 1), calendar.Terms[0].Starts);
        Assert.Empty(EduInfo.Domain.Calendar.SchoolCalendar.Validate("2030-2031", calendar, null, new DateOnly(2030, 8, 1)));
    }
}
