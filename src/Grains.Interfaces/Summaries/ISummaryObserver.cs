using Orleans.Concurrency;

namespace EduInfo.Grains.Interfaces.Summaries;

/// <summary>
/// A watcher of a node's summary: an Api process's live views (<see cref="ISummaryNode.Watch"/>). One-way, so a watcher
/// that is gone (its process died, its push was lost) costs the node nothing; the watcher re-reads on each renewal.
/// </summary>
public interface ISummaryObserver : IGrainObserver
{
    /// <summary>The summary the node has just published (at the coalescing publisher's pace).</summary>
    [OneWay]
    Task SummaryPublished(NodeSummary summary);

    /// <summary>
    /// The node's activation is going (deactivation) and forgets its watchers with it: a watcher stops trusting what it
    /// holds and watches again, instead of waiting for its next renewal.
    /// </summary>
    [OneWay]
    Task Leaving();
}
