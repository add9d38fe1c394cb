using EduInfo.Grains.Interfaces.Calendar;
using EduInfo.Storage.Assessment;
using EduInfo.Storage.Audit;

namespace EduInfo.Tools.Demo;

/// <summary>
/// The demo country's academic calendars: four quarters for schools (8/8/10/8 weeks with autumn, winter and spring
/// breaks), two semesters for colleges, three monitoring periods for kindergartens, one period for additional
/// education, and Kazakhstan's public holidays. Demo data: the Ministry's own dates are loaded through the API.
/// </summary>
public static class DemoCalendar
{
    public static AcademicCalendarDocument For(string academicYear, string organizationKind)
    {
        var (first, _) = AcademicCalendar.Bounds(academicYear);
        var y = first.Year;
        DateOnly D(int year, int month, int day) => new(year, month, day);
        IReadOnlyList<TermDates> terms = organizationKind switch
        {
            "school" =>
            [
                new(1, D(y, 9, 1), D(y, 10, 25)),
                new(2, D(y, 11, 2), D(y, 12, 29)),
                new(3, D(y + 1, 1, 8), D(y + 1, 3, 19)),
                new(4, D(y + 1, 3, 30), D(y + 1, 5, 25)),
            ],
            "college" => [new(1, D(y, 9, 1), D(y, 12, 29)), new(2, D(y + 1, 1, 12), D(y + 1, 6, 30))],
            "preschool" => [new(1, D(y, 9, 1), D(y, 10, 31)), new(2, D(y, 11, 1), D(y + 1, 2, 28)), new(3, D(y + 1, 3, 1), D(y + 1, 5, 31))],
            _ => [new(1, D(y, 9, 1), D(y + 1, 5, 31))],
        };
        (int Month, int Day, string Reason)[] holidays =
        [
            (10, 25, "Republic Day"), (12, 16, "Independence Day"), (12, 17, "Independence Day"), (1, 1, "New Year"), (1, 2, "New Year"),
            (1, 7, "Orthodox Christmas"), (3, 8, "International Women's Day"), (3, 21, "Nauryz"), (3, 22, "Nauryz"), (3, 23, "Nauryz"),
            (5, 1, "Unity Day"), (5, 7, "Defender of the Fatherland Day"), (5, 9, "Victory Day"),
        ];
        var days = holidays
            .Select(h => new CalendarDay(D(h.Month >= 9 ? y : y + 1, h.Month, h.Day), "holiday", null, null, h.Reason))
            .OrderBy(d => d.Day)
            .ToList();
        return new AcademicCalendarDocument(terms, days);
    }

    /// <summary>Writes the calendars of every kind of organization for a year (seeding: no validation against "today").</summary>
    public static async Task WriteAsync(AssessmentStore store, string academicYear, CancellationToken cancellationToken = default)
    {
        foreach (var kind in AssessmentStore.OrganizationKinds)
        {
            await store.WriteCalendarAsync(academicYear, kind, For(academicYear, kind),
                new AuditEntry("seed", [], null, "calendar.set", "calendar", ICalendarGrain.KeyOf(academicYear, kind), null, "committed"), cancellationToken);
        }
    }
}
