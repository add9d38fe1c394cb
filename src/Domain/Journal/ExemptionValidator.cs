using System.Globalization;
using static EduInfo.Domain.Journal.EntryRules;

namespace EduInfo.Domain.Journal;

/// <summary>
/// Validates a head's exemption of a pupil from a subject (issue 20): the head of the class's organization (or above)
/// only, a pupil and subject of the class, a listed ground and a reason, for a term of the calendar not closed yet, or
/// for the whole year while its last term is open. An exemption may be recorded ahead of its term. Pure.
/// </summary>
public static class ExemptionValidator
{
    public static ValidatedEntry<NewExemption> Validate(ProposedExemption exemption, ClassRules rules, JournalWriter writer)
    {
        var cls = rules.Class;
        if (!writer.IsHeadOf(cls))
        {
            return ValidatedEntry<NewExemption>.Invalid("studentId", JournalError.NotAllowed);
        }
        var problems = new List<EntryProblem>();
        if (exemption.EntryId is null || exemption.EntryId == Guid.Empty)
        {
            problems.Add(Problem("entryId", JournalError.Required));
        }
        if (string.IsNullOrEmpty(exemption.StudentId))
        {
            problems.Add(Problem("studentId", JournalError.Required));
        }
        else if (!cls.Enrolments.Any(e => e.StudentId == exemption.StudentId))
        {
            problems.Add(Problem("studentId", JournalError.StudentNotInClass));
        }
        if (string.IsNullOrEmpty(exemption.SubjectId))
        {
            problems.Add(Problem("subjectId", JournalError.Required));
        }
        else if (!cls.Assignments.Any(a => a.SubjectId == exemption.SubjectId))
        {
            problems.Add(Problem("subjectId", JournalError.SubjectUnknown));
        }
        var ground = ExemptionGround.Medical;
        if (exemption.Ground is null)
        {
            problems.Add(Problem("ground", JournalError.Required));
        }
        else if (!JournalNames.TryParseExemptionGround(exemption.Ground, out ground))
        {
            problems.Add(Problem("ground", JournalError.ExemptionGroundUnknown));
        }
        if (ReasonProblem(exemption.Reason) is { } reason)
        {
            problems.Add(reason);
        }
        // The year: from its first term's first day, while its last term is open. A term: while it is open.
        var terms = rules.Terms;
        var term = exemption.Term ?? terms.FirstOrDefault().Term;
        if (rules.Calendar is null || terms.Count == 0)
        {
            problems.Add(Problem("term", JournalError.CalendarMissing));
        }
        else if (rules.Dates(term) is null)
        {
            problems.Add(Problem("term", JournalError.TermUnknown));
        }
        else if (rules.ClosedTerms.Contains(exemption.Term ?? terms[^1].Term))
        {
            problems.Add(Problem("term", JournalError.TermClosed));
        }
        if (problems.Count > 0)
        {
            return ValidatedEntry<NewExemption>.Invalid(problems);
        }

        var scope = exemption.Term is { } t ? t.ToString(CultureInfo.InvariantCulture) : "year";
        var hash = JournalBatchValidator.Hash(cls.ClassId, JournalNames.Of(EntryKind.Exemption), exemption.StudentId!, exemption.SubjectId!,
            scope, JournalNames.Of(ground), exemption.Reason!);
        return ValidatedEntry<NewExemption>.Valid(new NewExemption(exemption.EntryId!.Value, exemption.StudentId!, exemption.SubjectId!,
            rules.Dates(term)!.Value.Starts, exemption.Term is null, ground, exemption.Reason!.Trim(), hash));
    }
}
