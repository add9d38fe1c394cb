using EduInfo.Domain.Journal;

namespace EduInfo.Grains.Interfaces.Journal;

/// <summary>
/// A correction of one journal row (DESIGN.md §3): <c>replace</c> gives a new score (a mark) or new absentees
/// (a roll-call); <c>void</c> cancels the row. Either way a new row supersedes the old one with who, when and why:
/// nothing is updated or deleted. <see cref="EntryId"/> is the correction's own idempotency key.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CorrectionRequest(
    [property: Id(0)] Guid? EntryId,
    [property: Id(1)] long? Supersedes,
    [property: Id(2)] string? Action,
    [property: Id(3)] string? Reason,
    [property: Id(4)] int? Score,
    [property: Id(5)] int? MaxScore,
    [property: Id(6)] IReadOnlyList<Absentee?>? Absentees);
