using EduInfo.Domain.Metrics;

namespace EduInfo.UnitTests.Rules;

/// <summary>The packed per-day seats of a class's pupils keep exactly what a dictionary would, inside the year and out.</summary>
public sealed class StudentDaysTests
{
    public static TheoryData<string, int, int> Days => new()
    {
        { "2026-09-01", 5, 1 },       // the year's first day
        { "2027-08-31", 1, 1 },       // its last
        { "2026-08-31", 3, 2 },       // the day before: kept aside
        { "2027-09-01", 2, 0 },       // the day after: kept aside
        { "2026-11-27", 16, 3 },      // a count beyond 4 bits: kept aside
        { "2026-11-30", 4, 16 },
        { "2026-12-01", 15, 15 },     // the most a packed day holds
        { "2026-12-02", 70_000, 3 },
    };

    [Theory]
    [MemberData(nameof(Days))]
    public void A_day_reads_back_what_was_written_and_is_listed_once(string date, int seats, int missed)
    {
        var days = new StudentDays("2026-2027");
        var day = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal((0, 0), days["S1", day]);
        days["S1", day] = (seats, missed);
        days["S2", day] = (1, 0);
        Assert.Equal((seats, missed), days["S1", day]);
        Assert.Equal((1, 0), days["S2", day]);
        Assert.Equal((0, 0), days["S1", day.AddDays(1)]);
        Assert.Equal([("S1", day, seats, missed), ("S2", day, 1, 0)], days.All().OrderBy(d => d.StudentId, StringComparer.Ordinal).ToList());
    }

    [Fact]
    public void A_day_that_outgrows_the_packing_moves_aside_and_is_still_listed_once()
    {
        var days = new StudentDays("2026-2027");
        var day = new DateOnly(2026, 10, 5);
        days["S1", day] = (6, 6);
        days["S1", day] = (16, 0);
        days["S1", day] = (7, 1); // stays aside once there
        Assert.Equal((7, 1), days["S1", day]);
        Assert.Equal([("S1", day, 7, 1)], days.All().ToList());
    }

    /// <summary>A pupil's bytes reach only to their last day with a seat: a later day grows them and keeps the earlier ones.</summary>
    [Fact]
    public void A_later_day_grows_a_pupils_days_and_keeps_the_earlier_ones()
    {
        var days = new StudentDays("2026-2027");
        var (first, later, last) = (new DateOnly(2026, 9, 1), new DateOnly(2026, 12, 1), new DateOnly(2027, 8, 31));
        days["S1", first] = (5, 1);
        Assert.Equal((0, 0), days["S1", later]); // beyond the bytes held: nothing there
        days["S1", later] = (4, 4);
        days["S1", last] = (1, 0);
        Assert.Equal([(first, 5, 1), (later, 4, 4), (last, 1, 0)], days.All().Select(d => (d.Date, d.Seats, d.Missed)).ToList());
    }

    /// <summary>
    /// Pupils are found by binary search over their ids (not a dictionary): ids that are prefixes of each other, arrive
    /// in no order and outgrow the first arrays each keep their own days.
    /// </summary>
    public static TheoryData<string[]> Pupils => new()
    {
        { ["S1"] },
        { ["S2", "S1"] },
        { ["S1", "S10", "S2", "S100", "S", "S0"] },
        { ["b", "a", "c", "B", "A", "", "ab", "ba", "aa"] },
        { Enumerable.Range(0, 60).Select(i => $"P{(i * 37) % 61}").ToArray() },
    };

    [Theory]
    [MemberData(nameof(Pupils))]
    public void Each_pupil_keeps_their_own_days_whatever_order_they_arrive_in(string[] pupils)
    {
        var days = new StudentDays("2026-2027");
        var first = new DateOnly(2026, 9, 1);
        for (var i = 0; i < pupils.Length; i++)
        {
            days[pupils[i], first.AddDays(i % 200)] = (1 + i % 15, i % 2);
        }
        for (var i = 0; i < pupils.Length; i++)
        {
            Assert.Equal((1 + i % 15, i % 2), days[pupils[i], first.AddDays(i % 200)]);
            Assert.Equal((0, 0), days[pupils[i], first.AddDays(i % 200 + 1)]);
            Assert.Equal((0, 0), days[pupils[i] + "x", first.AddDays(i % 200)]);
        }
        Assert.Equal(
            pupils.Select((p, i) => (p, first.AddDays(i % 200), 1 + i % 15, i % 2)).Order().ToList(),
            days.All().Order().ToList());
    }

    [Fact]
    public void A_year_that_cannot_be_read_keeps_every_day_aside()
    {
        var days = new StudentDays("");
        days["S1", new DateOnly(2026, 10, 5)] = (2, 1);
        Assert.Equal((2, 1), days["S1", new DateOnly(2026, 10, 5)]);
        Assert.Single(days.All());
    }
}
