namespace EduInfo.Domain.Journal;

/// <summary>
/// A roll-call: one lesson of a teaching group (subject, date, period) with its absentees.
/// The server stores the group's roster on that date beside it, so later roster changes never rewrite history.
/// </summary>
public sealed record LessonEntry(
    Guid? EntryId,
    string? SubjectId,
    DateOnly? Date,
    int? Period,
    IReadOnlyList<Absentee>? Absentees,
    string? GroupId = null);
