namespace EduInfo.Grains.Interfaces.Summaries;

/// <summary>
/// A node's whole summary with its version: a class's version is its journal watermark, an aggregate's
/// is the sum of its children's versions, so versions only grow and a parent can drop stale updates.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record NodeSummary(
    [property: Id(0)] string NodeId,
    [property: Id(1)] NodeKind Kind,
    [property: Id(2)] long Version,
    [property: Id(3)] SummaryFigures Figures,
    [property: Id(4)] DateTimeOffset AsOf);
