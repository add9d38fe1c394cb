using EduInfo.Grains.Interfaces.Localization;
using EduInfo.Domain.Metrics;
using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.Storage.Registry;

namespace EduInfo.Api.Contracts;

/// <summary>
/// What citizens see of a node (order point 12.1): aggregates only, and nothing at all for a cell of fewer than ten
/// students (<see cref="Suppressed"/>), so no individual can be singled out.
/// </summary>
public sealed record PublicSummary(
    string NodeId,
    string Kind,
    string KindName,
    string Name,
    bool Suppressed,
    long? Students,
    long? Classes,
    long? Organizations,
    SummaryRates? Rates)
{
    /// <summary>What citizens see of one cell (<paramref name="figures"/>: the term's or subject's, or the year's) of a node.</summary>
    public static PublicSummary Of(NodeSummary summary, SummaryFigures figures, NodeRecord? node, string language, bool suppressed) => new(
        summary.NodeId,
        summary.Kind.ToString().ToLowerInvariant(),
        Messages.Get($"kind.{summary.Kind}", language),
        NodeSummaryResponse.NameOf(node, summary.NodeId, language),
        suppressed,
        suppressed ? null : figures.Students,
        suppressed ? null : figures.Classes,
        suppressed ? null : figures.Organizations,
        suppressed ? null : SummaryRates.Of(figures));
}
