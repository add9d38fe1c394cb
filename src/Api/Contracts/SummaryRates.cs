using EduInfo.Grains.Interfaces.Summaries;

namespace EduInfo.Api.Contracts;

/// <summary>Percentages and averages derived at read time from a summary's integer figures (null when undefined).</summary>
public sealed record SummaryRates(
    decimal? AttendanceRate,
    decimal? FormativeAverage,
    decimal? FormativePercent,
    decimal? SummativePercent)
{
    public static SummaryRates Of(SummaryFigures f) => new(
        Percent(f.Attended, f.SeatsHeld),
        Ratio(f.FormativeScoreSum, f.FormativeMarks),
        Percent(f.FormativeScoreSum, f.FormativeMaxSum),
        Percent(f.SummativeScoreSum, f.SummativeMaxSum));

    private static decimal? Percent(long part, long whole) => whole == 0 ? null : Math.Round(100m * part / whole, 2, MidpointRounding.AwayFromZero);

    private static decimal? Ratio(long sum, long count) => count == 0 ? null : Math.Round((decimal)sum / count, 2, MidpointRounding.AwayFromZero);
}
