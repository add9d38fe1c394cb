namespace EduInfo.Grains.Interfaces.Summaries;

/// <summary>Any node of the hierarchy that has a live summary.</summary>
public interface ISummaryNode : IGrainWithStringKey
{
    /// <summary>The node's current summary, O(1): never a scan of the journal.</summary>
    Task<NodeSummary> GetSummary();

    /// <summary>
    /// Compares this node (and, for aggregates, each child) with the journal's watermarks and pulls only
    /// what differs; returns the summary afterwards.
    /// </summary>
    Task<NodeSummary> Reconcile();
}
