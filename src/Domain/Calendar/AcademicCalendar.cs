namespace EduInfo.Domain.Calendar;

/// <summary>Academic years as the journal names them (DESIGN.md §2, Calendar); today's date is <see cref="IKazakhstanClock.Today"/>.</summary>
public static class AcademicCalendar
{
    /// <summary>The academic year a date belongs to: 1 September to 31 August, named "2026-2027".</summary>
    public static string YearOf(DateOnly date)
    {
        var start = date.Month >= 9 ? date.Year : date.Year - 1;
        return $"{start}-{start + 1}";
    }

    /// <summary>True for a name "YYYY-YYYY" whose second year follows the first (and a year the calendar can hold).</summary>
    public static bool IsYear(string? academicYear) =>
        academicYear is { Length: 9 } y && y[4] == '-' && y.Remove(4, 1).All(char.IsAsciiDigit)
        && int.Parse(y.AsSpan(0, 4), System.Globalization.CultureInfo.InvariantCulture) is var first and >= 2000 and <= 2999
        && int.Parse(y.AsSpan(5, 4), System.Globalization.CultureInfo.InvariantCulture) == first + 1;

    /// <summary>The academic year after <paramref name="academicYear"/> ("2026-2027" → "2027-2028").</summary>
    public static string Next(string academicYear) => YearOf(Bounds(academicYear).Last.AddDays(1));

    /// <summary>First and last day of an academic year named "YYYY-YYYY".</summary>
    public static (DateOnly First, DateOnly Last) Bounds(string academicYear)
    {
        var start = int.Parse(academicYear.AsSpan(0, 4), System.Globalization.CultureInfo.InvariantCulture);
        return (new DateOnly(start, 9, 1), new DateOnly(start + 1, 8, 31));
    }
}
