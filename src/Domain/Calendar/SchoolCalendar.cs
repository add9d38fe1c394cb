using EduInfo.Domain.Journal;

namespace EduInfo.Domain.Calendar;

/// <summary>Whether lessons may be recorded on a day, and why not.</summary>
public enum DayStatus
{
    SchoolDay,
    OutsideTerm,
    DayOff,
    Cancelled,
}

/// <summary>
/// The calendar rules as pure functions (DESIGN.md §2, Calendar): which term a date is in, and whether it is a
/// school day for a class — inside a term, not a weekly day off (Sunday; Saturday too in a five-day week) unless
/// moved to a working day, not a holiday, and not cancelled for the class's area and grade.
/// </summary>
public sealed class SchoolCalendar
{
    private readonly IReadOnlyList<(int Term, DateOnly Starts, DateOnly Ends)> _terms;
    private readonly IReadOnlyList<CalendarDay> _days;

    public SchoolCalendar(AcademicCalendarDocument document)
    {
        _terms = (document.Terms ?? [])
            .Where(t => t.Term is not null && t.Starts is not null && t.Ends is not null)
            .Select(t => (t.Term!.Value, t.Starts!.Value, t.Ends!.Value))
            .OrderBy(t => t.Item1)
            .ToList();
        _days = document.Days ?? [];
    }

    public IReadOnlyList<(int Term, DateOnly Starts, DateOnly Ends)> Terms => _terms;

    /// <summary>The term a date falls in, or 0 between terms.</summary>
    public int TermOf(DateOnly date)
    {
        foreach (var (term, starts, ends) in _terms)
        {
            if (date >= starts && date <= ends)
            {
                return term;
            }
        }
        return 0;
    }

    public (DateOnly Starts, DateOnly Ends)? Dates(int term) =>
        _terms.FirstOrDefault(t => t.Term == term) is { Term: > 0 } t ? (t.Starts, t.Ends) : null;

    public DayStatus Check(DateOnly date, int schoolWeek, int grade, IReadOnlyCollection<string> classPath)
    {
        if (TermOf(date) == 0)
        {
            return DayStatus.OutsideTerm;
        }
        var exceptions = _days.Where(d => d.Day == date).ToList();
        if (exceptions.Any(d => d.Kind == "holiday"))
        {
            return DayStatus.DayOff;
        }
        var weeklyOff = date.DayOfWeek == DayOfWeek.Sunday || (schoolWeek < 6 && date.DayOfWeek == DayOfWeek.Saturday);
        if (weeklyOff && !exceptions.Any(d => d.Kind == "working"))
        {
            return DayStatus.DayOff;
        }
        return exceptions.Any(d => d.Kind == "cancelled"
                && (d.NodeId is null || classPath.Contains(d.NodeId))
                && (d.Grades is null || d.Grades.Count == 0 || d.Grades.Contains(grade)))
            ? DayStatus.Cancelled
            : DayStatus.SchoolDay;
    }

    public static JournalError? ErrorOf(DayStatus status) => status switch
    {
        DayStatus.OutsideTerm => JournalError.DateOutsideTerm,
        DayStatus.DayOff => JournalError.DayOff,
        DayStatus.Cancelled => JournalError.DayCancelled,
        _ => null,
    };

    /// <summary>At most six terms a year (quarters, semesters, monitoring points; the summary filter's range).</summary>
    public const int MaxTerms = 6;

    public static readonly IReadOnlySet<string> DayKinds = new HashSet<string>(StringComparer.Ordinal) { "holiday", "working", "cancelled" };

    /// <summary>
    /// Problems with a new calendar replacing <paramref name="current"/> on <paramref name="today"/>: terms numbered
    /// 1..n in order without overlap inside the academic year; terms already started keep their dates; exceptions
    /// dated before today stay as they were (no recorded entry moves to another term or becomes invalid).
    /// </summary>
    public static IReadOnlyList<EntryProblem> Validate(string academicYear, AcademicCalendarDocument proposed, AcademicCalendarDocument? current, DateOnly today)
    {
        var problems = new List<EntryProblem>();
        var (first, last) = AcademicCalendar.Bounds(academicYear);
        var terms = proposed.Terms ?? [];
        if (terms.Count == 0)
        {
            problems.Add(new("terms", JournalError.Required, []));
        }
        else if (terms.Count > MaxTerms)
        {
            problems.Add(new("terms", JournalError.CalendarTermsInvalid, []));
            return problems;
        }
        DateOnly? previousEnd = null;
        for (var i = 0; i < terms.Count; i++)
        {
            var t = terms[i];
            if (t is null || t.Term != i + 1 || t.Starts is null || t.Ends is null || t.Ends < t.Starts || t.Starts < first || t.Ends > last
                || (previousEnd is not null && t.Starts <= previousEnd))
            {
                problems.Add(new($"terms[{i}]", JournalError.CalendarTermsInvalid, []));
                continue;
            }
            previousEnd = t.Ends;
        }
        var currentTerms = current?.Terms ?? [];
        foreach (var started in currentTerms.Where(t => t.Starts <= today))
        {
            var now = terms.FirstOrDefault(t => t?.Term == started.Term);
            if (now is null || now.Starts != started.Starts || (now.Ends != started.Ends && (started.Ends < today || now.Ends < today)))
            {
                problems.Add(new($"terms[{(started.Term ?? 1) - 1}]", JournalError.CalendarTermStarted, []));
            }
        }

        var days = proposed.Days ?? [];
        for (var i = 0; i < days.Count; i++)
        {
            var d = days[i];
            if (d is null || d.Day is null || d.Day < first || d.Day > last || d.Kind is null || !DayKinds.Contains(d.Kind)
                || (d.Grades ?? []).Any(g => g is < 0 or > 12) || (d.Reason?.Length ?? 0) > 200 || (d.NodeId?.Length ?? 0) > 64)
            {
                problems.Add(new($"days[{i}]", JournalError.CalendarDayInvalid, []));
            }
        }
        var key = (CalendarDay d) => $"{d.Day:yyyy-MM-dd}|{d.Kind}|{d.NodeId}|{string.Join(',', (d.Grades ?? []).Order())}";
        var pastBefore = (current?.Days ?? []).Where(d => d.Day < today).Select(key).Order(StringComparer.Ordinal).ToList();
        var pastAfter = days.Where(d => d?.Day < today).Select(d => key(d!)).Order(StringComparer.Ordinal).ToList();
        // Without a calendar nothing could be recorded, so a first calendar loaded mid-year may bring past holidays.
        if (current is not null && !pastBefore.SequenceEqual(pastAfter, StringComparer.Ordinal))
        {
            problems.Add(new("days", JournalError.CalendarDayPast, []));
        }
        return problems;
    }
}
