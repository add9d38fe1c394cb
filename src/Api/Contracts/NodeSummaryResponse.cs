using EduInfo.Domain.Metrics;
using EduInfo.Domain.Registry;
using EduInfo.Api.Localization;
using EduInfo.Grains.Interfaces.Localization;
using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.Storage.Registry;

namespace EduInfo.Api.Contracts;

/// <summary>
/// A node's live summary for one cell (a term or the year, a subject or all): raw integer figures (exactly additive)
/// and rates derived from them, with the cells that hold figures so a client can offer the filters.
/// </summary>
public sealed record NodeSummaryResponse(
    string NodeId,
    string Kind,
    string KindName,
    string Name,
    long Version,
    DateTimeOffset AsOf,
    string? Year,
    int? Term,
    string? SubjectId,
    SummaryFigures Figures,
    SummaryRates Rates,
    IReadOnlyList<TargetGap> Targets,
    IReadOnlyList<int> Terms,
    IReadOnlyList<string> Subjects)
{
    /// <summary>The figures are not whole yet: the node is catching up after a restart (<see cref="NodeSummary.CatchingUp"/>).</summary>
    public bool CatchingUp { get; init; }

    /// <summary>The kind in the reader's language; a closed organization (still listed, with its figures) is marked closed.</summary>
    public static string KindNameOf(NodeKind kind, NodeRecord? node, string language) =>
        Messages.Get(node?.ClosedOn is null ? $"kind.{kind}" : "kind.Organization.closed", language);

    public static NodeSummaryResponse Of(NodeSummary summary, NodeRecord? node, string language, IReadOnlyList<RegionalTarget>? targets = null,
        SummaryFilter? filter = null)
    {
        var key = filter?.Key ?? SummaryKey.Total;
        var figures = summary.Cell(key);
        var rates = SummaryRates.Of(figures);
        var keys = (summary.Cells ?? []).Select(c => c.Key).ToList();
        return new(
            summary.NodeId,
            summary.Kind.ToString().ToLowerInvariant(),
            KindNameOf(summary.Kind, node, language),
            NameOf(node, summary.NodeId, language),
            summary.Version,
            summary.AsOf,
            summary.AcademicYear,
            key.Term == SummaryKey.Year ? null : key.Term,
            key.SubjectId == SummaryKey.AllSubjects ? null : key.SubjectId,
            figures,
            rates,
            (targets ?? []).Select(t => TargetGap.Of(t.Metric, t.TargetPercent, rates)).ToList(),
            keys.Select(k => k.Term).Where(t => t != SummaryKey.Year).Distinct().Order().ToList(),
            keys.Select(k => k.SubjectId).Where(s => s != SummaryKey.AllSubjects).Distinct().Order(StringComparer.Ordinal).ToList())
        {
            CatchingUp = summary.CatchingUp,
        };
    }

    /// <summary>A node's name in the reader's language (its id when the registry does not know it).</summary>
    public static string NameOf(NodeRecord? node, string id, string language) =>
        node is null ? id : Messages.Pick(language, node.NameKk, node.NameRu, node.NameEn);
}
