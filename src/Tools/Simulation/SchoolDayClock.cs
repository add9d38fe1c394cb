namespace EduInfo.Tools.Simulation;

/// <summary>
/// Simulated school time: a school day from 08:00 to 20:00 passes in <c>dayLength</c> of real time, school days
/// (Monday to Friday, or those the calendar allows) follow one another from <c>firstDay</c> and never pass
/// <c>lastDay</c> (today, or the last school day before it). Lessons run 08:00–14:40 in 50-minute periods; after them
/// teachers enter marks into the evening.
/// </summary>
public sealed class SchoolDayClock(DateOnly firstDay, DateOnly lastDay, TimeSpan dayLength, Func<DateOnly, bool>? isSchoolDay = null)
{
    private readonly DateOnly _lastDay = LastSchoolDay(lastDay, isSchoolDay);

    /// <summary>The school day on or before <paramref name="day"/> (a year's first days have one within a few weeks).</summary>
    public static DateOnly LastSchoolDay(DateOnly day, Func<DateOnly, bool>? isSchoolDay = null)
    {
        for (var back = 0; back < 60 && IsOff(day, isSchoolDay); back++)
        {
            day = day.AddDays(-1);
        }
        return day;
    }

    private static readonly TimeSpan DayStart = TimeSpan.FromHours(8);
    private static readonly TimeSpan DaySpan = TimeSpan.FromHours(12);
    private static readonly TimeSpan PeriodLength = TimeSpan.FromMinutes(50);
    public const int Periods = 8;

    /// <summary>The simulated date and time of day after <paramref name="elapsed"/> real time.</summary>
    public (DateOnly Date, TimeSpan TimeOfDay) At(TimeSpan elapsed)
    {
        var days = elapsed / dayLength;
        var whole = (int)Math.Floor(days);
        var date = SchoolDay(firstDay, whole, isSchoolDay);
        if (date > _lastDay)
        {
            // Caught up with today: stay on today's afternoon, when marks are entered.
            return (_lastDay, DayStart + TimeSpan.FromHours(7) + TimeSpan.FromTicks((long)((days - whole) * TimeSpan.FromHours(4).Ticks)));
        }
        return (date, DayStart + TimeSpan.FromTicks((long)((days - whole) * DaySpan.Ticks)));
    }

    /// <summary>The lesson period in progress at a time of day, or null outside lesson hours.</summary>
    public static int? PeriodAt(TimeSpan timeOfDay)
    {
        var period = (int)Math.Floor((timeOfDay - DayStart) / PeriodLength) + 1;
        return period is >= 1 and <= Periods ? period : null;
    }

    /// <summary>The school day <paramref name="n"/> school days after <paramref name="start"/> (the start itself if it is one).</summary>
    public static DateOnly SchoolDay(DateOnly start, int n, Func<DateOnly, bool>? isSchoolDay = null)
    {
        var day = start;
        while (IsOff(day, isSchoolDay))
        {
            day = day.AddDays(1);
        }
        for (var i = 0; i < n; i++)
        {
            do
            {
                day = day.AddDays(1);
            }
            while (IsOff(day, isSchoolDay));
        }
        return day;
    }

    private static bool IsOff(DateOnly day, Func<DateOnly, bool>? isSchoolDay) =>
        isSchoolDay is null ? day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday : !isSchoolDay(day);
}
