using System.Globalization;
using static EduInfo.Domain.Journal.EntryRules;

namespace EduInfo.Domain.Journal;

/// <summary>
/// Validates a correction of one of a class's rows (DESIGN.md §3): who may correct it, whether its term is still open,
/// and a replacement's values by the rules of a new entry. Pure: the original row, the class's rules, the writer and
/// the limits are inputs. The grain checks <see cref="CheckRequest"/> first (it needs no journal read), reads the row
/// the correction supersedes, and appends the row <see cref="Validate"/> returns.
/// </summary>
public static class CorrectionValidator
{
    /// <summary>The checks that need no journal read: the correction's own id, the row it supersedes, its action and reason.</summary>
    public static IReadOnlyList<EntryProblem> CheckRequest(ProposedCorrection correction)
    {
        var problems = new List<EntryProblem>();
        if (correction.EntryId is null || correction.EntryId == Guid.Empty)
        {
            problems.Add(Problem("entryId", JournalError.Required));
        }
        if (correction.Supersedes is null)
        {
            problems.Add(Problem("supersedes", JournalError.Required));
        }
        if (correction.Action is null)
        {
            problems.Add(Problem("action", JournalError.Required));
        }
        else if (!JournalNames.TryParseCorrectionAction(correction.Action, out _))
        {
            problems.Add(Problem("action", JournalError.CorrectionActionUnknown, correction.Action));
        }
        if (ReasonProblem(correction.Reason) is { } reason)
        {
            problems.Add(reason);
        }
        return problems;
    }

    /// <summary>The correction checked against the row it supersedes (<paramref name="original"/>, null when the journal has none).</summary>
    public static ValidatedEntry<NewCorrection> Validate(ProposedCorrection correction, JournalRow? original, ClassRules rules, JournalWriter writer,
        JournalLimits limits)
    {
        if (CheckRequest(correction) is { Count: > 0 } invalid)
        {
            return ValidatedEntry<NewCorrection>.Invalid(invalid);
        }
        var cls = rules.Class;
        // Another class's row, or a void, is not there to be corrected from here.
        if (original is null || original.Sequence != correction.Supersedes || original.ClassId != cls.ClassId || original.EntryKind == EntryKind.Void)
        {
            return ValidatedEntry<NewCorrection>.Invalid("supersedes", JournalError.EntryNotFound);
        }
        // Excusals and exemptions are the head's decisions: only the head voids them. Marks and roll-calls: the subject's
        // teacher or the head.
        var headDecision = original.EntryKind is EntryKind.Excusal or EntryKind.Exemption;
        var mayCorrect = writer.IsHeadOf(cls)
            || (!headDecision && writer.Teaches(cls, original.SubjectId, original.GroupId, original.Date));
        if (!mayCorrect)
        {
            return ValidatedEntry<NewCorrection>.Invalid("supersedes", JournalError.NotAllowed);
        }
        JournalNames.TryParseCorrectionAction(correction.Action, out var action);
        if (headDecision && action != CorrectionAction.Void)
        {
            return ValidatedEntry<NewCorrection>.Invalid("action", JournalError.CorrectionActionUnknown, correction.Action!);
        }
        if (rules.IsClosedOn(original.Date))
        {
            return ValidatedEntry<NewCorrection>.Invalid("supersedes", JournalError.TermClosed);
        }

        var problems = new List<EntryProblem>();
        int? score = null, maxScore = null;
        List<string>? absentIds = null;
        List<AbsenceCode>? absentCodes = null;
        if (action == CorrectionAction.Replace && original.EntryKind == EntryKind.Mark)
        {
            (score, maxScore) = CheckReplacementMark(original, correction, rules, limits, problems);
        }
        else if (action == CorrectionAction.Replace)
        {
            (absentIds, absentCodes) = CheckReplacementAbsences(original, correction, problems);
        }
        if (problems.Count > 0)
        {
            return ValidatedEntry<NewCorrection>.Invalid(problems);
        }

        var absences = (absentIds ?? []).Zip(absentCodes ?? [], (id, code) => $"{id}:{JournalNames.Of(code)}").Order(StringComparer.Ordinal);
        var hash = JournalBatchValidator.Hash(cls.ClassId, "correction", Text(original.Sequence), correction.Action!,
            score is { } s ? Text(s) : "", maxScore is { } m ? Text(m) : "", string.Join(',', absences), correction.Reason!);
        return ValidatedEntry<NewCorrection>.Valid(new NewCorrection(correction.EntryId!.Value, original.Sequence, action == CorrectionAction.Void,
            correction.Reason!.Trim(), score, maxScore, absentIds, absentCodes, hash));
    }

    /// <summary>A mark's new score, on the scale its kind and term fix, or out of the summative's maximum (the original's if none is given).</summary>
    private static (int? Score, int? MaxScore) CheckReplacementMark(JournalRow original, ProposedCorrection correction, ClassRules rules,
        JournalLimits limits, List<EntryProblem> problems)
    {
        var kind = original.MarkKind!.Value;
        var fixedMax = FixedMaxScore(kind, rules.FormativeScaleOn(original.Date));
        var maxScore = fixedMax ?? correction.MaxScore ?? original.MaxScore!.Value;
        if (fixedMax is { } scale)
        {
            if (correction.MaxScore is { } given && given != scale)
            {
                problems.Add(Problem("maxScore", JournalError.MaxScoreNotAllowed, scale));
            }
        }
        else if (!IsValidSummativeMax(maxScore, limits.MaxSummativeScore))
        {
            problems.Add(Problem("maxScore", JournalError.MaxScoreOutOfRange, 1, limits.MaxSummativeScore));
        }
        // Unlike a new mark's, a replacement's score is checked against its maximum even when that maximum is refused.
        if (ScoreProblem(correction.Score, MinScore(kind), maxScore, "score") is { } problem)
        {
            problems.Add(problem);
        }
        return (correction.Score, maxScore);
    }

    /// <summary>A roll-call's new absentees: students of its stored roster, each once, with a known code.</summary>
    private static (List<string>, List<AbsenceCode>) CheckReplacementAbsences(JournalRow original, ProposedCorrection correction, List<EntryProblem> problems)
    {
        var ids = new List<string>();
        var codes = new List<AbsenceCode>();
        var absentees = correction.Absentees ?? [];
        for (var i = 0; i < absentees.Count; i++)
        {
            var field = $"absentees[{i}]";
            if (absentees[i] is not { } absentee || absentee.StudentId is null)
            {
                problems.Add(Problem($"{field}.studentId", JournalError.Required));
                continue;
            }
            if (!(original.Roster ?? []).Contains(absentee.StudentId))
            {
                problems.Add(Problem($"{field}.studentId", JournalError.StudentNotInClass));
            }
            else if (ids.Contains(absentee.StudentId))
            {
                problems.Add(Problem($"{field}.studentId", JournalError.AbsenteeDuplicate));
            }
            var code = AbsenceCode.Unexcused;
            if (absentee.Code is null)
            {
                problems.Add(Problem($"{field}.code", JournalError.Required));
            }
            else if (!JournalNames.TryParseAbsence(absentee.Code, out code))
            {
                problems.Add(Problem($"{field}.code", JournalError.AbsenceCodeUnknown, absentee.Code));
            }
            ids.Add(absentee.StudentId);
            codes.Add(code);
        }
        return (ids, codes);
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
