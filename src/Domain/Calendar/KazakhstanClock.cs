namespace EduInfo.Domain.Calendar;

/// <summary>
/// Kazakhstan's time from a <see cref="TimeProvider"/>: the host's in production, a pinned or fake one in tests.
/// One time zone since 1 March 2024, UTC+5, applied as a fixed offset: tzdata older than 2024 still says +06 for
/// Asia/Almaty, so no zone is looked up.
/// </summary>
public sealed class KazakhstanClock(TimeProvider time) : IKazakhstanClock
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(5);

    public DateTimeOffset UtcNow => time.GetUtcNow();

    public DateTimeOffset Now => UtcNow.ToOffset(Offset);

    public DateOnly Today => DateOnly.FromDateTime(Now.DateTime);

    /// <summary>A clock that stands still at <paramref name="instant"/> (test runs of whole processes).</summary>
    public static KazakhstanClock PinnedAt(DateTimeOffset instant) => new(new Pinned(instant.ToUniversalTime()));

    /// <summary>Kazakhstan's date at an instant.</summary>
    public static DateOnly DateAt(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    private sealed class Pinned(DateTimeOffset instant) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => instant;
    }
}
