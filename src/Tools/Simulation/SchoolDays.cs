using EduInfo.Domain.Calendar;
using EduInfo.Grains.Interfaces.Calendar;
using EduInfo.Storage.Assessment;
using Npgsql;

namespace EduInfo.Tools.Simulation;

/// <summary>
/// School days of a kind of organization's calendar (five-day week, no area cancellations): when simulated teachers
/// work. A year with no calendar stored follows the synthetic one, as the calendar grain would.
/// </summary>
public static class SchoolDays
{
    public static async Task<Func<DateOnly, bool>> LoadAsync(NpgsqlDataSource dataSource, string academicYear, CancellationToken cancellationToken,
        string organizationKind = "school")
    {
        var calendar = await CalendarAsync(dataSource, academicYear, organizationKind, cancellationToken);
        return day => calendar.Check(day, 5, 5, []) == DayStatus.SchoolDay;
    }

    /// <summary>The first day of the schools' term that <paramref name="day"/> falls in (earlier terms may be closed), or null between terms.</summary>
    public static async Task<DateOnly?> TermStartAsync(NpgsqlDataSource dataSource, DateOnly day, CancellationToken cancellationToken)
    {
        var calendar = await CalendarAsync(dataSource, AcademicCalendar.YearOf(day), "school", cancellationToken);
        return calendar.Dates(calendar.TermOf(day))?.Starts;
    }

    private static async Task<SchoolCalendar> CalendarAsync(NpgsqlDataSource dataSource, string academicYear, string organizationKind,
        CancellationToken cancellationToken) =>
        new(await new AssessmentStore(dataSource).ReadCalendarAsync(academicYear, organizationKind, cancellationToken)
            ?? SyntheticCalendar.For(academicYear, organizationKind));
}
