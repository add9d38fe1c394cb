using EduInfo.Domain.Assessment;
using EduInfo.Domain.Metrics;
using EduInfo.Domain.YearEnd;
using EduInfo.Grains.Interfaces.Assessment;

namespace EduInfo.Grains.Classes.ReadModels;

/// <summary>
/// A class's year end from its ledger, its examinations and the council's recorded decisions, pure: each pupil of today's roster, each subject with an
/// annual result (the ledger's rule, as the diary shows it) or an examination registered, through <see cref="YearEndRules"/>.
/// </summary>
public static class YearEndViews
{
    public static ClassYearEndView Of(string classId, ClassLedger ledger, IReadOnlyDictionary<string, IReadOnlyDictionary<string, int?>> exams,
        IReadOnlyDictionary<string, CouncilDecision> decided, FinalAttestationPolicy policy, DateOnly today)
    {
        var grade = ledger.Rules.Class.Grade;
        var attested = policy.Documents.ContainsKey(grade);
        var started = ledger.Rules.Terms.Where(t => t.Starts <= today).Select(t => t.Term).ToList();
        var descriptive = started.Count > 0 && ledger.PolicyOf(started[0]) is { } p && p.DescriptiveGrades.Contains(grade);
        var subjects = started.SelectMany(ledger.SubjectsOf).Concat(attested ? exams.Keys : []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var pupils = new List<PupilYearEndView>();
        // Colleges end their years by their own rules (semesters, GPA): not these.
        foreach (var studentId in ledger.IsCollege ? Enumerable.Empty<string>() : ledger.RosterOn(today).Order(StringComparer.Ordinal))
        {
            var years = new List<SubjectYear>();
            foreach (var subjectId in subjects)
            {
                var annual = ledger.Annual([.. started.Select(t => ledger.ResultOf(studentId, t, subjectId)).OfType<TermResult>()]);
                var examined = attested && exams.TryGetValue(subjectId, out var marks);
                if (annual is null && !examined)
                {
                    continue;
                }
                years.Add(new SubjectYear(subjectId, annual?.Outcome ?? TermOutcome.NotYetAssessed, annual?.Mark, examined,
                    examined ? exams[subjectId].GetValueOrDefault(studentId) : null));
            }
            var outcome = YearEndRules.Of(policy, grade, descriptive, years);
            var finals = outcome.Finals.ToDictionary(f => f.SubjectId, StringComparer.Ordinal);
            pupils.Add(new PupilYearEndView(studentId,
                [.. years.Select(y => new SubjectYearEndView(y.SubjectId, y.Annual, y.AnnualMark, y.ExamMark,
                    finals.GetValueOrDefault(y.SubjectId)?.Mark, finals.GetValueOrDefault(y.SubjectId)?.Source ?? FinalMarkSource.Annual,
                    finals.GetValueOrDefault(y.SubjectId)?.Fails ?? false))],
                outcome.Failed, outcome.ExamsWritten, outcome.Proposed, outcome.Document, outcome.WithDistinction,
                decided.TryGetValue(studentId, out var decision) ? decision : null));
        }
        return new ClassYearEndView(classId, grade, attested, attested ? [.. exams.Keys.Order(StringComparer.Ordinal)] : [], pupils);
    }
}
