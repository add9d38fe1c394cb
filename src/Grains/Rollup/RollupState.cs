using EduInfo.Grains.Interfaces.Summaries;

namespace EduInfo.Grains.Rollup;

/// <summary>
/// An aggregate's cached snapshot of each child's latest summary. Only a cache: on activation the grain
/// reconciles it against the journal's watermarks and pulls the children that differ.
/// </summary>
[GenerateSerializer]
public sealed class RollupState
{
    [Id(0)] public Dictionary<string, NodeSummary> Children { get; set; } = new(StringComparer.Ordinal);
}
