namespace EduInfo.Grains.Interfaces.Journal;

/// <summary>
/// One mark as a journal client sends it. Fields are nullable so that a missing field is reported
/// as a validation error naming it, instead of failing deserialization.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record MarkEntry(
    [property: Id(0)] Guid? EntryId,
    [property: Id(1)] string? StudentId,
    [property: Id(2)] string? SubjectId,
    [property: Id(3)] DateOnly? Date,
    [property: Id(4)] string? Kind,
    [property: Id(5)] int? Score,
    [property: Id(6)] int? MaxScore,
    [property: Id(7)] string? GroupId = null);
