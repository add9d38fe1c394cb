using System.Globalization;
using EduInfo.Domain.Calendar;

namespace EduInfo.UnitTests.Rules;

public sealed class LabourCalendarTests
{
    private static readonly LabourCalendar Declared2026 = new(
    [
        new(new DateOnly(2026, 5, 27), LabourDayKind.DayOff, "Kurban Ait"),
        new(new DateOnly(2026, 12, 5), LabourDayKind.WorkingDay, "a Saturday worked for a day off moved by decree"),
    ]);

    /// <summary>Filed at (Kazakhstan's time, UTC+5), a term in working days, the day it ends.</summary>
    [Theory]
    [InlineData("2026-11-30T10:00:00+05:00", 1, "2026-12-01", "a Monday morning: the next day")]
    [InlineData("2026-11-30T18:29:00+05:00", 1, "2026-12-01", "a minute before the office closes")]
    [InlineData("2026-11-30T18:30:00+05:00", 1, "2026-12-02", "when it closes: filed on Tuesday")]
    [InlineData("2026-11-30T13:31:00Z", 1, "2026-12-02", "an instant in UTC is read in Kazakhstan's time (18:31)")]
    [InlineData("2026-11-27T19:00:00+05:00", 1, "2026-12-01", "a Friday evening counts from Monday")]
    [InlineData("2026-12-04T19:00:00+05:00", 1, "2026-12-07", "a Friday evening before a Saturday declared worked counts from that Saturday")]
    [InlineData("2026-12-06T11:00:00+05:00", 1, "2026-12-08", "a Sunday counts from Monday")]
    [InlineData("2026-12-15T10:00:00+05:00", 1, "2026-12-17", "over Independence Day")]
    [InlineData("2026-12-30T10:00:00+05:00", 3, "2027-01-06", "over New Year, 2 January a Saturday moving its day off to Monday 4 January")]
    [InlineData("2027-01-06T10:00:00+05:00", 1, "2027-01-08", "over Orthodox Christmas (a Thursday)")]
    [InlineData("2026-03-20T10:00:00+05:00", 1, "2026-03-26", "over Nauryz: 21 and 22 March on a weekend move to 24 and 25")]
    [InlineData("2026-03-06T10:00:00+05:00", 1, "2026-03-10", "8 March on a Sunday moves to Monday 9 March")]
    [InlineData("2026-08-28T10:00:00+05:00", 1, "2026-09-01", "Constitution Day on a Sunday moves to Monday 31 August")]
    [InlineData("2025-08-29T10:00:00+05:00", 1, "2025-09-02", "Constitution Day on a Saturday moves into September")]
    [InlineData("2026-05-26T10:00:00+05:00", 1, "2026-05-28", "Kurban Ait as declared")]
    [InlineData("2026-12-04T10:00:00+05:00", 1, "2026-12-05", "a Saturday declared a working day")]
    [InlineData("2026-11-30T10:00:00+05:00", 30, "2027-01-14", "thirty working days over December's and January's holidays")]
    public void A_term_in_working_days_ends_as_the_labour_calendar_says(string filedAt, int workingDays, string deadline, string because)
    {
        _ = because; // the case's name in the test's display
        Assert.Equal(DateOnly.Parse(deadline, CultureInfo.InvariantCulture), Declared2026.Deadline(DateTimeOffset.Parse(filedAt, CultureInfo.InvariantCulture), workingDays));
    }

    [Theory]
    [InlineData("2026-12-16", false)]
    [InlineData("2026-12-17", true)]
    [InlineData("2026-12-05", true)]
    [InlineData("2026-12-12", false)]
    [InlineData("2027-01-04", false)]
    [InlineData("2026-05-27", false)]
    [InlineData("2026-05-11", false)] // Victory Day on a Saturday moves here
    public void Each_day_is_worked_or_not(string day, bool worked) =>
        Assert.Equal(worked, Declared2026.IsWorkingDay(DateOnly.Parse(day, CultureInfo.InvariantCulture)));

    [Fact]
    public void Lateness_is_counted_in_working_days_after_the_deadline()
    {
        Assert.Equal(0, Declared2026.WorkingDaysBetween(new DateOnly(2026, 12, 8), new DateOnly(2026, 12, 8)));
        Assert.Equal(0, Declared2026.WorkingDaysBetween(new DateOnly(2026, 12, 8), new DateOnly(2026, 12, 1)));
        Assert.Equal(5, Declared2026.WorkingDaysBetween(new DateOnly(2026, 12, 11), new DateOnly(2026, 12, 21))); // 14, 15, 17, 18, 21
    }

    [Fact]
    public void A_term_out_of_range_is_a_programming_error()
    {
        var filed = DateTimeOffset.Parse("2026-11-30T10:00:00+05:00", CultureInfo.InvariantCulture);
        Assert.Throws<ArgumentOutOfRangeException>(() => Declared2026.Deadline(filed, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Declared2026.Deadline(filed, LabourCalendar.MaxWorkingDays + 1));
    }
}
