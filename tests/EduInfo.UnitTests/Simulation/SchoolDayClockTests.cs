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
        var (d, t) = Clock.At(TimeSpan.FromMinutes(minutes));
        Assert.Equal((DateOnly.Parse(date), TimeSpan.Parse(time)), (d, t));
    }

    [Fact]
    public void Never_passes_today_and_stays_in_its_afternoon()
    {
        var (date, time) = Clock.At(TimeSpan.FromMinutes(75));
        Assert.Equal(new DateOnly(2026, 11, 27), date);
        Assert.InRange(time, TimeSpan.FromHours(15), TimeSpan.FromHours(19));
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
    [InlineData("2026-11-21", 0, "2026-11-23")] // Saturday starts on Monday
    [InlineData("2026-11-20", 1, "2026-11-23")]
    [InlineData("2026-11-16", 4, "2026-11-20")]
    public void Counts_school_days(string start, int n, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), SchoolDayClock.SchoolDay(DateOnly.Parse(start), n));
}
