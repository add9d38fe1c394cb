using EduInfo.Grains.Interfaces.Calendar;
using EduInfo.Grains.Domain;

namespace EduInfo.UnitTests.Domain;

public sealed class AcademicCalendarTests
{
    [Theory]
    [InlineData("2026-09-01", "2026-2027")]
    [InlineData("2027-08-31", "2026-2027")]
    [InlineData("2026-08-31", "2025-2026")]
    [InlineData("2027-01-15", "2026-2027")]
    public void Names_the_academic_year_of_a_date(string date, string year) => Assert.Equal(year, AcademicCalendar.YearOf(DateOnly.Parse(date)));

    [Fact]
    public void Bounds_run_from_the_first_of_September_to_the_end_of_August() =>
        Assert.Equal((new DateOnly(2026, 9, 1), new DateOnly(2027, 8, 31)), AcademicCalendar.Bounds("2026-2027"));

    [Theory]
    [InlineData("2026-11-27T18:59:59Z", "2026-11-27")] // 23:59:59 in Kazakhstan
    [InlineData("2026-11-27T19:00:00Z", "2026-11-28")] // midnight in Kazakhstan (UTC+5)
    public void Today_is_in_Kazakhstan_time(string utc, string today) =>
        Assert.Equal(DateOnly.Parse(today), AcademicCalendar.Today(new FixedClock(DateTimeOffset.Parse(utc))));
}
