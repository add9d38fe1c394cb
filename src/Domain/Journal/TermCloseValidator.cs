using static EduInfo.Domain.Journal.EntryRules;

namespace EduInfo.Domain.Journal;

/// <summary>
/// Validates closing or reopening a term for a class: the head only, a term of the calendar already started, a reason
/// to reopen (and a valid one if given to close), and a change — closing a closed term or reopening an open one is a
/// conflict. Pure.
/// </summary>
public static class TermCloseValidator
{
    public static ValidatedEntry<TermEvent> Validate(int term, bool close, string? reason, ClassRules rules, JournalWriter writer, DateOnly today)
    {
        if (!writer.IsHeadOf(rules.Class))
        {
            return ValidatedEntry<TermEvent>.Invalid("term", JournalError.NotAllowed);
        }
        var problems = new List<EntryProblem>();
        if ((!close || reason is not null) && ReasonProblem(reason) is { } problem)
        {
            problems.Add(problem);
        }
        if (rules.StartedTermError(term, today) is { } error)
        {
            problems.Add(Problem("term", error));
        }
        if (problems.Count > 0)
        {
            return ValidatedEntry<TermEvent>.Invalid(problems);
        }
        if (close == rules.ClosedTerms.Contains(term))
        {
            return ValidatedEntry<TermEvent>.Invalid("term", close ? JournalError.TermAlreadyClosed : JournalError.TermNotClosed);
        }
        return ValidatedEntry<TermEvent>.Valid(new TermEvent(term, close, reason?.Trim()));
    }
}
