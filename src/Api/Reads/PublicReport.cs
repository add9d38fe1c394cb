using EduInfo.Api.Cluster;
using EduInfo.Api.Contracts;
using EduInfo.Api.Registry;
using EduInfo.Api.Security;
using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.Storage.Registry;

namespace EduInfo.Api.Reads;

/// <summary>
/// The open report (order point 12.1), one read for the public API and the public pages: a node of the hierarchy above
/// the classes, its children and its ancestors, aggregates only, cells of fewer than ten students withheld (in pairs
/// among siblings, so a withheld cell cannot be recovered from its parent's total). Classes are not public.
/// </summary>
public sealed class PublicReport(NodeDirectory directory, IGrainFactory grains, ClusterCalls calls)
{
    /// <summary>A public node and its figures, or null when there is no such public node (unknown, or a class).</summary>
    public async Task<PublicNode?> NodeAsync(string nodeId, string language, CancellationToken cancellationToken)
    {
        var node = await directory.FindAsync(nodeId, cancellationToken);
        if (node is null or { Kind: NodeKind.Class })
        {
            return null;
        }
        var summary = await calls.IdempotentAsync(() => grains.SummaryNode(node.Kind, node.Id).GetSummary(), cancellationToken);
        return new PublicNode(node, summary.AsOf, PublicSummary.Of(summary, node, language, summary.Figures.Students < SmallCellSuppression.DefaultThreshold));
    }

    /// <summary>The public children of a node: none for an organization (its children are classes).</summary>
    public async Task<IReadOnlyList<PublicSummary>> ChildrenAsync(NodeRecord node, string language, CancellationToken cancellationToken)
    {
        if (node.Kind is NodeKind.Organization or NodeKind.Class)
        {
            return [];
        }
        var children = await calls.IdempotentAsync(() => ((IAggregateNode)grains.SummaryNode(node.Kind, node.Id)).GetChildren(), cancellationToken);
        var hidden = SmallCellSuppression.Hidden(children.Select(c => (c.NodeId, c.Figures.Students)).ToList());
        var named = new List<PublicSummary>(children.Count);
        foreach (var child in children)
        {
            named.Add(PublicSummary.Of(child, await directory.FindAsync(child.NodeId, cancellationToken), language, hidden.Contains(child.NodeId)));
        }
        return named;
    }

    /// <summary>The nodes above <paramref name="node"/>, from the republic down, with their names.</summary>
    public async Task<IReadOnlyList<NodeName>> AncestorsAsync(NodeRecord node, string language, CancellationToken cancellationToken)
    {
        var ancestors = new List<NodeName>();
        foreach (var id in node.Path.Where(id => id != node.Id))
        {
            var ancestor = await directory.FindAsync(id, cancellationToken);
            ancestors.Add(new NodeName(id, ancestor?.Kind, NodeSummaryResponse.NameOf(ancestor, id, language)));
        }
        return ancestors;
    }
}

/// <summary>A public node: its registry record, when its figures were last updated, and what citizens see of it.</summary>
public sealed record PublicNode(NodeRecord Record, DateTimeOffset AsOf, PublicSummary Summary);

/// <summary>A node named in the reader's language.</summary>
public sealed record NodeName(string Id, NodeKind? Kind, string Name);
