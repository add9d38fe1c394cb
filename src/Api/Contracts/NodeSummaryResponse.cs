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
    SummaryRates Rates,
    IReadOnlyList<TargetGap> Targets)
{
    public static NodeSummaryResponse Of(NodeSummary summary, NodeRecord? node, string language, IReadOnlyList<RegionalTarget>? targets = null) => new(
        summary.NodeId,
        summary.Kind.ToString().ToLowerInvariant(),
        Messages.Get($"kind.{summary.Kind}", language),
        NameOf(node, summary.NodeId, language),
        summary.Version,
        summary.AsOf,
        summary.Figures,
        SummaryRates.Of(summary.Figures),
        (targets ?? []).Select(t => TargetGap.Of(t.Metric, t.TargetPercent, SummaryRates.Of(summary.Figures))).ToList());

    /// <summary>A node's name in the reader's language (its id when the registry does not know it).</summary>
    public static string NameOf(NodeRecord? node, string id, string language) => node is null ? id : language switch
    {
        Messages.Russian => node.NameRu,
        Messages.English => node.NameEn,
        _ => node.NameKk,
    };
}
