using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.Storage.YearEnd;
using Orleans.Serialization;

namespace EduInfo.Api.Reads;

/// <summary>The summaries of a closed academic year as archived at its close (issue 20): read-only, at every level.</summary>
public sealed class YearArchive(AcademicYearStore years, Serializer<NodeSummary> serializer)
{
    /// <summary>The node's summary of the year, or null when the year has no archive (never closed) or the node none.</summary>
    public async Task<NodeSummary?> SummaryAsync(string academicYear, string nodeId, CancellationToken cancellationToken) =>
        await years.ReadArchivedAsync(academicYear, nodeId, cancellationToken) is { } bytes ? serializer.Deserialize(bytes) : null;

    /// <summary>The archived summaries of the node's children in the year, or null when the node is not in the year's archive.</summary>
    public async Task<IReadOnlyList<NodeSummary>?> ChildrenAsync(string academicYear, string nodeId, CancellationToken cancellationToken) =>
        await years.ReadArchivedChildrenAsync(academicYear, nodeId, cancellationToken) is { } children
            ? [.. children.Select(b => serializer.Deserialize(b)!).OrderBy(s => s.NodeId, StringComparer.Ordinal)]
            : null;
}
