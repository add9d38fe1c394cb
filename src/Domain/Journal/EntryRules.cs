using System.Globalization;

namespace EduInfo.Domain.Journal;

/// <summary>
/// The rules of single journal values, in one place: a reason, a lesson period, a mark's score and maximum by kind.
/// The batch, correction and excusal validators, the import format and the Api's reasons and timetables use these.
/// </summary>
public static class EntryRules
{
    /// <summary>A correction's, excusal's, term reopening's or transfer's reason: at most this many characters.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>Lesson periods in a day are 1..12 (the journal's default bound and the timetable's).</summary>
    public const int MaxPeriod = 12;

    /// <summary>Development levels I (low), II (medium), III (high): a preschool mark's fixed maximum.</summary>
    public const int DevelopmentLevels = 3;

    /// <summary>Formative marks are 1..scale (ФО / ҚБ); the policy of the term sets the scale, 10 by default.</summary>
    public const int DefaultFormativeScale = 10;

    /// <summary>Largest maximum score of a section or term summative.</summary>
    public const int MaxSummativeScore = 100;

    /// <summary>Largest batch accepted in one request: a class's marks for a lesson are ~25.</summary>
    public const int MaxBatchSize = 500;

    /// <summary>Why a reason is refused (required, or too long — control characters count as too long), or null.</summary>
    public static JournalError? ReasonError(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? JournalError.ReasonRequired
        : reason.Length > MaxReasonLength || reason.Any(IsInvisibleControl) ? JournalError.ReasonTooLong
        : null;

    // Control characters, and format ones (bidirectional overrides, zero-width characters) that reorder or hide a reason's text.
    private static bool IsInvisibleControl(char c) =>
        char.IsControl(c) || System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format;

    public static bool IsValidReason(string? reason) => ReasonError(reason) is null;

    /// <summary>Whether a reason was given at all (blank counts as none).</summary>
    public static bool HasReason(string? reason) => !string.IsNullOrWhiteSpace(reason);

    /// <summary>The problem with a reason, on field <c>reason</c>, or null.</summary>
    public static EntryProblem? ReasonProblem(string? reason) => ReasonError(reason) switch
    {
        null => null,
        JournalError.ReasonTooLong => Problem("reason", JournalError.ReasonTooLong, MaxReasonLength),
        var error => Problem("reason", error.Value),
    };

    public static bool IsValidPeriod(int period, int maxPeriod = MaxPeriod) => period >= 1 && period <= maxPeriod;

    /// <summary>Kindergartens record development levels only; schools and colleges never do.</summary>
    public static bool IsKindAllowed(MarkKind kind, string organizationKind) => (kind == MarkKind.Development) == (organizationKind == "preschool");

    /// <summary>
    /// The maximum a mark of this kind is out of when the kind fixes it — development levels, or the formative scale of
    /// the term's policy — so a maximum given must be that one; null for a summative, which is out of its own maximum.
    /// </summary>
    public static int? FixedMaxScore(MarkKind kind, int formativeScale) => kind switch
    {
        MarkKind.Development => DevelopmentLevels,
        MarkKind.Formative => formativeScale,
        _ => null,
    };

    /// <summary>The lowest score: formative marks and development levels start at 1, a summative at 0.</summary>
    public static int MinScore(MarkKind kind) => kind is MarkKind.Formative or MarkKind.Development ? 1 : 0;

    public static bool IsValidSummativeMax(int maxScore, int maxSummativeScore) => maxScore >= 1 && maxScore <= maxSummativeScore;

    /// <summary>The problem with a score between <paramref name="min"/> and <paramref name="max"/> (missing or out of range), or null.</summary>
    public static EntryProblem? ScoreProblem(int? score, int min, int max, string field) =>
        score is null ? Problem(field, JournalError.Required)
        : score < min || score > max ? Problem(field, JournalError.ScoreOutOfRange, min, max)
        : null;

    /// <summary>A problem with its arguments as invariant text (the Api renders them into kk, ru or en messages).</summary>
    public static EntryProblem Problem(string field, JournalError error, params object[] arguments) =>
        new(field, error, arguments.Select(a => Convert.ToString(a, CultureInfo.InvariantCulture)!).ToArray());
}
