using EduInfo.Domain.Calendar;
using EduInfo.Grains.Interfaces.Calendar;
using Microsoft.Extensions.Time.Testing;

namespace EduInfo.UnitTests.Domain;

public sealed class AcademicCalendarTests
{
    [Theory]
    [InlineData("2026-09-01", "2026-2027")]
    [InlineData("2027-08-31", "2026-2027")]
    [InlineData("2026-08-31", "2025-2026")]
    [InlineData("2027-01-15", "2026-2027")]
    [InlineData("2028-02-29", "2027-2028")]
    public void Names_the_academic_year_of_a_date(string date, string year) => Assert.Equal(year, AcademicCalendar.YearOf(DateOnly.Parse(date)));

    [Theory]
    [InlineData("2026-2027", "2027-2028")]
    [InlineData("2099-2100", "2100-2101")]
    public void The_next_year_follows(string year, string next) => Assert.Equal(next, AcademicCalendar.Next(year));

    [Fact]
    public void Bounds_run_from_the_first_of_September_to_the_end_of_August() =>
        Assert.Equal((new DateOnly(2026, 9, 1), new DateOnly(2027, 8, 31)), AcademicCalendar.Bounds("2026-2027"));

    [Theory]
    [InlineData("2026-11-27T18:59:59Z", "2026-11-27")] // 23:59:59 in Kazakhstan
    [InlineData("2026-11-27T19:00:00Z", "2026-11-28")] // midnight in Kazakhstan (UTC+5)
    [InlineData("2027-08-31T19:00:00Z", "2027-09-01")] // a new academic year begins at Kazakhstan's midnight, not UTC's
    [InlineData("2028-02-28T19:30:00Z", "2028-02-29")] // a leap day
    [InlineData("2024-03-01T18:30:00Z", "2024-03-01")] // 23:30 at +05 (tzdata before 2024 says +06 for Asia/Almaty: 00:30 the next day)
    public void Today_is_in_Kazakhstan_time(string utc, string today) =>
        Assert.Equal(DateOnly.Parse(today), new KazakhstanClock(new FakeTimeProvider(DateTimeOffset.Parse(utc))).Today);

    [Fact]
    public void The_clock_follows_its_time_when_a_test_moves_it()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 31, 18, 59, 0, TimeSpan.Zero));
        var clock = new KazakhstanClock(time);
        Assert.Equal((new DateOnly(2026, 12, 31), TimeSpan.FromHours(5)), (clock.Today, clock.Now.Offset));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(new DateOnly(2027, 1, 1), clock.Today);
    }

    [Fact]
    public void A_pinned_clock_stands_still() =>
        Assert.Equal(new DateOnly(2027, 7, 15), KazakhstanClock.PinnedAt(new DateTimeOffset(2027, 7, 15, 5, 0, 0, TimeSpan.Zero)).Today);

    [Theory]
    [InlineData("2026-2027", true)]
    [InlineData("2000-2001", true)]
    [InlineData("2026-2028", false)]
    [InlineData("2027-2026", false)]
    [InlineData("2026-2027 ", false)]
    [InlineData("2026/2027", false)]
    [InlineData("٢٠٢٦-٢٠٢٧", false)]
    [InlineData("1999-2000", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Names_an_academic_year_only_as_two_consecutive_years(string? name, bool expected) => Assert.Equal(expected, AcademicCalendar.IsYear(name));
}
