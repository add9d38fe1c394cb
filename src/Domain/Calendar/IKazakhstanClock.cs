namespace EduInfo.Domain.Calendar;

/// <summary>
/// The domain's one clock: the current instant and today's date in Kazakhstan. Every rule that depends on the date
/// (the academic year, the term in progress, "not in the future", the day roll) asks it, so tests pin it. Elapsed time
/// (timers, cache lifetimes, token expiry) is measured on the host's <see cref="TimeProvider"/> instead, which Orleans
/// shares for its own timers and membership and which is never replaced.
/// </summary>
public interface IKazakhstanClock
{
    /// <summary>The current instant.</summary>
    DateTimeOffset UtcNow { get; }

    /// <summary>The current instant at Kazakhstan's offset (UTC+5).</summary>
    DateTimeOffset Now { get; }

    /// <summary>Today's date in Kazakhstan.</summary>
    DateOnly Today { get; }
}
