using EduInfo.Domain.Metrics;
using EduInfo.Api.Contracts;
using EduInfo.Grains.Interfaces.Summaries;

namespace EduInfo.UnitTests.Rules;

/// <summary>Rates derived at read time from integer figures (DESIGN.md §2, Metrics), including a region that mixes schools and colleges.</summary>
public sealed class SummaryRatesTests
{
    [Fact]
    public void Schools_colleges_and_kindergartens_each_have_their_rates_over_their_own_figures()
    {
        // A district of two school results (marks 4 and 5, 75 % and 95 %), one college result (75 %, B− = 2.67) and
        // a kindergarten: the school rates see only the school figures, however the others stand.
        var figures = new SummaryFigures
        {
            TermMarks4 = 1, TermMarks5 = 1, TermMarkSum = 9, TermResults = 2, TermPercentSum = 75 + 95,
            StudentsAssessed = 2, StudentsSucceeding = 2, StudentsQualified = 1,
            CollegeResults = 1, CollegePercentSum = 75, GpaHundredthsSum = 267, CollegeNotAttested = 1,
            CollegeStudentsAssessed = 2, CollegeStudentsSucceeding = 1, CollegeStudentsQualified = 1,
            SeatsHeld = 100 + 40 + 60, Attended = 90 + 20 + 45, SchoolSeatsHeld = 100, SchoolAttended = 90,
            CollegeSeatsHeld = 40, CollegeAttended = 20, PreschoolSeatsHeld = 60, PreschoolAttended = 45,
            DevelopmentLevel1 = 1, DevelopmentLevel2 = 2, DevelopmentLevel3 = 1,
        };
        var rates = SummaryRates.Of(figures);
        Assert.Equal((4.5m, 85m, 100m, 50m, 90m), (rates.AverageTermMark, rates.AverageTermPercent, rates.SuccessRate, rates.KnowledgeQuality, rates.AttendanceRate));
        Assert.Equal((75m, 2.67m, 50m, 50m, 50m), (rates.CollegeAverageTermPercent, rates.AverageGpa, rates.CollegeSuccessRate, rates.CollegeKnowledgeQuality, rates.CollegeAttendanceRate));
        Assert.Equal((75m, 25m, 25m), (rates.PreschoolAttendanceRate, rates.DevelopmentHighShare, rates.DevelopmentLowShare));
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
        Assert.Null(rates.CollegeSuccessRate);
        Assert.Null(rates.PreschoolAttendanceRate);
    }

    [Theory]
    [InlineData(3, 4, 75)]    // lessons held on classes with a timetable ÷ scheduled
    [InlineData(5, 4, 125)]   // extra lessons: above 100 %, not hidden
    [InlineData(0, 4, 0)]
    public void Completeness_is_held_over_scheduled(long held, long scheduled, decimal expected) =>
        Assert.Equal(expected, SummaryRates.Of(new SummaryFigures { TimetabledLessonsHeld = held, LessonsHeld = held + 10, LessonsScheduled = scheduled }).Completeness);
}
