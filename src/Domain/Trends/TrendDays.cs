using EduInfo.Domain.Calendar;

namespace EduInfo.Domain.Trends;

/// <summary>
/// Which days the daily trend captures, and which are missing. A day is captured at its end when it was a school day
/// for some organization (inside a term of a kind's calendar, not a holiday, not Sunday; Saturday counts for the
/// six-day week). A capture day that passed without a capture — the cluster was down through the next day — is recorded
/// missing when the next capture happens, and never back-filled: its figures as they stood are gone.
/// </summary>
public static class TrendDays
{
    public static bool IsCaptureDay(DateOnly day, IEnumerable<SchoolCalendar> calendars) =>
        calendars.Any(c => c.Check(day, schoolWeek: 6, grade: 1, classPath: []) == DayStatus.SchoolDay);

    /// <summary>The capture days strictly between the last day captured (or recorded missing) and <paramref name="day"/>.</summary>
    public static IReadOnlyList<DateOnly> MissingBetween(DateOnly? last, DateOnly day, Func<DateOnly, bool> isCaptureDay)
    {
        if (last is not { } from || from >= day)
        {
            return [];
        }
        var missing = new List<DateOnly>();
        for (var d = from.AddDays(1); d < day; d = d.AddDays(1))
        {
            if (isCaptureDay(d))
            {
                missing.Add(d);
            }
        }
        return missing;
    }
}
