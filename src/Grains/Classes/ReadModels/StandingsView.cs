using EduInfo.Domain.Assessment;
using EduInfo.Domain.Metrics;
using EduInfo.Grains.Interfaces.Assessment;
using EduInfo.Domain.Calendar;

namespace EduInfo.Grains.Classes.ReadModels;

/// <summary>
/// A student's standings from a class's ledger: one per subject of every started term where they have a term result
/// (descriptive grades have none), and the year's per subject — final once every term is closed. Pure.
/// </summary>
public static class StandingsView
{
    /// <param name="ledger">The class's ledger; null when the class is unknown (no terms, no standings).</param>
    public static StudentStandings Of(string classId, string studentId, ClassLedger? ledger, DateOnly today)
    {
        var standings = new List<TermStanding>();
        var terms = ledger?.Rules.Terms ?? [];
        if (ledger is not null)
        {
            var perSubject = new Dictionary<string, List<TermResult>>(StringComparer.Ordinal);
            foreach (var (term, _, _) in terms.Where(t => t.Starts <= today))
            {
                foreach (var subjectId in ledger.SubjectsOf(term))
                {
                    if (ledger.ResultOf(studentId, term, subjectId) is not { } result || result.Outcome == TermOutcome.Descriptive)
                    {
                        continue;
                    }
                    standings.Add(Standings.Of(ledger, studentId, term, subjectId, result));
                    if (!perSubject.TryGetValue(subjectId, out var list))
                    {
                        perSubject[subjectId] = list = [];
                    }
                    list.Add(result);
                }
            }
            var yearFinal = terms.Count > 0 && terms.All(t => ledger.ClosedTerms.Contains(t.Term));
            foreach (var (subjectId, results) in perSubject)
            {
                if (ledger.Annual(results) is { } annual)
                {
                    standings.Add(Standings.Annual(ledger, subjectId, annual, yearFinal));
                }
            }
        }
        return new StudentStandings(classId,
            terms.Select(t => new TermDates(t.Term, t.Starts, t.Ends)).ToList(),
            ledger?.ClosedTerms.Order().ToList() ?? [],
            standings);
    }
}
