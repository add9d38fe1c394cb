namespace EduInfo.Domain.Journal;

/// <summary>Bounds of a journal batch and its values. Assessment scales become versioned policy data later; these are the defaults.</summary>
public sealed record JournalLimits
{
    /// <summary>Largest batch accepted in one request: a class's marks for a lesson are ~25.</summary>
    public int MaxBatchSize { get; init; } = 500;

    /// <summary>Formative marks are 1..scale (ФО / ҚБ, 10 points by default).</summary>
    public int FormativeScale { get; init; } = 10;

    /// <summary>Largest maximum score of a section or term summative.</summary>
    public int MaxSummativeScore { get; init; } = 100;

    /// <summary>Lesson periods in a day.</summary>
    public int MaxPeriod { get; init; } = 12;
}
