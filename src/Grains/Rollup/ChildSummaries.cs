using EduInfo.Domain.Registry;
using EduInfo.Domain.Metrics;
using EduInfo.Grains.Interfaces.Summaries;

namespace EduInfo.Grains.Rollup;

/// <summary>
/// The latest summary of each child of an aggregate and their running sums: the whole-year totals, every term and
/// subject cell, and the version (Σ children's versions). A child's summary replaces the held one only if its version
/// is newer, so a late or repeated stream message never counts twice. Pure bookkeeping: no Orleans, no I/O.
/// </summary>
/// <remarks>
/// The sums are kept by subtracting the held summary and adding the new one, not re-added from every child: a busy
/// region takes many updates a second and has thousands of children. A removed or moved node publishes an empty
/// summary with a higher version, which replaces its figures by zero and keeps its version in the sum.
/// </remarks>
public sealed class ChildSummaries
{
    private readonly Dictionary<string, NodeSummary> _children = new(StringComparer.Ordinal);
    private readonly Dictionary<SummaryKey, SummaryFigures> _cells = new();
    private readonly Dictionary<BreakdownKey, SummaryFigures> _slices = new();

    /// <summary>Σ children's whole-year figures.</summary>
    public SummaryFigures Total { get; private set; } = SummaryFigures.Zero;

    /// <summary>Σ children's versions: only grows while children only publish newer versions.</summary>
    public long Version { get; private set; }

    /// <summary>How many of the held children say they are catching up (<see cref="NodeSummary.CatchingUp"/>).</summary>
    public int CatchingUpChildren { get; private set; }

    /// <summary>Summaries taken (new children and newer versions) and refused (older or equal versions).</summary>
    public long Accepted { get; private set; }
    public long Ignored { get; private set; }

    /// <summary>Σ children's cells by term and subject; a cell that sums to zero is absent.</summary>
    public IReadOnlyDictionary<SummaryKey, SummaryFigures> Cells => _cells;

    /// <summary>Σ children's breakdown slices, kept like the cells (a slice that sums to zero is absent).</summary>
    public IReadOnlyDictionary<BreakdownKey, SummaryFigures> Slices => _slices;

    /// <summary>The held summary of each child, by child id.</summary>
    public IReadOnlyDictionary<string, NodeSummary> Children => _children;

    /// <summary>
    /// Keeps a child's summary only if it is newer than the one held; true when it changed the sums. At an equal
    /// version the one counting more organizations is newer: an organization without a class counts itself without
    /// moving a version, so an area's snapshot answered before its reconciliation ended may lack one that its next
    /// summary, at the same version, has; so is one that has caught up (a child whose missing children all had version 0).
    /// </summary>
    public bool Accept(NodeSummary summary) => Accept(summary, out _);

    /// <summary>Whether a parent holding <paramref name="held"/> takes <paramref name="summary"/> (see <see cref="Accept(NodeSummary)"/>).</summary>
    public static bool IsNewer(NodeSummary summary, NodeSummary held) =>
        summary.Version > held.Version
        || summary.Version == held.Version && (summary.Figures.Organizations > held.Figures.Organizations || held.CatchingUp && !summary.CatchingUp);

    /// <summary>
    /// As <see cref="Accept(NodeSummary)"/>; <paramref name="newCommit"/> is the accepted summary's newest commit when it
    /// is newer than the one held for that child (a row this node counts for the first time), else null.
    /// </summary>
    public bool Accept(NodeSummary summary, out DateTimeOffset? newCommit)
    {
        newCommit = null;
        if (_children.TryGetValue(summary.NodeId, out var held))
        {
            if (!IsNewer(summary, held))
            {
                Ignored++;
                return false;
            }
            Subtract(held);
            if (summary.NewestCommit is { } commit && (held.NewestCommit is not { } before || commit > before))
            {
                newCommit = commit;
            }
        }
        _children[summary.NodeId] = summary;
        Total += summary.Figures;
        SummaryCells.Add(_cells, summary.Cells);
        BreakdownSlices.Add(_slices, summary.Breakdowns);
        Version += summary.Version;
        CatchingUpChildren += summary.CatchingUp ? 1 : 0;
        Accepted++;
        return true;
    }

    /// <summary>Forgets a child (no longer under this node) and its figures and version; true when it was held.</summary>
    public bool Remove(string childId)
    {
        if (!_children.Remove(childId, out var held))
        {
            return false;
        }
        Subtract(held);
        return true;
    }

    /// <summary>Forgets every child not in <paramref name="current"/>; true when any was removed.</summary>
    public bool RetainOnly(IReadOnlySet<string> current)
    {
        var removed = false;
        foreach (var stale in _children.Keys.Where(id => !current.Contains(id)).ToList())
        {
            removed |= Remove(stale);
        }
        return removed;
    }

    /// <summary>
    /// Whether the child is held at exactly <paramref name="version"/>, counting exactly <paramref name="organizations"/>
    /// (else it must be pulled).
    /// </summary>
    public bool Holds(string childId, long version, long organizations) =>
        _children.TryGetValue(childId, out var held) && held.Version == version && held.Figures.Organizations == organizations;

    /// <summary>The held summaries in the order of the children's ids.</summary>
    public IReadOnlyList<NodeSummary> InOrder() => _children.Values.OrderBy(c => c.NodeId, StringComparer.Ordinal).ToList();

    /// <summary>
    /// The aggregate's own summary: the children's sums plus what the node counts itself (<paramref name="own"/>, e.g.
    /// one organization) in the year total and in every all-subjects cell that has figures, and in the slices of its
    /// <paramref name="place"/> in the same terms.
    /// </summary>
    public NodeSummary Summarize(string nodeId, NodeKind kind, SummaryFigures own, DateTimeOffset asOf, BreakdownPlace? place = null)
    {
        var cells = new Dictionary<SummaryKey, SummaryFigures>(_cells);
        if (own != SummaryFigures.Zero)
        {
            foreach (var key in cells.Keys.Where(k => k.SubjectId == SummaryKey.AllSubjects).ToList())
            {
                cells[key] += own;
            }
        }
        // Labelled with its data's academic year (the newest among the children), not the clock's: on 1 September the
        // summaries still hold the year just ended until classes of the new year exist.
        var year = _children.Values.Select(c => c.AcademicYear).Where(y => y is not null).Max(StringComparer.Ordinal);
        var slices = _slices;
        if (own != SummaryFigures.Zero && place is not null)
        {
            slices = new Dictionary<BreakdownKey, SummaryFigures>(_slices);
            Breakdown.AddOwn(slices, place, own, cells.Keys.Where(k => k.SubjectId == SummaryKey.AllSubjects).Select(k => k.Term));
        }
        var newest = _children.Values.Select(c => c.NewestCommit).Max();
        return new NodeSummary(nodeId, kind, Version, Total + own, asOf, SummaryCells.ToList(cells), year, BreakdownSlices.ToList(slices), newest,
            CatchingUp: CatchingUpChildren > 0);
    }

    private void Subtract(NodeSummary held)
    {
        Total -= held.Figures;
        SummaryCells.Add(_cells, held.Cells, -1);
        BreakdownSlices.Add(_slices, held.Breakdowns, -1);
        Version -= held.Version;
        CatchingUpChildren -= held.CatchingUp ? 1 : 0;
    }
}
