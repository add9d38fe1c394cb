using EduInfo.Domain.Journal;
using static EduInfo.Domain.Journal.EntryRules;

namespace EduInfo.Domain.YearEnd;

/// <summary>The council's decisions as sent: per pupil a decision's name and, where it departs from the default, a reason.</summary>
public sealed record ProposedCouncil(IReadOnlyList<ProposedCouncilDecision?>? Decisions);

public sealed record ProposedCouncilDecision(string? StudentId, string? Decision, string? Reason);

/// <summary>Decisions to store: each pupil's decision and the reason given (null where the default was taken).</summary>
public sealed record NewCouncil(IReadOnlyList<(string StudentId, CouncilDecision Decision, string? Reason)> Decisions);

/// <summary>
/// Validates the pedagogical council's decisions (issue 20): the head of the class's organization (or above) only;
/// pupils enrolled in the class today, each once; a known decision; "graduated" only in the final grade and never
/// before every examination is written; a reason whenever the decision is not the one proposed from the year's outcome
/// (leaving the school is never proposed, so it always has one). Pure.
/// </summary>
public static class CouncilValidator
{
    public static string NameOf(CouncilDecision decision) => decision switch
    {
        CouncilDecision.Promoted => "promoted",
        CouncilDecision.PromotedConditionally => "promotedConditionally",
        CouncilDecision.RepeatsYear => "repeatsYear",
        CouncilDecision.LeftSchool => "leftSchool",
        _ => "graduated",
    };

    public static ValidatedEntry<NewCouncil> Validate(ProposedCouncil council, ClassRules rules, JournalWriter writer, FinalAttestationPolicy policy,
        IReadOnlyDictionary<string, CouncilDecision?> proposed, DateOnly today)
    {
        var cls = rules.Class;
        if (!writer.IsHeadOf(cls))
        {
            return ValidatedEntry<NewCouncil>.Invalid("decisions", JournalError.NotAllowed);
        }
        if (council.Decisions is not { Count: > 0 } decisions)
        {
            return ValidatedEntry<NewCouncil>.Invalid("decisions", JournalError.Required);
        }
        var enrolled = cls.Enrolments.Where(e => e.CoversDate(today)).Select(e => e.StudentId).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<EntryProblem>();
        var rows = new List<(string, CouncilDecision, string?)>();
        for (var i = 0; i < decisions.Count; i++)
        {
            var at = $"decisions[{i}]";
            if (decisions[i] is not { } d)
            {
                problems.Add(Problem(at, JournalError.Required));
                continue;
            }
            if (string.IsNullOrEmpty(d.StudentId))
            {
                problems.Add(Problem($"{at}.studentId", JournalError.Required));
            }
            else if (!enrolled.Contains(d.StudentId))
            {
                problems.Add(Problem($"{at}.studentId", JournalError.StudentNotInClass));
            }
            else if (!seen.Add(d.StudentId))
            {
                problems.Add(Problem($"{at}.studentId", JournalError.StudentRepeated));
            }
            var decision = Enum.GetValues<CouncilDecision>().Cast<CouncilDecision?>().FirstOrDefault(c => NameOf(c!.Value) == d.Decision);
            if (decision is null)
            {
                problems.Add(Problem($"{at}.decision", d.Decision is null ? JournalError.Required : JournalError.CouncilDecisionUnknown));
                continue;
            }
            var proposal = d.StudentId is not null ? proposed.GetValueOrDefault(d.StudentId) : null;
            if (decision == CouncilDecision.Graduated && (cls.Grade < policy.FinalGrade || (d.StudentId is not null && proposed.ContainsKey(d.StudentId) && proposal is null)))
            {
                problems.Add(Problem($"{at}.decision", JournalError.CouncilCannotGraduate));
            }
            else if (d.StudentId is not null && enrolled.Contains(d.StudentId) && decision != proposal && ReasonProblem(d.Reason) is { } reason)
            {
                // Departing from the default needs the council's reason; a reason given anyway is kept.
                problems.Add(reason with { Field = $"{at}.reason" });
            }
            else if (!string.IsNullOrWhiteSpace(d.Reason) && !IsValidReason(d.Reason))
            {
                problems.Add(ReasonProblem(d.Reason)! with { Field = $"{at}.reason" });
            }
            rows.Add((d.StudentId ?? "", decision.Value, string.IsNullOrWhiteSpace(d.Reason) ? null : d.Reason.Trim()));
        }
        return problems.Count > 0 ? ValidatedEntry<NewCouncil>.Invalid(problems) : ValidatedEntry<NewCouncil>.Valid(new NewCouncil(rows));
    }
}
