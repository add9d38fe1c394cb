using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using EduInfo.Api.Cluster;
using EduInfo.Api.Security;
using EduInfo.Domain.Disclosure;
using EduInfo.Domain.Metrics;
using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Summaries;

namespace EduInfo.Api.Reads;

/// <summary>
/// The open report's disclosure control (issue 21, item 2): one snapshot of the whole public tree (the republic, its
/// areas and organizations, as their parents hold them), and for each cell key the cells withheld across the totals,
/// the breakdowns and the weekly trends (<see cref="OpenReportTable"/>). Every public read takes its figures and its
/// suppression from the same snapshot, so a page never pairs a fresh figure with a stale decision. The suppression is
/// cached by the sizes it was computed from: it changes when enrolment does, not with every mark.
/// </summary>
public sealed class PublicDisclosure(IGrainFactory grains, ClusterCalls calls, TimeProvider time, ILogger<PublicDisclosure> logger)
{
    public const string RepublicId = "KZ";

    /// <summary>How old a snapshot may be before a read starts a new walk (it is still served while the walk runs).</summary>
    private static readonly TimeSpan SnapshotLifetime = TimeSpan.FromSeconds(10);
    private readonly Lock _gate = new();
    private PublicTree? _tree;
    private DateTimeOffset _takenAt;
    private Task<PublicTree>? _walk;
    private readonly ConcurrentDictionary<string, Lazy<OpenReportSuppression>> _suppressions = new(StringComparer.Ordinal);

    /// <summary>The public tree (at most <see cref="SnapshotLifetime"/> and one walk old) and its suppression in <paramref name="key"/>.</summary>
    public async Task<PublicView> ViewAsync(SummaryKey key, CancellationToken cancellationToken)
    {
        var tree = await TreeAsync(cancellationToken);
        if (key.SubjectId != SummaryKey.AllSubjects && !tree.Subjects.Contains(key.SubjectId))
        {
            // Nobody has marks in it (or no such subject): nothing to publish, and no key for a caller to fill the cache with.
            return new PublicView(tree, key, OpenReportSuppression.Everything);
        }
        var units = tree.UnitsOf(key);
        var fingerprint = Fingerprint(key, units);
        if (_suppressions.Count > 4096)
        {
            _suppressions.Clear(); // sizes moved on many times: the old decisions are no longer asked for
        }
        var computed = _suppressions.GetOrAdd(fingerprint,
            _ => new Lazy<OpenReportSuppression>(() => OpenReportTable.Of(units).Suppress(SmallCellSuppression.DefaultThreshold)));
        try
        {
            return new PublicView(tree, key, computed.Value);
        }
        catch
        {
            _suppressions.TryRemove(fingerprint, out _); // a Lazy keeps its exception: the next reader computes again
            throw;
        }
    }

    /// <summary>
    /// The snapshot; an old one starts a new walk and is served meanwhile (a walk asks every area for its children: on
    /// the small demo country about two seconds, which no reader should wait for but the very first).
    /// </summary>
    private Task<PublicTree> TreeAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_tree is null || time.GetUtcNow() - _takenAt >= SnapshotLifetime)
            {
                if (_walk is null || _walk.IsCompleted)
                {
                    // The walk outlives this request: it carries none of its context.
                    using (ExecutionContext.SuppressFlow())
                    {
                        _walk = Task.Run(RefreshAsync);
                    }
                }
                if (_tree is null)
                {
                    return _walk.WaitAsync(cancellationToken);
                }
            }
            return Task.FromResult(_tree);
        }
    }

    private async Task<PublicTree> RefreshAsync()
    {
        PublicTree tree;
        try
        {
            tree = await WalkAsync(CancellationToken.None);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "The open report's walk of the public tree failed; the last snapshot is served");
            throw;
        }
        lock (_gate)
        {
            (_tree, _takenAt) = (tree, time.GetUtcNow());
        }
        return tree;
    }

    private async Task<PublicTree> WalkAsync(CancellationToken cancellationToken)
    {
        var root = await calls.IdempotentAsync(() => grains.SummaryNode(NodeKind.Republic, RepublicId).GetSummary(), cancellationToken);
        var summaries = new Dictionary<string, NodeSummary>(StringComparer.Ordinal) { [root.NodeId] = root };
        var parents = new Dictionary<string, string?>(StringComparer.Ordinal) { [root.NodeId] = null };
        var level = new List<NodeSummary> { root };
        while (level.Count > 0)
        {
            var areas = level.Where(n => n.Kind is NodeKind.Republic or NodeKind.Region or NodeKind.District).ToList();
            var below = await Task.WhenAll(areas.Select(a => calls.IdempotentAsync(() => ((IAggregateNode)grains.SummaryNode(a.Kind, a.NodeId)).GetChildren(), cancellationToken)));
            level = [];
            foreach (var (area, children) in areas.Zip(below))
            {
                foreach (var child in children.Where(c => c.Kind != NodeKind.Class))
                {
                    summaries[child.NodeId] = child;
                    parents[child.NodeId] = area.NodeId;
                    level.Add(child);
                }
            }
        }
        return new PublicTree(summaries, parents);
    }

    private static string Fingerprint(SummaryKey key, IReadOnlyList<OpenUnit> units)
    {
        var text = new StringBuilder($"{key.Term}/{key.SubjectId}");
        foreach (var unit in units)
        {
            text.Append('|').Append(unit.Id).Append('<').Append(unit.ParentId).Append('=').Append(unit.Students);
            foreach (var slice in unit.Slices)
            {
                text.Append(',').Append((int)slice.Dimension).Append(':').Append(slice.Value).Append('=').Append(slice.Students);
            }
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}

/// <summary>The public tree at one moment: every public node's summary (as its parent holds it) and its parent.</summary>
public sealed record PublicTree(IReadOnlyDictionary<string, NodeSummary> Summaries, IReadOnlyDictionary<string, string?> Parents)
{
    /// <summary>The subjects the republic's figures have cells for.</summary>
    public IReadOnlySet<string> Subjects { get; } = Summaries.Values.Where(s => s.Kind == NodeKind.Republic)
        .SelectMany(s => s.Cells ?? []).Select(c => c.SubjectId).ToHashSet(StringComparer.Ordinal);

    /// <summary>The units of one cell key: pupils, and the breakdown slices where the key has them (all subjects).</summary>
    public IReadOnlyList<OpenUnit> UnitsOf(SummaryKey key) =>
        [.. Summaries.Values.OrderBy(s => s.NodeId, StringComparer.Ordinal).Select(s => new OpenUnit(
            s.NodeId, Parents[s.NodeId], s.Kind == NodeKind.Organization, s.Cell(key).Students,
            key.SubjectId == SummaryKey.AllSubjects
                ? [.. (s.Breakdowns ?? []).Where(b => b.Term == key.Term).Select(b => new OpenSlice(b.Dimension, b.Value, b.Figures.Students))]
                : []))];
}

/// <summary>The public tree, one cell key and what is withheld in it.</summary>
public sealed record PublicView(PublicTree Tree, SummaryKey Key, OpenReportSuppression Suppression)
{
    public NodeSummary? Summary(string nodeId) => Tree.Summaries.GetValueOrDefault(nodeId);

    public IEnumerable<NodeSummary> Children(string nodeId) =>
        Tree.Parents.Where(p => p.Value == nodeId).Select(p => Tree.Summaries[p.Key]).OrderBy(s => s.NodeId, StringComparer.Ordinal);
}
