namespace EduInfo.Grains.Interfaces.Journal;

/// <summary>
/// A roll-call: one lesson of a teaching group (subject, date, period) with its absentees.
/// The server stores the group's roster on that date beside it, so later roster changes never rewrite history.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LessonEntry(
    [property: Id(0)] Guid? EntryId,
    [property: Id(1)] string? SubjectId,
    [property: Id(2)] DateOnly? Date,
    [property: Id(3)] int? Period,
    [property: Id(4)] IReadOnlyList<Absentee>? Absentees,
    [property: Id(5)] string? GroupId = null);
