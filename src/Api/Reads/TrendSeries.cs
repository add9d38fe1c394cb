using EduInfo.Api.Contracts;
using EduInfo.Api.Problems;
using EduInfo.Domain.Calendar;
using EduInfo.Domain.Metrics;
using EduInfo.Domain.Registry;
using EduInfo.Domain.Trends;
using EduInfo.Grains.Interfaces.Calendar;
using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.Storage.Registry;
using EduInfo.Storage.Trends;

namespace EduInfo.Api.Reads;

/// <summary>
/// The daily series a dashboard draws: the captured history of an organization or area (never a scan of the journal)
/// over the days of a term (or of the year so far), plus the node's live value today.
/// </summary>
public sealed class TrendSeries(DailyFiguresStore history, OrganizationProfileStore organizations, IGrainFactory grains, IKazakhstanClock clock)
{
    public static decimal? ValueOf(TrendMetric metric, SummaryFigures figures)
    {
        var rates = SummaryRates.Of(figures);
        return metric switch
        {
            TrendMetric.Students => figures.Students,
            TrendMetric.Attendance => rates.AttendanceRate,
            TrendMetric.FormativePercent => rates.FormativePercent,
            TrendMetric.SummativePercent => rates.SummativePercent,
            TrendMetric.Success => rates.SuccessRate,
            TrendMetric.Quality => rates.KnowledgeQuality,
            TrendMetric.AverageMark => rates.AverageTermMark,
            _ => rates.Completeness,
        };
    }

    public async Task<TrendResponse> ReadAsync(NodeRecord node, TrendMetric metric, SummaryKey key, CancellationToken cancellationToken)
    {
        var today = clock.Today;
        var (from, to) = await RangeAsync(node, key, today);
        var points = await DailyAsync(node, metric, key, from, to, cancellationToken);
        var live = await grains.SummaryNode(node.Kind, node.Id).GetSummary();
        return new TrendResponse(node.Id, JsonNaming.Camel(metric.ToString()), key.Term == SummaryKey.Year ? null : key.Term,
            key.SubjectId == SummaryKey.AllSubjects ? null : key.SubjectId, from, to, points.Select(TrendPointResponse.Of).ToList(),
            new TrendPointResponse(today, ValueOf(metric, live.Cell(key)), false));
    }

    /// <summary>
    /// The open report's weekly series (issue 21): the value at the last captured day of each completed week (Monday to
    /// Sunday, ended before today) of the term or the year so far; a week with no captured day has no point.
    /// </summary>
    public async Task<IReadOnlyList<WeeklyPoint>> WeeklyAsync(NodeRecord node, TrendMetric metric, SummaryKey key, CancellationToken cancellationToken)
    {
        var today = clock.Today;
        var (from, to) = await RangeAsync(node, key, today);
        var lastSunday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7) - 1);
        var days = await DailyAsync(node, metric, key, from, to < lastSunday ? to : lastSunday, cancellationToken);
        return [.. days.Where(d => !d.Missing)
            .GroupBy(d => d.Day.AddDays(-(((int)d.Day.DayOfWeek + 6) % 7)))
            .Select(week => new WeeklyPoint(week.Key, week.Max(d => d.Day), week.MaxBy(d => d.Day)!.Value))];
    }

    private async Task<IReadOnlyList<TrendPoint>> DailyAsync(NodeRecord node, TrendMetric metric, SummaryKey key, DateOnly from, DateOnly to,
        CancellationToken cancellationToken)
    {
        var (days, changes) = await history.ReadCellAsync(node.Id, key, from, to, cancellationToken);
        return [.. TrendCells.Series(days, changes).Select(p => new TrendPoint(p.Day, p.Figures is { } f ? ValueOf(metric, f) : null, p.Missing))];
    }

    /// <summary>The days a series covers: the term's dates in the node's calendar (the year's when no term), up to yesterday.</summary>
    private async Task<(DateOnly From, DateOnly To)> RangeAsync(NodeRecord node, SummaryKey key, DateOnly today)
    {
        var year = AcademicCalendar.YearOf(today);
        var (from, to) = (AcademicCalendar.Bounds(year).First, today.AddDays(-1));
        if (key.Term != SummaryKey.Year)
        {
            var kind = node.Kind == NodeKind.Organization && await organizations.FindAsync(node.Id) is { } organization ? organization.Kind : "school";
            var calendar = await grains.GetGrain<ICalendarGrain>(ICalendarGrain.KeyOf(year, kind)).Get();
            if (calendar is not null && new SchoolCalendar(calendar).Dates(key.Term) is { } dates)
            {
                (from, to) = (dates.Starts, dates.Ends < to ? dates.Ends : to);
            }
        }
        return (from, to);
    }
}

/// <summary>A completed week of a weekly series: its Monday, the day its value was captured, and the value (null: nothing to rate).</summary>
public sealed record WeeklyPoint(DateOnly WeekOf, DateOnly Day, decimal? Value);
