using EduInfo.Domain.Assessment;

namespace EduInfo.Domain.Metrics;

// The early-warning list (docs/analysis.md, Signals) from what the ledger already keeps: no recount of the journal.
public sealed partial class ClassLedger
{
    /// <summary>
    /// The pupils of a term's roster (at its end, or today while it runs) that <see cref="EarlyWarning"/> flags, in id
    /// order: their seats and missed seats of the term, their results and the held summatives they lack. Empty for a
    /// term the calendar lacks or one not begun.
    /// </summary>
    public IReadOnlyList<PupilWarning> Warnings(int term, DateOnly today)
    {
        if (rules.Dates(term) is not { } dates || dates.Starts > today)
        {
            return [];
        }
        var seats = new Dictionary<string, (int Seats, int Missed)>(StringComparer.Ordinal);
        foreach (var (studentId, date, held, missed) in _days.All())
        {
            if (date >= dates.Starts && date <= dates.Ends)
            {
                var sum = seats.GetValueOrDefault(studentId);
                seats[studentId] = (sum.Seats + held, sum.Missed + missed);
            }
        }
        var policy = PolicyOf(term);
        var subjects = SubjectsOf(term).ToList();
        var warnings = new List<PupilWarning>();
        foreach (var studentId in RosterOn(CountDay(dates.Ends, today)).Order(StringComparer.Ordinal))
        {
            // A descriptive grade (no marks) owes nothing and fails nothing.
            var standings = subjects
                .Select(s => (Subject: s, Result: ResultOf(studentId, term, s)))
                .Where(s => s.Result is { Outcome: not (TermOutcome.Descriptive or TermOutcome.Exempt) })
                .Select(s => new SubjectStanding(s.Subject, s.Result!, PendingSummatives(studentId, term, s.Subject, policy)))
                .ToList();
            var (held, missed) = seats.GetValueOrDefault(studentId);
            if (EarlyWarning.Causes(held, missed, standings, IsCollege) is { Count: > 0 } causes)
            {
                warnings.Add(new PupilWarning(studentId, causes));
            }
        }
        return warnings;
    }

    /// <summary>The summatives held for the class that the pupil lacks and was not excused from (a component of weight 0 owes nothing).</summary>
    private List<ComponentKind> PendingSummatives(string studentId, int term, string subjectId, AssessmentPolicy? policy) =>
        [.. ComponentsOf(studentId, term, subjectId)
            .Where(c => c.State == ComponentState.Pending && (policy?.Weights[c.Kind] ?? 0) > 0)
            .Select(c => c.Kind)];
}
