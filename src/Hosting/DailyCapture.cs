using System.Runtime.CompilerServices;
using EduInfo.Domain.Calendar;
using EduInfo.Domain.Metrics;
using EduInfo.Domain.Registry;
using EduInfo.Domain.Trends;
using EduInfo.Grains.Interfaces.Calendar;
using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.Storage.Trends;
using Microsoft.Extensions.Logging;

namespace EduInfo.Hosting;

/// <summary>
/// The end-of-day capture of the daily trends: the summaries of the republic, every area and every organization as the
/// roll-up holds them (an area's children are read from the area, so no organization grain is woken), kept by
/// <see cref="DailyFiguresStore"/> once across silos. Classes are not captured: the dashboard's trends start at the
/// organization.
/// </summary>
public sealed class DailyCapture(IGrainFactory grains, DailyFiguresStore store, ILogger<DailyCapture> logger)
{
    public const string RepublicId = "KZ";

    /// <summary>The kinds whose calendars decide a capture day (the additional-education centres follow the schools').</summary>
    private static readonly string[] CalendarKinds = ["school", "college", "preschool"];

    /// <summary>
    /// Captures <paramref name="day"/> if it was a capture day and nobody captured it: true when this call did. Run on
    /// the first tick after the day ended, before the day roll moves the figures to the new date.
    /// </summary>
    public async Task<bool> CaptureAsync(DateOnly day, CancellationToken cancellationToken = default)
    {
        var calendars = await CalendarsAsync(day);
        if (!TrendDays.IsCaptureDay(day, calendars))
        {
            return false;
        }
        var last = await store.LastDayAsync(cancellationToken);
        if (last >= day)
        {
            return false;
        }
        var missing = TrendDays.MissingBetween(last, day, d => TrendDays.IsCaptureDay(d, calendars));
        var captured = await store.CaptureAsync(day, missing, WalkAsync(cancellationToken), cancellationToken);
        if (captured)
        {
            logger.LogInformation("Daily trends: {Day} captured ({Missing} earlier days recorded missing)", day, missing.Count);
        }
        return captured;
    }

    /// <summary>The republic, then each area with the organizations it holds, one batch per area.</summary>
    private async IAsyncEnumerable<IReadOnlyList<CapturedNode>> WalkAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var republic = grains.GetGrain<IAreaGrain>(RepublicId);
        var areas = new Queue<(IAreaGrain Grain, NodeSummary Summary)>();
        areas.Enqueue((republic, await republic.GetSummary()));
        while (areas.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (area, summary) = areas.Dequeue();
            var batch = new List<CapturedNode> { Captured(summary) };
            foreach (var child in await area.GetChildren())
            {
                if (child.Kind == NodeKind.Organization)
                {
                    batch.Add(Captured(child));
                }
                else if (child.Kind is NodeKind.Region or NodeKind.District)
                {
                    areas.Enqueue((grains.GetGrain<IAreaGrain>(child.NodeId), child));
                }
            }
            yield return batch;
        }
    }

    private static CapturedNode Captured(NodeSummary summary)
    {
        var cells = (summary.Cells ?? []).ToDictionary(c => c.Key, c => c.Figures);
        cells[SummaryKey.Total] = summary.Figures;
        return new CapturedNode(summary.NodeId, cells);
    }

    private async Task<IReadOnlyList<SchoolCalendar>> CalendarsAsync(DateOnly day)
    {
        var year = AcademicCalendar.YearOf(day);
        var calendars = new List<SchoolCalendar>();
        foreach (var kind in CalendarKinds)
        {
            if (await grains.GetGrain<ICalendarGrain>(ICalendarGrain.KeyOf(year, kind)).Get() is { } document)
            {
                calendars.Add(new SchoolCalendar(document));
            }
        }
        return calendars;
    }
}
