using EduInfo.Api.Localization;
using EduInfo.Grains.Interfaces.Localization;
using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.Storage.Registry;

namespace EduInfo.Api.Contracts;

/// <summary>A node's live summary: raw integer figures (exactly additive) and rates derived from them.</summary>
public sealed record NodeSummaryResponse(
    string NodeId,
    string Kind,
    string KindName,
    string Name,
    long Version,
    DateTimeOffset AsOf,
    SummaryFigures Figures,
    SummaryRates Rates)
{
    public static NodeSummaryResponse Of(NodeSummary summary, NodeRecord? node, string language) => new(
        summary.NodeId,
        summary.Kind.ToString().ToLowerInvariant(),
        Messages.Get($"kind.{summary.Kind}", language),
        node is null ? summary.NodeId : language switch
        {
            Messages.Russian => node.NameRu,
            Messages.English => node.NameEn,
            _ => node.NameKk,
        },
        summary.Version,
        summary.AsOf,
        summary.Figures,
        SummaryRates.Of(summary.Figures));
}
