using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.Storage.Registry;

namespace EduInfo.Api.Contracts;

/// <summary>
/// The <c>term</c>, <c>subjectId</c> and <c>year</c> query filters of summaries. Live summaries hold the current
/// academic year; another year is refused with a clear reason rather than answered from a scan.
/// </summary>
public sealed record SummaryFilter(string? Year, SummaryKey Key)
{
    public const int MaxTerm = 6;

    public static SummaryFilter? Parse(string? term, string? subjectId, string? year, string currentYear, List<(string Field, string Code)> problems)
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
        if (year is not null && year != currentYear)
        {
            problems.Add(("year", "yearNotLive"));
        }
        return problems.Count > 0 ? null : new SummaryFilter(currentYear, new SummaryKey(termNumber, subjectId ?? SummaryKey.AllSubjects));
    }
}
