using EduInfo.Domain.Metrics;
using EduInfo.Storage.Trends;
using Microsoft.Extensions.DependencyInjection;

namespace EduInfo.IntegrationTests.Infrastructure;

/// <summary>
/// Writes a captured history through the store's own capture (claim, missing days, changed cells), for tests of what is
/// read from it: a day per (day, nodes' year cells), missing days recorded with the first day after them.
/// </summary>
public static class TrendHistory
{
    public static async Task CaptureAsync(ApiHost api, IReadOnlyList<DateOnly> missing, params (DateOnly Day, IReadOnlyDictionary<string, SummaryFigures> Nodes)[] days)
    {
        var store = api.Services.GetRequiredService<DailyFiguresStore>();
        foreach (var (day, nodes) in days)
        {
            var gaps = missing.Where(m => m < day && !days.Any(d => d.Day < day && d.Day > m)).ToList();
            var batch = nodes.Select(n => new CapturedNode(n.Key, new Dictionary<SummaryKey, SummaryFigures> { [SummaryKey.Total] = n.Value })).ToList();
            Assert.True(await store.CaptureAsync(day, gaps, Batches(batch)), $"{day} was already captured");
        }
    }

    /// <summary>Cumulative year figures with the scheduled lessons and those of them held (the completeness fields).</summary>
    public static SummaryFigures Lessons(long scheduled, long held) => SummaryFigures.Zero with { LessonsScheduled = scheduled, TimetabledLessonsHeld = held };

    private static async IAsyncEnumerable<IReadOnlyList<CapturedNode>> Batches(IReadOnlyList<CapturedNode> nodes)
    {
        await Task.Yield();
        yield return nodes;
    }
}
