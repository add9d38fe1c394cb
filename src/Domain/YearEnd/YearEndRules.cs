using EduInfo.Domain.Assessment;

namespace EduInfo.Domain.YearEnd;

/// <summary>
/// The year's end for one pupil (issue 20), pure: final marks from the annual and examination marks, the subjects
/// failed, the pedagogical council's default decision and the education document earned. docs/assessment.md, Year end.
/// </summary>
public static class YearEndRules
{
    /// <summary>The highest mark of the five-point scale (a distinction needs it in every subject).</summary>
    public const int TopMark = 5;

    public static YearOutcome Of(FinalAttestationPolicy policy, int grade, bool descriptive, IReadOnlyList<SubjectYear> subjects)
    {
        // Descriptive grades (grade 1) have no marks: the council promotes on the teachers' descriptions.
        if (descriptive)
        {
            return new YearOutcome([], [], true, CouncilDecision.Promoted, null, false);
        }
        var attested = policy.Documents.ContainsKey(grade);
        var finals = subjects.OrderBy(s => s.SubjectId, StringComparer.Ordinal).Select(s => Final(policy, attested, s)).ToList();
        var failed = finals.Where(f => f.Fails).Select(f => f.SubjectId).ToList();
        var examsWritten = finals.All(f => f.Source != FinalMarkSource.ExamPending);
        // Nothing is proposed while an examination is still to be written: the outcome is not known yet.
        CouncilDecision? proposed = !examsWritten ? null
            : failed.Count == 0 ? (grade >= policy.FinalGrade ? CouncilDecision.Graduated : CouncilDecision.Promoted)
            : failed.Count <= policy.MaxReexaminations ? CouncilDecision.PromotedConditionally
            : CouncilDecision.RepeatsYear;
        // A document lists final marks: a pupil with none (nothing assessed yet) has earned nothing.
        var earned = attested && examsWritten && failed.Count == 0 && finals.Any(f => f.Mark is not null);
        var marks = finals.Where(f => f.Mark is not null).Select(f => f.Mark!.Value).ToList();
        return new YearOutcome(finals, failed, examsWritten, proposed,
            earned ? policy.Documents[grade] : null,
            earned && marks.Count > 0 && marks.All(m => m == TopMark));
    }

    /// <summary>One subject's final mark: exempt and н/а as they are; an examined subject combines annual and exam marks.</summary>
    public static FinalMark Final(FinalAttestationPolicy policy, bool attested, SubjectYear s)
    {
        switch (s.Annual)
        {
            case TermOutcome.Exempt:
                return new FinalMark(s.SubjectId, null, FinalMarkSource.Exempt, false);
            case TermOutcome.Marked when s.AnnualMark is { } annual:
                if (!attested || !s.Examined)
                {
                    return new FinalMark(s.SubjectId, annual, FinalMarkSource.Annual, annual < policy.PassMark);
                }
                if (s.ExamMark is not { } exam)
                {
                    return new FinalMark(s.SubjectId, null, FinalMarkSource.ExamPending, false);
                }
                var weights = policy.AnnualWeight + policy.ExamWeight;
                var final = new Fraction((long)annual * policy.AnnualWeight + (long)exam * policy.ExamWeight, weights).RoundHalfUp();
                // A failed examination fails the subject whatever the mean: it is re-examined.
                return new FinalMark(s.SubjectId, final, FinalMarkSource.Combined, final < policy.PassMark || exam < policy.PassMark);
            default:
                // н/а for the year (or no annual result at all): not attested in the subject.
                return new FinalMark(s.SubjectId, null, FinalMarkSource.NotAttested, true);
        }
    }
}
