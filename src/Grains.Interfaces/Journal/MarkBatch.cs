namespace EduInfo.Grains.Interfaces.Journal;

/// <summary>A batch of marks for one class, all or nothing.</summary>
[GenerateSerializer, Immutable]
public sealed record MarkBatch([property: Id(0)] IReadOnlyList<MarkEntry>? Entries);
