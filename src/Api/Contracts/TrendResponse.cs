using EduInfo.Domain.Trends;

namespace EduInfo.Api.Contracts;

/// <summary>
/// A node's daily series of one metric in one cell (term, subject): a point per day captured at its end (value null when
/// there was nothing to rate) or recorded missing, then today's live value, which is not captured until the day ends.
/// </summary>
public sealed record TrendResponse(string NodeId, string Metric, int? Term, string? SubjectId, DateOnly From, DateOnly To,
    IReadOnlyList<TrendPointResponse> Points, TrendPointResponse Today);

public sealed record TrendPointResponse(DateOnly Date, decimal? Value, bool Missing)
{
    public static TrendPointResponse Of(TrendPoint point) => new(point.Day, point.Value, point.Missing);
}
