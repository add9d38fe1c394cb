using EduInfo.Domain.Metrics;
using EduInfo.Grains.Interfaces.Summaries;

namespace EduInfo.Grains.Interfaces.Students;

/// <summary>A student's running figures in one subject: counts and sums, not rows.</summary>
[GenerateSerializer, Immutable]
public sealed record SubjectFigures(
    [property: Id(0)] string SubjectId,
    [property: Id(1)] SummaryFigures Figures);
