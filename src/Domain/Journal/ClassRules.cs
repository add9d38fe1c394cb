using EduInfo.Domain.Assessment;
using EduInfo.Domain.Calendar;
using EduInfo.Domain.Registry;

namespace EduInfo.Domain.Journal;

/// <summary>
/// What a class's entries are checked and counted against besides its roster, as values: its calendar (terms, and
/// school days for its school week, grade and place), the terms closed for it, and the policy each term is assessed
/// under. The class grain builds it with its ledger from what it fetched; validators and the ledger only read it.
/// Without a calendar nothing can be recorded (<see cref="JournalError.CalendarMissing"/>).
/// </summary>
public sealed class ClassRules(
    ClassRecord cls,
    SchoolCalendar? calendar,
    IReadOnlyList<AssessmentPolicy> policies,
    IReadOnlySet<int> closedTerms,
    int defaultFormativeScale = EntryRules.DefaultFormativeScale)
{
    public ClassRecord Class => cls;

    public SchoolCalendar? Calendar => calendar;

    public IReadOnlySet<int> ClosedTerms => closedTerms;

    public IReadOnlyList<(int Term, DateOnly Starts, DateOnly Ends)> Terms => calendar?.Terms ?? [];

    /// <summary>The term a date falls in, or 0 (between terms, or no calendar).</summary>
    public int TermOf(DateOnly date) => calendar?.TermOf(date) ?? 0;

    public (DateOnly Starts, DateOnly Ends)? Dates(int term) => calendar?.Dates(term);

    public bool IsSchoolDay(DateOnly day) => calendar?.Check(day, cls.SchoolWeek, cls.Grade, cls.Path ?? []) == DayStatus.SchoolDay;

    /// <summary>Whether a row of this date falls in a closed term (nothing is closed without a calendar).</summary>
    public bool IsClosedOn(DateOnly date) => calendar is not null && closedTerms.Contains(calendar.TermOf(date));

    /// <summary>Why lessons may not be recorded on a date — not a school day of the class's calendar, or its term closed — or null.</summary>
    public JournalError? DayError(DateOnly date)
    {
        if (calendar is null)
        {
            return JournalError.CalendarMissing;
        }
        if (SchoolCalendar.ErrorOf(calendar.Check(date, cls.SchoolWeek, cls.Grade, cls.Path ?? [])) is { } error)
        {
            return error;
        }
        return IsClosedOn(date) ? JournalError.TermClosed : null;
    }

    /// <summary>Why a term may not be acted on today (closed, reopened, excused in) — no calendar, unknown, not started — or null.</summary>
    public JournalError? StartedTermError(int term, DateOnly today) =>
        calendar is null ? JournalError.CalendarMissing
        : calendar.Dates(term) is not { } dates ? JournalError.TermUnknown
        : dates.Starts > today ? JournalError.TermNotStarted
        : null;

    /// <summary>The policy a term is assessed under: the version in force on its first day.</summary>
    public AssessmentPolicy? PolicyOf(int term) =>
        calendar?.Dates(term) is { } dates ? policies.Where(p => p.EffectiveFrom <= dates.Starts).MaxBy(p => p.EffectiveFrom) : null;

    /// <summary>The formative scale of the policy the date's term is assessed under (the configured default without one).</summary>
    public int FormativeScaleOn(DateOnly date) => PolicyOf(TermOf(date))?.FormativeScale ?? defaultFormativeScale;
}
