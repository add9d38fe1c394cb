namespace EduInfo.Domain.Journal;

/// <summary>
/// One mark as a journal client sends it. Fields are nullable so that a missing field is reported
/// as a validation error naming it, instead of failing deserialization.
/// </summary>
public sealed record MarkEntry(
    Guid? EntryId,
    string? StudentId,
    string? SubjectId,
    DateOnly? Date,
    string? Kind,
    int? Score,
    int? MaxScore,
    string? GroupId = null);
