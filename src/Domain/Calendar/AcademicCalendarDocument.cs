namespace EduInfo.Domain.Calendar;

/// <summary>
/// The calendar of one academic year for one kind of organization (DESIGN.md §2, Calendar): the terms and the
/// exceptions to the weekly pattern (holidays, moved working days, cancelled days for an area and some grades).
/// <see cref="Synthetic"/> marks a calendar the system generated because none was loaded for the year (quarters from
/// 1 September, public holidays, breaks); it is read-only on the wire: a calendar an operator sets is never synthetic.
/// </summary>
public sealed record AcademicCalendarDocument(
    IReadOnlyList<TermDates>? Terms,
    IReadOnlyList<CalendarDay>? Days,
    bool Synthetic = false);

/// <summary>A quarter, semester or monitoring period: term number and first and last day, inclusive.</summary>
public sealed record TermDates(
    int? Term,
    DateOnly? Starts,
    DateOnly? Ends);

/// <summary>
/// An exception to the week: <c>holiday</c> (no lessons), <c>working</c> (a moved working day, e.g. a Saturday)
/// or <c>cancelled</c> (no lessons in <see cref="NodeId"/>'s subtree for <see cref="Grades"/>; null = everywhere, all grades).
/// </summary>
public sealed record CalendarDay(
    DateOnly? Day,
    string? Kind,
    string? NodeId,
    IReadOnlyList<int>? Grades,
    string? Reason);
