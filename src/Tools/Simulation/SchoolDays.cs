using EduInfo.Grains.Domain.Calendar;
using EduInfo.Storage.Assessment;
using Npgsql;

namespace EduInfo.Tools.Simulation;

/// <summary>School days of the schools' calendar (five-day week, no area cancellations): when simulated teachers work.</summary>
public static class SchoolDays
{
    public static async Task<Func<DateOnly, bool>> LoadAsync(NpgsqlDataSource dataSource, string academicYear, CancellationToken cancellationToken)
    {
        var document = await new AssessmentStore(dataSource).ReadCalendarAsync(academicYear, "school", cancellationToken);
        if (document is null)
        {
            return day => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
        }
        var calendar = new SchoolCalendar(document);
        return day => calendar.Check(day, 5, 5, []) == DayStatus.SchoolDay;
    }
}
