using EduInfo.Domain.Metrics;
using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.Storage.Registry;

namespace EduInfo.Api.Contracts;

/// <summary>
/// The <c>term</c>, <c>subjectId</c> and <c>year</c> query filters of summaries. Live summaries hold one academic
/// year, their data's (<see cref="NodeSummary.AcademicYear"/>); another year is refused with a clear reason rather
/// than answered from a scan. <see cref="Year"/> is the year asked for, null when none was.
/// </summary>
public sealed record SummaryFilter(string? Year, SummaryKey Key)
{
    public const int MaxTerm = 6;

    /// <summary>The problem of a year asked for that the live summaries (of <paramref name="liveYear"/>) do not hold.</summary>
    public (string Field, string Code)? YearProblem(string? liveYear) => Year is not null && Year != liveYear ? ("year", "yearNotLive") : null;

    public static SummaryFilter? Parse(string? term, string? subjectId, string? year, List<(string Field, string Code)> problems)
    {
        var termNumber = SummaryKey.Year;
        if (term is not null && (!int.TryParse(term, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out termNumber)
                                 || termNumber is < 1 or > MaxTerm))
        {
            problems.Add(("term", "termOutOfRange"));
        }
        if (subjectId is not null && !RegistryIds.IsWellFormed(subjectId))
        {
            problems.Add(("subjectId", "idMalformed"));
        }
        return problems.Count > 0 ? null : new SummaryFilter(year, new SummaryKey(termNumber, subjectId ?? SummaryKey.AllSubjects));
    }
}
