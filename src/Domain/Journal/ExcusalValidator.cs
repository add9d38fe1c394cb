using System.Globalization;
using static EduInfo.Domain.Journal.EntryRules;

namespace EduInfo.Domain.Journal;

/// <summary>
/// Validates a head's excusal of a student's missed section or term summative in a subject and term: the head of the
/// class's organization (or above) only, a student and subject of the class, a term started and still open. Pure.
/// </summary>
public static class ExcusalValidator
{
    public static ValidatedEntry<NewExcusal> Validate(ProposedExcusal excusal, ClassRules rules, JournalWriter writer, DateOnly today)
    {
        var cls = rules.Class;
        if (!writer.IsHeadOf(cls))
        {
            return ValidatedEntry<NewExcusal>.Invalid("studentId", JournalError.NotAllowed);
        }
        var problems = new List<EntryProblem>();
        if (excusal.EntryId is null || excusal.EntryId == Guid.Empty)
        {
            problems.Add(Problem("entryId", JournalError.Required));
        }
        if (string.IsNullOrEmpty(excusal.StudentId))
        {
            problems.Add(Problem("studentId", JournalError.Required));
        }
        else if (!cls.Enrolments.Any(e => e.StudentId == excusal.StudentId))
        {
            problems.Add(Problem("studentId", JournalError.StudentNotInClass));
        }
        if (string.IsNullOrEmpty(excusal.SubjectId))
        {
            problems.Add(Problem("subjectId", JournalError.Required));
        }
        else if (!cls.Assignments.Any(a => a.SubjectId == excusal.SubjectId))
        {
            problems.Add(Problem("subjectId", JournalError.SubjectUnknown));
        }
        var kind = MarkKind.Section;
        if (excusal.Kind is null)
        {
            problems.Add(Problem("kind", JournalError.Required));
        }
        else if (!JournalNames.TryParseMarkKind(excusal.Kind, out kind) || kind is not (MarkKind.Section or MarkKind.Term))
        {
            // Only a summative is excused: a formative mark or a development level has no weight to share out.
            problems.Add(Problem("kind", JournalError.MarkKindUnknown, excusal.Kind));
        }
        if (ReasonProblem(excusal.Reason) is { } reason)
        {
            problems.Add(reason);
        }
        if (excusal.Term is not { } term)
        {
            problems.Add(Problem("term", JournalError.Required));
        }
        else if (rules.StartedTermError(term, today) is { } error)
        {
            problems.Add(Problem("term", error));
        }
        else if (rules.ClosedTerms.Contains(term))
        {
            problems.Add(Problem("term", JournalError.TermClosed));
        }
        if (problems.Count > 0)
        {
            return ValidatedEntry<NewExcusal>.Invalid(problems);
        }

        var hash = JournalBatchValidator.Hash(cls.ClassId, JournalNames.Of(EntryKind.Excusal), excusal.StudentId!, excusal.SubjectId!,
            excusal.Term!.Value.ToString(CultureInfo.InvariantCulture), JournalNames.Of(kind), excusal.Reason!);
        return ValidatedEntry<NewExcusal>.Valid(new NewExcusal(excusal.EntryId!.Value, excusal.StudentId!, excusal.SubjectId!,
            rules.Dates(excusal.Term.Value)!.Value.Starts, kind, excusal.Reason!.Trim(), hash));
    }
}
