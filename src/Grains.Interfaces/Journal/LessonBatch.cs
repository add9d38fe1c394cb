namespace EduInfo.Grains.Interfaces.Journal;

/// <summary>A batch of roll-calls for one class, all or nothing.</summary>
[GenerateSerializer, Immutable]
public sealed record LessonBatch([property: Id(0)] IReadOnlyList<LessonEntry>? Entries);
