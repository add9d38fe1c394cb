namespace EduInfo.Domain.Calendar;

/// <summary>What the government declares of a day for a year, against the generated calendar.</summary>
public enum LabourDayKind
{
    /// <summary>Not worked: Kurban Ait's first day (lunar, declared each year), a day off moved by decree.</summary>
    DayOff,

    /// <summary>Worked although a weekend: the Saturday given for a day off moved by decree.</summary>
    WorkingDay,
}

/// <summary>A day declared for a year (data an operator keeps), with the act's reason.</summary>
public sealed record LabourDay(DateOnly Day, LabourDayKind Kind, string Reason);

/// <summary>
/// Kazakhstan's labour calendar, for the deadlines of state services in working days (issue 22; order points 8 and
/// 12.2): Saturdays and Sundays off, the public holidays with a weekend's holiday moved to the next working day
/// (<see cref="SyntheticCalendar.PublicHolidays"/>), and what the government declares each year over them. An
/// application filed after the office closes, or on a day off, counts from the next working day; a term of N working
/// days ends on the N-th working day after that.
/// </summary>
public sealed class LabourCalendar
{
    /// <summary>When state bodies' working day ends (9:00–18:30).</summary>
    public static readonly TimeOnly OfficeCloses = new(18, 30);

    /// <summary>The longest term a service may set: a year of working days.</summary>
    public const int MaxWorkingDays = 260;

    private readonly Dictionary<DateOnly, LabourDayKind> _declared;
    private readonly TimeOnly _closes;
    private readonly Dictionary<string, HashSet<DateOnly>> _holidays = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <param name="declared">The declared days; a later one for the same day wins.</param>
    /// <param name="closes">When filing stops counting for the day; <see cref="OfficeCloses"/> when not given.</param>
    public LabourCalendar(IEnumerable<LabourDay> declared, TimeOnly? closes = null)
    {
        _declared = [];
        foreach (var day in declared)
        {
            _declared[day.Day] = day.Kind;
        }
        _closes = closes ?? OfficeCloses;
    }

    public bool IsWorkingDay(DateOnly day) =>
        _declared.TryGetValue(day, out var kind) ? kind == LabourDayKind.WorkingDay
            : day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !HolidaysOf(AcademicCalendar.YearOf(day)).Contains(day);

    public DateOnly NextWorkingDay(DateOnly day)
    {
        do
        {
            day = day.AddDays(1);
        }
        while (!IsWorkingDay(day));
        return day;
    }

    /// <summary>The working day an application filed at an instant counts as filed on (Kazakhstan's time).</summary>
    public DateOnly FiledOn(DateTimeOffset filedAt)
    {
        var local = filedAt.ToOffset(KazakhstanClock.Offset).DateTime;
        var day = DateOnly.FromDateTime(local);
        return IsWorkingDay(day) && TimeOnly.FromDateTime(local) < _closes ? day : NextWorkingDay(day);
    }

    /// <summary>The last day of a term of <paramref name="workingDays"/> working days for an application filed at an instant.</summary>
    public DateOnly Deadline(DateTimeOffset filedAt, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workingDays, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(workingDays, MaxWorkingDays);
        var day = FiledOn(filedAt);
        for (var i = 0; i < workingDays; i++)
        {
            day = NextWorkingDay(day);
        }
        return day;
    }

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/> (0 when not after): how late a decision came.</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            count += IsWorkingDay(day) ? 1 : 0;
        }
        return count;
    }

    private HashSet<DateOnly> HolidaysOf(string academicYear)
    {
        lock (_gate)
        {
            if (!_holidays.TryGetValue(academicYear, out var days))
            {
                days = [.. SyntheticCalendar.PublicHolidays(academicYear).Select(d => d.Day!.Value)];
                _holidays[academicYear] = days;
            }
            return days;
        }
    }
}
