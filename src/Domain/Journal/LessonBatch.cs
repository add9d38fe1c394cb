namespace EduInfo.Domain.Journal;

/// <summary>A batch of roll-calls for one class, all or nothing.</summary>
public sealed record LessonBatch(IReadOnlyList<LessonEntry>? Entries);
