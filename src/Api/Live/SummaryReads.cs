using System.Diagnostics.Metrics;
using EduInfo.Api.Cluster;
using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Summaries;

namespace EduInfo.Api.Live;

/// <summary>
/// A node's live summary for one read (GET …/summary, the dashboard page). An organization's or an area's comes from
/// this process's watch of it (<see cref="LiveSummaries"/>) when the grain holds that watch: no grain call, so a
/// dashboard's read does not wait behind the silo's journal writes. Otherwise — a node not watched yet, a watch lapsed
/// or renewing, a class (whose teacher reads right after writing) — the grain answers, and a watch starts for the next
/// read. What a read may miss is the publisher's coalescing interval, as the node's parent does.
/// </summary>
public sealed class SummaryReads
{
    private readonly LiveSummaries _live;
    private readonly IGrainFactory _grains;
    private readonly ClusterCalls _calls;
    private readonly Counter<long> _reads;

    public SummaryReads(LiveSummaries live, IGrainFactory grains, ClusterCalls calls, IMeterFactory meters)
    {
        (_live, _grains, _calls) = (live, grains, calls);
        _reads = meters.Create(LiveSummaries.MeterName).CreateCounter<long>("eduinfo.live.summary_reads", description: "Summary reads, by where they were answered from (source: watch, grain)");
    }

    public async Task<NodeSummary> ReadAsync(NodeKind kind, string nodeId, CancellationToken cancellationToken)
    {
        if (_live.Options.CachedReads && kind is NodeKind.Organization or NodeKind.District or NodeKind.Region or NodeKind.Republic)
        {
            using var view = _live.Node(kind, nodeId);
            if (view.CurrentSummary is { } held)
            {
                _reads.Add(1, new KeyValuePair<string, object?>("source", "watch"));
                return held;
            }
        }
        _reads.Add(1, new KeyValuePair<string, object?>("source", "grain"));
        return await _calls.IdempotentAsync(() => _grains.SummaryNode(kind, nodeId).GetSummary(), cancellationToken);
    }
}
