namespace EduInfo.Domain.Journal;

/// <summary>A batch of marks for one class, all or nothing.</summary>
public sealed record MarkBatch(IReadOnlyList<MarkEntry>? Entries);
