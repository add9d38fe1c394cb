using EduInfo.Domain.Metrics;
using EduInfo.Api.Contracts;
using EduInfo.Grains.Interfaces.Summaries;

namespace EduInfo.UnitTests.Rules;

/// <summary>Rates derived at read time from integer figures (DESIGN.md §2, Metrics), including a region that mixes schools and colleges.</summary>
public sealed class SummaryRatesTests
{
    [Fact]
    public void Schools_and_colleges_each_average_over_their_own_results()
    {
        // Two school results (marks 4 and 5, 75 % and 95 %) and one college result (75 %, B− = 2.67).
        var figures = new SummaryFigures
        {
            TermMarks4 = 1, TermMarks5 = 1, TermMarkSum = 9, TermResults = 3, TermPercentSum = 75 + 95 + 75, GpaHundredthsSum = 267,
            StudentsAssessed = 3, StudentsSucceeding = 3, StudentsQualified = 3,
        };
        var rates = SummaryRates.Of(figures);
        Assert.Equal(4.5m, rates.AverageTermMark);
        Assert.Equal(81.67m, rates.AverageTermPercent); // 245 / 3
        Assert.Equal(2.67m, rates.AverageGpa);
        Assert.Equal(100m, rates.SuccessRate);
    }

    [Fact]
    public void Undefined_rates_are_null_rather_than_zero()
    {
        var rates = SummaryRates.Of(SummaryFigures.Zero);
        Assert.Null(rates.AverageTermMark);
        Assert.Null(rates.AverageGpa);
        Assert.Null(rates.SuccessRate);
        Assert.Null(rates.KnowledgeQuality);
        Assert.Null(rates.Completeness);
        Assert.Null(rates.AttendanceRate);
    }

    [Theory]
    [InlineData(3, 4, 75)]    // lessons held on classes with a timetable ÷ scheduled
    [InlineData(5, 4, 125)]   // extra lessons: above 100 %, not hidden
    [InlineData(0, 4, 0)]
    public void Completeness_is_held_over_scheduled(long held, long scheduled, decimal expected) =>
        Assert.Equal(expected, SummaryRates.Of(new SummaryFigures { TimetabledLessonsHeld = held, LessonsHeld = held + 10, LessonsScheduled = scheduled }).Completeness);
}
