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

    /// <summary>
    /// Pushes every summary this node publishes to <paramref name="observer"/> for <paramref name="lease"/> (renewed by
    /// calling again) and answers the current one. Watchers are not persisted: a node activated anew has none, so a
    /// watcher renews well within its lease and reads what it missed from the answer.
    /// </summary>
    Task<NodeSummary> Watch(ISummaryObserver observer, TimeSpan lease);

    /// <summary>Stops pushing to <paramref name="observer"/> (its last viewer left).</summary>
    Task Unwatch(ISummaryObserver observer);
}
