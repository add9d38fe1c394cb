namespace EduInfo.Grains.Interfaces.Calendar;

/// <summary>Academic years and "today" as the journal sees them (DESIGN.md §2, Calendar).</summary>
public static class AcademicCalendar
{
    /// <summary>Kazakhstan's single time zone since 2024: UTC+5. A fixed offset, so no tzdata version can move it.</summary>
    public static readonly TimeSpan KazakhstanOffset = TimeSpan.FromHours(5);

    /// <summary>Today's date in Kazakhstan.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(KazakhstanOffset).DateTime);

    /// <summary>The academic year a date belongs to: 1 September to 31 August, named "2026-2027".</summary>
    public static string YearOf(DateOnly date)
    {
        var start = date.Month >= 9 ? date.Year : date.Year - 1;
        return $"{start}-{start + 1}";
    }

    /// <summary>First and last day of an academic year named "YYYY-YYYY".</summary>
    public static (DateOnly First, DateOnly Last) Bounds(string academicYear)
    {
        var start = int.Parse(academicYear.AsSpan(0, 4), System.Globalization.CultureInfo.InvariantCulture);
        return (new DateOnly(start, 9, 1), new DateOnly(start + 1, 8, 31));
    }
}
