using EduInfo.Domain.Assessment;
using EduInfo.Domain.Journal;
using System.Text.Json;

namespace EduInfo.Domain.Metrics;

/// <summary>How a term result is shown to people: percentages to two places, the exact term % to four, the weights used.</summary>
public static class Standings
{
    public static TermStanding Of(ClassLedger ledger, string studentId, int term, string subjectId, TermResult result)
    {
        var work = ledger.WorkOf(studentId, term, subjectId);
        // An exempt pupil owes nothing in the subject: no pending or excused components to show.
        var components = result.Outcome == TermOutcome.Exempt ? [] : ledger.ComponentsOf(studentId, term, subjectId);
        (string? Letter, decimal? Gpa) college = ledger.IsCollege && result.Percent is { } p ? CollegeGrade.Of(p) : (null, null);
        return new TermStanding(
            subjectId,
            term,
            JsonNamingPolicy.CamelCase.ConvertName(result.Outcome.ToString()),
            ledger.ClosedTerms.Contains(term),
            Percent(work, MarkKind.Formative),
            Percent(work, MarkKind.Section),
            Percent(work, MarkKind.Term),
            result.ExactPercent is { } exact ? Math.Round(exact.ToDecimal(), 4, MidpointRounding.AwayFromZero) : null,
            result.Percent,
            ledger.IsCollege ? null : result.Mark,
            college.Letter,
            college.Gpa,
            result.WeightsUsed.ToDictionary(w => JsonNamingPolicy.CamelCase.ConvertName(w.Key.ToString()),
                w => Math.Round(w.Value.ToDecimal() * 100, 2, MidpointRounding.AwayFromZero)),
            components.Where(c => c.State == ComponentState.Pending).Select(c => JsonNamingPolicy.CamelCase.ConvertName(c.Kind.ToString())).ToList(),
            components.Where(c => c.State == ComponentState.Excused).Select(c => JsonNamingPolicy.CamelCase.ConvertName(c.Kind.ToString())).ToList());
    }

    /// <summary>The annual standing of a subject (term 0): the rounded mean of the term marks so far.</summary>
    public static TermStanding Annual(ClassLedger ledger, string subjectId, TermResult result, bool final) => new(
        subjectId, 0, JsonNamingPolicy.CamelCase.ConvertName(result.Outcome.ToString()), final,
        null, null, null, null, result.Percent, ledger.IsCollege ? null : result.Mark,
        ledger.IsCollege && result.Percent is { } p ? CollegeGrade.Of(p).Letter : null,
        ledger.IsCollege && result.Percent is { } q ? CollegeGrade.Of(q).Gpa : null,
        new Dictionary<string, decimal>(), []);

    private static decimal? Percent(TermWork? work, MarkKind kind)
    {
        if (work is not { } w || !w.Has(kind))
        {
            return null;
        }
        var (_, score, max) = w.Of(kind);
        return Math.Round(100m * score / max, 2, MidpointRounding.AwayFromZero);
    }
}
