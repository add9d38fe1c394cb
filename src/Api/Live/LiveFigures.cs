namespace EduInfo.Api.Live;

/// <summary>
/// What the live views hold in this process (the operators' runtime answer and the <c>EduInfo.Live</c> meter): entries
/// by topic, their viewers, the bound, the estimated bytes of the cached summaries and payloads, and counters since start.
/// </summary>
public sealed record LiveFigures(
    int Nodes, int Students, int Viewers, int MaxEntries, long EstimatedBytes,
    long Pushes, long Renewals, long Failures, long Evictions);
