using EduInfo.Domain.Calendar;
using EduInfo.Grains.Interfaces.Calendar;
using EduInfo.Storage.Assessment;
using EduInfo.Storage.Audit;

namespace EduInfo.Tools.Demo;

/// <summary>
/// The demo country's calendars: the synthetic ones (<see cref="SyntheticCalendar"/>) of every kind of organization,
/// stored and marked synthetic, as the calendar grain would generate them for a year with none loaded.
/// </summary>
public static class DemoCalendar
{
    /// <summary>Writes the calendars of every kind of organization for a year (seeding: no validation against "today").</summary>
    public static async Task WriteAsync(AssessmentStore store, string academicYear, CancellationToken cancellationToken = default)
    {
        foreach (var kind in AssessmentStore.OrganizationKinds)
        {
            await store.WriteCalendarAsync(academicYear, kind, SyntheticCalendar.For(academicYear, kind),
                new AuditEntry("seed", [], null, "calendar.set", "calendar", ICalendarGrain.KeyOf(academicYear, kind), null, "committed"), cancellationToken);
        }
    }
}
