using EduInfo.Grains.Interfaces.Localization;
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
    public static PublicSummary Of(NodeSummary summary, NodeRecord? node, string language, bool suppressed) => new(
        summary.NodeId,
        summary.Kind.ToString().ToLowerInvariant(),
        Messages.Get($"kind.{summary.Kind}", language),
        NodeSummaryResponse.NameOf(node, summary.NodeId, language),
        suppressed,
        suppressed ? null : summary.Figures.Students,
        suppressed ? null : summary.Figures.Classes,
        suppressed ? null : summary.Figures.Organizations,
        suppressed ? null : SummaryRates.Of(summary.Figures));
}
