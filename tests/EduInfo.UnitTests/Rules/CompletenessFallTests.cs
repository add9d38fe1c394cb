using EduInfo.Domain.Metrics;
using EduInfo.Domain.Trends;

namespace EduInfo.UnitTests.Rules;

/// <summary>Completeness falling (docs/analysis.md, Signals) as tables: daily shares from cumulative captures, and their slope.</summary>
public sealed class CompletenessFallTests
{
    /// <summary>
    /// Captures as "scheduled/held" cumulative, "-" for a missing day. Expected: the shares in % and the slope in points
    /// per day, or "none".
    /// </summary>
    [Theory]
    [InlineData("10/10 20/20 30/30 40/40 50/50 60/60", "0,0,0,0,0 slope 0 falling False")]
    [InlineData("10/10 20/20 30/29 40/37 50/44 60/50", "0,10,20,30,40 slope 10 falling True")]      // one more lesson unrecorded each day
    [InlineData("10/5 20/11 30/18 40/26 50/35 60/45", "40,30,20,10,0 slope -10 falling False")]    // catching up
    [InlineData("10/10 20/20 30/29 - 40/37 50/44 60/50", "0,10,20,30,40 slope 10 falling True")]    // a missing day is skipped
    [InlineData("10/10 20/20 30/30 40/40 50/50", "none")]                                            // five captures: four days
    [InlineData("10/10 20/20 20/20 30/30 40/40 50/50", "none")]                                      // a day with nothing scheduled
    [InlineData("10/10 20/20 30/30 40/40 50/50 60/59", "0,0,0,0,10 slope 2 falling True")]          // 2 points a day: over the threshold
    [InlineData("100/100 200/200 300/300 400/400 500/500 600/598", "0,0,0,0,2 slope 0.4 falling False")]
    [InlineData("10/10 20/20 30/30 40/40 50/50 60/61", "0,0,0,0,-10 slope -2 falling False")]       // a late roll-call of an earlier day
    public void The_share_without_a_roll_call_and_its_slope_over_the_last_five_days(string captures, string expected)
    {
        var day = new DateOnly(2026, 11, 16);
        var series = captures.Split(' ').Select((c, i) => c == "-"
            ? (day.AddDays(i), (SummaryFigures?)null, true)
            : (day.AddDays(i), new SummaryFigures { LessonsScheduled = long.Parse(c.Split('/')[0]), TimetabledLessonsHeld = long.Parse(c.Split('/')[1]) }, false)).ToList();

        var result = CompletenessFall.Of(series);

        var text = result is not { } r ? "none"
            : $"{string.Join(",", r.Shares.Select(s => Math.Round(s * 100, 2).ToString(System.Globalization.CultureInfo.InvariantCulture)))} "
              + $"slope {Math.Round(r.Slope * 100, 2).ToString(System.Globalization.CultureInfo.InvariantCulture)} falling {CompletenessFall.IsFalling(r.Slope)}";
        Assert.Equal(expected, text);
    }
}
