namespace EduInfo.Tools.Simulation;

/// <summary>
/// Simulated school time: a school day from 08:00 to 20:00 passes in <c>dayLength</c> of real time, the school days
/// (Monday to Friday, or those the calendar allows) from <c>firstDay</c> to <c>lastDay</c> follow one another, and
/// after the last one the time stays on its afternoon. Lessons run 08:00–14:40 in 50-minute periods; after them
/// teachers enter marks into the evening. Days are looked up between the two dates only, so a calendar with no school
/// day left (the summer) never loops.
/// </summary>
public sealed class SchoolDayClock
{
    private static readonly TimeSpan DayStart = TimeSpan.FromHours(8);
    private static readonly TimeSpan DaySpan = TimeSpan.FromHours(12);
    private static readonly TimeSpan PeriodLength = TimeSpan.FromMinutes(50);
    public const int Periods = 8;

    private readonly IReadOnlyList<DateOnly> _days;
    private readonly TimeSpan _dayLength;

    public SchoolDayClock(DateOnly firstDay, DateOnly lastDay, TimeSpan dayLength, Func<DateOnly, bool>? isSchoolDay = null)
    {
        var days = new List<DateOnly>();
        for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
        {
            if (!IsOff(day, isSchoolDay))
            {
                days.Add(day);
            }
        }
        _days = days;
        _dayLength = dayLength;
    }

    /// <summary>The school days this clock walks, in order (none when no school day lies between the two dates).</summary>
    public IReadOnlyList<DateOnly> Days => _days;

    /// <summary>The school day on or before <paramref name="day"/> (a year's first days have one within a few weeks).</summary>
    public static DateOnly LastSchoolDay(DateOnly day, Func<DateOnly, bool>? isSchoolDay = null)
    {
        for (var back = 0; back < 60 && IsOff(day, isSchoolDay); back++)
        {
            day = day.AddDays(-1);
        }
        return day;
    }

    /// <summary>True once the last school day has passed (or there was none): the time stays on the last one's afternoon.</summary>
    public bool IsPast(TimeSpan elapsed) => (int)Math.Floor(elapsed / _dayLength) >= _days.Count;

    /// <summary>The simulated date and time of day after <paramref name="elapsed"/> real time (null when there is no school day at all).</summary>
    public (DateOnly Date, TimeSpan TimeOfDay)? At(TimeSpan elapsed)
    {
        if (_days.Count == 0)
        {
            return null;
        }
        var days = elapsed / _dayLength;
        var whole = (int)Math.Floor(days);
        if (whole >= _days.Count)
        {
            // Caught up: stay on the last day's afternoon, when marks are entered.
            return (_days[^1], DayStart + TimeSpan.FromHours(7) + TimeSpan.FromTicks((long)((days - whole) * TimeSpan.FromHours(4).Ticks)));
        }
        return (_days[whole], DayStart + TimeSpan.FromTicks((long)((days - whole) * DaySpan.Ticks)));
    }

    /// <summary>The lesson period in progress at a time of day, or null outside lesson hours.</summary>
    public static int? PeriodAt(TimeSpan timeOfDay)
    {
        var period = (int)Math.Floor((timeOfDay - DayStart) / PeriodLength) + 1;
        return period is >= 1 and <= Periods ? period : null;
    }

    private static bool IsOff(DateOnly day, Func<DateOnly, bool>? isSchoolDay) =>
        isSchoolDay is null ? day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday : !isSchoolDay(day);
}
