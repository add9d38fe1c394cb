using EduInfo.Domain.Metrics;

namespace EduInfo.Storage.Trends;

/// <summary>A node's cells as the capture read them from its live summary.</summary>
public sealed record CapturedNode(string NodeId, IReadOnlyDictionary<SummaryKey, SummaryFigures> Cells);
