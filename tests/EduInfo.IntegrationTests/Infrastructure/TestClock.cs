using EduInfo.Domain.Calendar;
using EduInfo.Grains.Interfaces.Calendar;
using Microsoft.Extensions.Time.Testing;

namespace EduInfo.IntegrationTests.Infrastructure;

/// <summary>
/// The date the tests run at, whatever the calendar says: Friday 27 November 2026, 11:00 in Kazakhstan — in the
/// second quarter of the demo year 2026-2027, with twelve weeks of school behind it and the winter break, the third
/// and fourth quarters ahead. A test that is about another date moves its host's clock or pins its own.
/// </summary>
public static class TestClock
{
    public static readonly DateTimeOffset Pinned = new(2026, 11, 27, 6, 0, 0, TimeSpan.Zero);

    /// <summary>Kazakhstan's date at <see cref="Pinned"/>.</summary>
    public static DateOnly Today => KazakhstanClock.DateAt(Pinned);

    /// <summary>The pinned instant as <c>Clock:PinnedUtc</c> takes it (processes of the Cluster profile).</summary>
    public static string Setting(DateTimeOffset? at = null) => (at ?? Pinned).UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A fake time a test can move (<see cref="FakeTimeProvider.SetUtcNow"/>), behind the domain clock only.</summary>
    public static FakeTimeProvider Fake(DateTimeOffset? at = null) => new(at ?? Pinned);
}
