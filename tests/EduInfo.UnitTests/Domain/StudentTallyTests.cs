using EduInfo.Domain.Journal;
using EduInfo.Domain.Metrics;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.Grains.Students;

namespace EduInfo.UnitTests.Domain;

/// <summary>The student grain's compact tally must give back exactly the figures its rows add up to.</summary>
public sealed class StudentTallyTests
{
    // A student's rows in one subject: mark kind:score/max, or seat:code (present when no code).
    [Theory]
    [InlineData("")]
    [InlineData("formative:8/10")]
    [InlineData("formative:8/10 formative:3/10 section:15/20 term:22/30")]
    [InlineData("seat: seat:Late seat:Unexcused seat:Excused seat:Sick seat:Sick")]
    [InlineData("development:1/3 development:2/3 development:3/3 development:3/3")]
    [InlineData("formative:10/10 seat:Late section:0/20 seat: development:2/3 term:30/30")]
    public void The_tally_equals_the_sum_of_the_rows_figures(string rows)
    {
        var expected = SummaryFigures.Zero;
        var tally = new StudentTally();
        foreach (var row in rows.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var (what, value) = (row.Split(':')[0], row.Split(':')[1]);
            var figures = what == "seat"
                ? JournalFigures.ForSeat(value.Length == 0 ? null : Enum.Parse<AbsenceCode>(value))
                : JournalFigures.ForMark(Enum.Parse<MarkKind>(what, ignoreCase: true), int.Parse(value.Split('/')[0]), int.Parse(value.Split('/')[1]));
            expected += figures;
            tally.Add(figures);
        }
        Assert.Equal(expected, tally.ToFigures());
    }

    [Fact]
    public void A_figure_the_tally_does_not_keep_is_refused_rather_than_lost() =>
        Assert.Throws<ArgumentException>(() => new StudentTally().Add(new SummaryFigures { Marks = 1, TermMarks5 = 1 }));
}
