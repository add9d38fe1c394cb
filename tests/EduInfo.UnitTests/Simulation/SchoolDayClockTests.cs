using EduInfo.Tools.Simulation;

namespace EduInfo.UnitTests.Simulation;

public sealed class SchoolDayClockTests
{
    // 2026-11-20 is a Friday; a school day (08:00–20:00) passes in 10 real minutes.
    private static readonly SchoolDayClock Clock = new(new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 27), TimeSpan.FromMinutes(10));

    [Theory]
    [InlineData(0.0, "2026-11-20", "08:00")]
    [InlineData(5.0, "2026-11-20", "14:00")]
    [InlineData(10.0, "2026-11-23", "08:00")] // Friday → Monday
    [InlineData(12.5, "2026-11-23", "11:00")]
    [InlineData(50.0, "2026-11-27", "08:00")]
    public void Walks_school_days_in_compressed_time(double minutes, string date, string time)
    {
        var (d, t) = Clock.At(TimeSpan.FromMinutes(minutes))!.Value;
        Assert.Equal((DateOnly.Parse(date), TimeSpan.Parse(time)), (d, t));
        Assert.False(Clock.IsPast(TimeSpan.FromMinutes(minutes)));
    }

    [Fact]
    public void Never_passes_today_and_stays_in_its_afternoon()
    {
        var (date, time) = Clock.At(TimeSpan.FromMinutes(75))!.Value;
        Assert.Equal(new DateOnly(2026, 11, 27), date);
        Assert.InRange(time, TimeSpan.FromHours(15), TimeSpan.FromHours(19));
        Assert.True(Clock.IsPast(TimeSpan.FromMinutes(75)));
    }

    [Theory]
    [InlineData("07:59", null)]
    [InlineData("08:00", 1)]
    [InlineData("08:49", 1)]
    [InlineData("08:50", 2)]
    [InlineData("14:39", 8)]
    [InlineData("14:40", null)]
    public void Lesson_periods_are_fifty_minutes_from_eight(string time, int? period) =>
        Assert.Equal(period, SchoolDayClock.PeriodAt(TimeSpan.Parse(time)));

    [Theory]
    [InlineData("2026-11-21", "2026-11-23", new[] { "2026-11-23" })]                 // Saturday to Monday
    [InlineData("2026-11-20", "2026-11-23", new[] { "2026-11-20", "2026-11-23" })]
    [InlineData("2026-11-28", "2026-11-29", new string[0])]                        // a weekend: none
    [InlineData("2026-11-23", "2026-11-20", new string[0])]                        // the first after the last: none
    public void Walks_only_the_school_days_between_the_two_dates(string first, string last, string[] expected) =>
        Assert.Equal(expected.Select(DateOnly.Parse), new SchoolDayClock(DateOnly.Parse(first), DateOnly.Parse(last), TimeSpan.FromMinutes(10)).Days);

    [Fact]
    public void A_summer_with_no_school_day_left_gives_no_time_and_never_loops()
    {
        // The calendar has no school day after 25 May: the clock from 26 May to 31 August has nothing to walk.
        var clock = new SchoolDayClock(new DateOnly(2027, 5, 26), new DateOnly(2027, 8, 31), TimeSpan.FromMinutes(10), day => day <= new DateOnly(2027, 5, 25));
        Assert.Empty(clock.Days);
        Assert.Null(clock.At(TimeSpan.FromMinutes(3)));
        Assert.True(clock.IsPast(TimeSpan.Zero));
    }
}
