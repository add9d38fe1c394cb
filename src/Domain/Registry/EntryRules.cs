namespace EduInfo.Domain.Registry;

/// <summary>
/// Rules shared by every write that carries a reason or a lesson period: transfers and timetables here, corrections,
/// excusals and term events in the journal. One copy, so the limits cannot drift apart.
/// </summary>
public static class EntryRules
{
    /// <summary>A reason is a line or two for the audit log and the diary, not a document.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>The last lesson period of a day.</summary>
    public const int MaxPeriod = 12;

    /// <summary>Whether a reason was given at all (blank counts as none).</summary>
    public static bool HasReason(string? reason) => !string.IsNullOrWhiteSpace(reason);

    /// <summary>
    /// Whether a given reason may be stored: at most <see cref="MaxReasonLength"/> characters and no control characters
    /// (a line break or an escape would forge lines in audit views and exports).
    /// </summary>
    public static bool IsValidReason(string reason) => reason.Length <= MaxReasonLength && !reason.Any(char.IsControl);

    /// <summary>Whether a period is one of a day's lessons, 1..<see cref="MaxPeriod"/>.</summary>
    public static bool IsValidPeriod(int period) => period is >= 1 and <= MaxPeriod;
}
