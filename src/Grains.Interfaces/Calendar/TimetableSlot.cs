namespace EduInfo.Grains.Interfaces.Calendar;

/// <summary>
/// One weekly lesson of a class's timetable: a teaching group (null = the whole class), a subject, an ISO weekday
/// (1 = Monday … 6 = Saturday) and a period.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TimetableSlot(
    [property: Id(0)] string? GroupId,
    [property: Id(1)] string? SubjectId,
    [property: Id(2)] int? Weekday,
    [property: Id(3)] int? Period);

/// <summary>A class's timetable in force from <see cref="ValidFrom"/> (it replaces the one before from that day).</summary>
[GenerateSerializer, Immutable]
public sealed record TimetableDocument(
    [property: Id(0)] DateOnly? ValidFrom,
    [property: Id(1)] IReadOnlyList<TimetableSlot?>? Slots);
