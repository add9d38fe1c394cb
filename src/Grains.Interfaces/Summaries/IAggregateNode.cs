namespace EduInfo.Grains.Interfaces.Summaries;

/// <summary>A node that aggregates its children: an organization or an area (district, region, republic).</summary>
public interface IAggregateNode : ISummaryNode
{
    /// <summary>The latest summary of each child, as this node holds them.</summary>
    Task<IReadOnlyList<NodeSummary>> GetChildren();

    /// <summary>Where the roll-up state came from and counters, for operators and tests.</summary>
    Task<RollupDiagnostics> GetDiagnostics();
}
