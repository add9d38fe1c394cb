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
        var (days, changes) = await history.ReadCellAsync(node.Id, key, from, to, cancellationToken);
        var points = TrendCells.Series(days, changes)
            .Select(p => new TrendPoint(p.Day, p.Figures is { } f ? ValueOf(metric, f) : null, p.Missing))
            .Select(TrendPointResponse.Of)
            .ToList();
        var live = await grains.SummaryNode(node.Kind, node.Id).GetSummary();
        return new TrendResponse(node.Id, JsonNaming.Camel(metric.ToString()), key.Term == SummaryKey.Year ? null : key.Term,
            key.SubjectId == SummaryKey.AllSubjects ? null : key.SubjectId, from, to, points,
            new TrendPointResponse(today, ValueOf(metric, live.Cell(key)), false));
    }
}
