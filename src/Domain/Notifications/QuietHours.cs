using EduInfo.Domain.Calendar;

namespace EduInfo.Domain.Notifications;

/// <summary>
/// A recipient's quiet hours in Kazakhstan time (UTC+5): no e-mail or SMS is sent from <see cref="From"/> up to
/// <see cref="To"/>; a message due then waits for the end. A span may cross midnight (22:00–07:00); equal ends mean none.
/// </summary>
public sealed record QuietHours(TimeOnly From, TimeOnly To)
{
    public static readonly QuietHours None = new(TimeOnly.MinValue, TimeOnly.MinValue);

    public bool IsNone => From == To;

    public bool Contains(TimeOnly time) =>
        !IsNone && (From < To ? time >= From && time < To : time >= From || time < To);

    /// <summary>The first moment at or after <paramref name="at"/> outside the quiet hours.</summary>
    public DateTimeOffset NextAllowed(DateTimeOffset at)
    {
        var local = at.ToOffset(KazakhstanClock.Offset);
        var time = TimeOnly.FromDateTime(local.DateTime);
        if (!Contains(time))
        {
            return at;
        }
        var endToday = new DateTimeOffset(local.Date + To.ToTimeSpan(), KazakhstanClock.Offset);
        // Inside a span crossing midnight, before midnight: it ends tomorrow.
        return (endToday > local ? endToday : endToday.AddDays(1)).ToUniversalTime();
    }
}
