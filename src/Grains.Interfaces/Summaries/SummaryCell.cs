using EduInfo.Domain.Metrics;

namespace EduInfo.Grains.Interfaces.Summaries;

/// <summary>The figures of one term (0 = the year) and subject ("" = all): a list entry, so summaries also travel as JSON.</summary>
[GenerateSerializer, Immutable]
public sealed record SummaryCell(
    [property: Id(0)] int Term,
    [property: Id(1)] string SubjectId,
    [property: Id(2)] SummaryFigures Figures)
{
    public SummaryKey Key => new(Term, SubjectId);
}
