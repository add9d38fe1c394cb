namespace EduInfo.Grains.Interfaces.Calendar;

/// <summary>
/// The calendar of one academic year for one kind of organization (DESIGN.md §2, Calendar): the terms and the
/// exceptions to the weekly pattern (holidays, moved working days, cancelled days for an area and some grades).
/// <see cref="Synthetic"/> marks a calendar the system generated because none was loaded for the year (quarters from
/// 1 September, public holidays, breaks); it is read-only on the wire: a calendar an operator sets is never synthetic.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AcademicCalendarDocument(
    [property: Id(0)] IReadOnlyList<TermDates>? Terms,
    [property: Id(1)] IReadOnlyList<CalendarDay>? Days,
    [property: Id(2)] bool Synthetic = false);

/// <summary>A quarter, semester or monitoring period: term number and first and last day, inclusive.</summary>
[GenerateSerializer, Immutable]
public sealed record TermDates(
    [property: Id(0)] int? Term,
    [property: Id(1)] DateOnly? Starts,
    [property: Id(2)] DateOnly? Ends);

/// <summary>
/// An exception to the week: <c>holiday</c> (no lessons), <c>working</c> (a moved working day, e.g. a Saturday)
/// or <c>cancelled</c> (no lessons in <see cref="NodeId"/>'s subtree for <see cref="Grades"/>; null = everywhere, all grades).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CalendarDay(
    [property: Id(0)] DateOnly? Day,
    [property: Id(1)] string? Kind,
    [property: Id(2)] string? NodeId,
    [property: Id(3)] IReadOnlyList<int>? Grades,
    [property: Id(4)] string? Reason);
