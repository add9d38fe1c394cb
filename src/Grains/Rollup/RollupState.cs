using EduInfo.Grains.Interfaces.Summaries;

namespace EduInfo.Grains.Rollup;

/// <summary>
/// An aggregate's cached snapshot of each child's latest summary. Only a cache: on activation the grain
/// reconciles it against the journal's watermarks and pulls the children that differ.
/// </summary>
[GenerateSerializer]
public sealed class RollupState
{
    /// <summary>
    /// The meaning of the figures the snapshots hold. A cache written under another layout is dropped on activation
    /// (the children are pulled afresh): a child's version says nothing about a change of what its figures count.
    /// </summary>
    public const int CurrentLayout = 5; // 2: each kind of organization in its own figures (issue 16); 3: the progress report's groups; 4: breakdowns; 5: both (issue 19)

    [Id(0)] public Dictionary<string, NodeSummary> Children { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The layout the snapshots were written under (0: before layouts were recorded).</summary>
    [Id(1)] public int Layout { get; set; }
}
