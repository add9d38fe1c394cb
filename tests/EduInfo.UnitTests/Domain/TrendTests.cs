using EduInfo.Domain.Calendar;
using EduInfo.Domain.Metrics;
using EduInfo.Domain.Trends;

namespace EduInfo.UnitTests.Domain;

/// <summary>The daily trend's rules: which days are captured, which are missing, what a node keeps, and how a series is read back.</summary>
public sealed class TrendTests
{
    private static readonly SchoolCalendar School = new(SyntheticCalendar.For("2026-2027", "school"));

    public static TheoryData<string, string, bool> CaptureDays => new()
    {
        { "a Friday in term 2", "2026-11-27", true },
        { "a Saturday (six-day schools)", "2026-11-28", true },
        { "a Sunday", "2026-11-29", false },
        { "the autumn holidays", SchoolHoliday(), false },
        { "a summer day", "2027-07-15", false },
    };

    [Theory]
    [MemberData(nameof(CaptureDays))]
    public void A_day_is_captured_when_it_was_a_school_day_for_someone(string name, string day, bool expected) =>
        Assert.True(expected == TrendDays.IsCaptureDay(DateOnly.Parse(day), [School]), name);

    public static TheoryData<string, string?, string, string[]> Gaps => new()
    {
        { "the first capture ever: nothing before it is missing", null, "2026-11-27", [] },
        { "the day after the last: nothing missing", "2026-11-26", "2026-11-27", [] },
        { "down through Saturday: Saturday missing, Sunday is no capture day", "2026-11-27", "2026-11-30", ["2026-11-28"] },
        { "a capture day already kept is not missing again", "2026-11-30", "2026-11-30", [] },
    };

    [Theory]
    [MemberData(nameof(Gaps))]
    public void Days_without_a_capture_are_recorded_missing(string name, string? last, string day, string[] expected)
    {
        var missing = TrendDays.MissingBetween(last is null ? null : DateOnly.Parse(last), DateOnly.Parse(day), d => TrendDays.IsCaptureDay(d, [School]));
        Assert.True(expected.SequenceEqual(missing.Select(d => d.ToString("yyyy-MM-dd"))), $"{name}: {string.Join(", ", missing)}");
    }

    private static readonly SummaryKey Term2 = new(2, SummaryKey.AllSubjects);
    private static readonly SummaryKey Math2 = new(2, "MAT");

    [Fact]
    public void A_node_keeps_only_the_cells_that_changed_and_a_cell_gone_as_zero()
    {
        var before = new Dictionary<SummaryKey, SummaryFigures> { [Term2] = new() { Students = 20 }, [Math2] = new() { FormativeMarks = 3 }, [SummaryKey.Total] = new() { Students = 20 } };
        var after = new Dictionary<SummaryKey, SummaryFigures> { [Term2] = new() { Students = 21 }, [SummaryKey.Total] = new() { Students = 20 } };

        var changed = TrendCells.Changed(before, after);

        Assert.Equal(2, changed.Count);
        Assert.Equal(21, changed[Term2].Students);
        Assert.Equal(SummaryFigures.Zero, changed[Math2]);
        Assert.Empty(TrendCells.Changed(after, after));
    }

    [Fact]
    public void A_series_carries_the_last_kept_value_forward_and_leaves_missing_days_empty()
    {
        var days = new List<(DateOnly, bool)> { (new(2026, 11, 25), false), (new(2026, 11, 26), false), (new(2026, 11, 27), true), (new(2026, 11, 28), false) };
        var changes = new List<(DateOnly, SummaryFigures)> { (new(2026, 11, 26), new SummaryFigures { Students = 20 }) };

        var series = TrendCells.Series(days, changes);

        Assert.Null(series[0].Figures); // the node had nothing kept yet
        Assert.Equal(20, series[1].Figures!.Students);
        Assert.True(series[2].Missing);
        Assert.Null(series[2].Figures);
        Assert.Equal(20, series[3].Figures!.Students); // unchanged since: carried forward
    }

    private static string SchoolHoliday()
    {
        // The first day off inside the year's span that is not a weekend: between terms 1 and 2.
        var (_, ends) = School.Dates(1)!.Value;
        return ends.AddDays(3).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? ends.AddDays(5).ToString("yyyy-MM-dd") : ends.AddDays(3).ToString("yyyy-MM-dd");
    }
}
