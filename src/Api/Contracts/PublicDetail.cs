using EduInfo.Domain.Metrics;

namespace EduInfo.Api.Contracts;

/// <summary>
/// An area's open breakdown in one dimension and term (issue 21): one row per value; a withheld row (too few pupils, or
/// withheld so that a small one cannot be computed from the others) has no figures.
/// </summary>
public sealed record PublicBreakdown(string NodeId, string Name, string Dimension, string DimensionName, int? Term, IReadOnlyList<PublicBreakdownRow> Rows);

public sealed record PublicBreakdownRow(string Value, string Label, bool Suppressed, long? Students, SummaryRates? Rates);

/// <summary>An area's open weekly series of one metric in one cell (term, subject): a point per completed week, withheld as its cell is.</summary>
public sealed record PublicTrend(string NodeId, string Name, string Metric, int? Term, string? SubjectId, IReadOnlyList<PublicTrendWeek> Weeks);

public sealed record PublicTrendWeek(DateOnly WeekOf, DateOnly Day, bool Suppressed, decimal? Value);
