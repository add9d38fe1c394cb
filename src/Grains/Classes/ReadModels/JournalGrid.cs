using EduInfo.Domain.Journal;
using EduInfo.Domain.Metrics;
using EduInfo.Grains.Interfaces.Journal;

namespace EduInfo.Grains.Classes.ReadModels;

/// <summary>
/// The teacher's journal grid of one subject and term: the lessons held with how many were absent, and per student of
/// the roster (at the term's end, or today while it runs) every mark, every absence and the standing. Pure: the
/// class's effective rows of the subject in the term and its ledger go in.
/// </summary>
public static class JournalGrid
{
    public static ClassJournalView? Of(string classId, string subjectId, int term, IReadOnlyList<JournalRow> rows, ClassLedger ledger, DateOnly today,
        long watermark)
    {
        if (ledger.Rules.Dates(term) is not { } dates)
        {
            return null;
        }
        var roster = ledger.RosterOn(dates.Ends < today ? dates.Ends : today);
        var rollCalls = rows.Where(r => r.EntryKind == EntryKind.Lesson).Select(r => (Row: r, Absences: r.Absences())).ToList();
        var lessons = rollCalls
            .Select(l => new JournalGridLesson(l.Row.Sequence, l.Row.Date, l.Row.Period ?? 0, l.Row.Roster?.Count ?? 0,
                l.Absences.Count(a => a.Value != AbsenceCode.Late)))
            .ToList();
        var students = roster.Order(StringComparer.Ordinal).Select(studentId => new JournalGridStudent(
            studentId,
            rows.Where(r => r.EntryKind == EntryKind.Mark && r.StudentId == studentId && r.MarkKind is not null)
                .Select(r => new JournalGridMark(r.Sequence, r.Date, r.MarkKind!.Value, r.Score ?? 0, r.MaxScore ?? 0))
                .ToList(),
            rollCalls
                .SelectMany(l => l.Absences.Where(a => a.Key == studentId)
                    .Select(a => new JournalGridAbsence(l.Row.Sequence, l.Row.Date, l.Row.Period ?? 0, a.Value)))
                .ToList(),
            ledger.ResultOf(studentId, term, subjectId) is { } result ? Standings.Of(ledger, studentId, term, subjectId, result) : null)).ToList();
        return new ClassJournalView(classId, subjectId, term, dates.Starts, dates.Ends, ledger.ClosedTerms.Contains(term), lessons, students, watermark);
    }
}
