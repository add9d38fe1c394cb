namespace EduInfo.Domain.Calendar;

/// <summary>
/// One weekly lesson of a class's timetable: a teaching group (null = the whole class), a subject, an ISO weekday
/// (1 = Monday … 6 = Saturday) and a period.
/// </summary>
public sealed record TimetableSlot(
    string? GroupId,
    string? SubjectId,
    int? Weekday,
    int? Period);

/// <summary>A class's timetable in force from <see cref="ValidFrom"/> (it replaces the one before from that day).</summary>
public sealed record TimetableDocument(
    DateOnly? ValidFrom,
    IReadOnlyList<TimetableSlot?>? Slots);
