using EduInfo.Grains.Domain.Calendar;
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
        var document = await new AssessmentStore(dataSource).ReadCalendarAsync(academicYear, organizationKind, cancellationToken)
                       ?? SyntheticCalendar.For(academicYear, organizationKind);
        var calendar = new SchoolCalendar(document);
        return day => calendar.Check(day, 5, 5, []) == DayStatus.SchoolDay;
    }
}
