namespace EduInfo.Domain.Notifications;

/// <summary>
/// When a failed send is tried again: after 1, 2, 4 … minutes, at most an hour apart; after <see cref="MaxAttempts"/>
/// attempts (about a day and a half) the message is given up and counted for the operators. A refusal that no retry
/// can change (an address the server rejects for good) is given up at once.
/// </summary>
public static class DeliveryRetry
{
    public const int MaxAttempts = 40;

    public static readonly TimeSpan First = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan Longest = TimeSpan.FromHours(1);

    /// <summary>The next attempt after the <paramref name="attempts"/>-th failed at <paramref name="failedAt"/>; null: give up.</summary>
    public static DateTimeOffset? NextAttempt(int attempts, DateTimeOffset failedAt, bool permanent)
    {
        if (permanent || attempts >= MaxAttempts)
        {
            return null;
        }
        var delay = attempts >= 7 ? Longest : TimeSpan.FromTicks(Math.Min(First.Ticks << (attempts - 1), Longest.Ticks));
        return failedAt + delay;
    }
}
