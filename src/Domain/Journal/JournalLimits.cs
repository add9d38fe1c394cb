namespace EduInfo.Domain.Journal;

/// <summary>
/// Bounds of a journal batch and its values, configurable (section <c>Journal</c>); the defaults are <see cref="EntryRules"/>'s.
/// Assessment scales are versioned policy data: <see cref="FormativeScale"/> applies only where no policy is in force.
/// </summary>
public sealed record JournalLimits
{
    /// <summary>Largest batch accepted in one request.</summary>
    public int MaxBatchSize { get; init; } = EntryRules.MaxBatchSize;

    /// <summary>Formative marks are 1..scale where no policy sets it.</summary>
    public int FormativeScale { get; init; } = EntryRules.DefaultFormativeScale;

    /// <summary>Largest maximum score of a section or term summative.</summary>
    public int MaxSummativeScore { get; init; } = EntryRules.MaxSummativeScore;

    /// <summary>Lesson periods in a day.</summary>
    public int MaxPeriod { get; init; } = EntryRules.MaxPeriod;
}
