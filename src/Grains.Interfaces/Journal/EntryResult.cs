namespace EduInfo.Grains.Interfaces.Journal;

/// <summary>The outcome of one entry of an accepted batch; <see cref="Sequence"/> is the journal row's number.</summary>
[GenerateSerializer, Immutable]
public sealed record EntryResult(
    [property: Id(0)] Guid EntryId,
    [property: Id(1)] EntryStatus Status,
    [property: Id(2)] long Sequence);
