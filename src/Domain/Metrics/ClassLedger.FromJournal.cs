using EduInfo.Domain.Assessment;
using EduInfo.Domain.Calendar;
using EduInfo.Domain.Journal;
using EduInfo.Domain.Registry;

namespace EduInfo.Domain.Metrics;

public sealed partial class ClassLedger
{
    /// <summary>
    /// A class's ledger from what it rebuilds from: the class, its calendar and policies, the journal's sums read in
    /// one snapshot with the watermark (which also say the terms closed), and its timetable.
    /// </summary>
    /// <param name="defaultFormativeScale">The formative scale of a term no policy covers (configured).</param>
    public static ClassLedger FromJournal(ClassRecord cls, SchoolCalendar? calendar, IReadOnlyList<AssessmentPolicy> policies, int defaultFormativeScale,
        ClassLedgerData data, IReadOnlyList<ScheduledSlot> timetable)
    {
        var rules = new ClassRules(cls, calendar, policies, data.ClosedTerms, defaultFormativeScale);
        var ledger = new ClassLedger(rules, cls.Assignments.Select(a => a.SubjectId).ToHashSet(StringComparer.Ordinal));
        foreach (var m in data.RecordedMarks)
        {
            ledger.AddRecordedMarks(m.SubjectId, m.Term, m.Kind, m.Count, m.ScoreSum, m.MaxSum);
        }
        foreach (var m in data.StudentMarks)
        {
            ledger.AddStudentWork(m.StudentId, m.SubjectId, m.Term, m.Kind, m.Count, m.ScoreSum, m.MaxSum);
        }
        foreach (var l in data.Lessons)
        {
            ledger.AddLessons(l.SubjectId, l.Term, JournalFigures.Seats(l.Lessons, l.Seats, l.Late, l.Unexcused, l.Excused, l.Sick));
        }
        foreach (var s in data.Seats)
        {
            ledger.AddSeats(s);
        }
        foreach (var e in data.Excusals ?? [])
        {
            ledger.AddExcusal(e.StudentId, e.SubjectId, e.Term, e.Kind);
        }
        foreach (var e in data.Exemptions ?? [])
        {
            ledger.AddExemption(e.StudentId, e.SubjectId, e.Term);
        }
        ledger.SetTimetable(timetable);
        return ledger;
    }
}
