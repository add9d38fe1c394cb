using EduInfo.Domain.Journal;
using EduInfo.Grains.Interfaces.Journal;

namespace EduInfo.Grains.Interfaces.Students;

/// <summary>One mark in the diary.</summary>
[GenerateSerializer, Immutable]
public sealed record DiaryMark(
    [property: Id(0)] long Sequence,
    [property: Id(1)] string SubjectId,
    [property: Id(2)] DateOnly Date,
    [property: Id(3)] MarkKind Kind,
    [property: Id(4)] int Score,
    [property: Id(5)] int MaxScore,
    [property: Id(6)] DateTimeOffset RecordedAt);
