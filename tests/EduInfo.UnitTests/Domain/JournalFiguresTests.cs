using EduInfo.Domain.Journal;
using EduInfo.Domain.Metrics;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Grains.Interfaces.Summaries;

namespace EduInfo.UnitTests.Domain;

public sealed class JournalFiguresTests
{
    [Fact]
    public void A_formative_mark_counts_in_the_formative_sums()
    {
        var f = JournalFigures.ForMark(MarkKind.Formative, 8, 10);
        Assert.Equal(new SummaryFigures { Marks = 1, FormativeMarks = 1, FormativeScoreSum = 8, FormativeMaxSum = 10 }, f);
    }

    [Theory]
    [InlineData(MarkKind.Section, 15, 20)]
    [InlineData(MarkKind.Term, 0, 30)]
    public void A_summative_mark_counts_in_the_summative_sums(MarkKind kind, int score, int max) =>
        Assert.Equal(new SummaryFigures { Marks = 1, SummativeMarks = 1, SummativeScoreSum = score, SummativeMaxSum = max },
            JournalFigures.ForMark(kind, score, max));

    // roster, codes → held seats, attended, late, н, п, б (late counts as attended)
    [Theory]
    [InlineData(25, "", 25, 0, 0, 0, 0)]
    [InlineData(25, "Unexcused,Sick,Sick", 22, 0, 1, 0, 2)]
    [InlineData(25, "Late,Late,Excused", 24, 2, 0, 1, 0)]
    [InlineData(3, "Unexcused,Excused,Sick", 0, 0, 1, 1, 1)]
    public void A_lesson_counts_seats_and_absences(int roster, string codes, long attended, long late, long unexcused, long excused, long sick)
    {
        var parsed = codes.Length == 0 ? [] : codes.Split(',').Select(Enum.Parse<AbsenceCode>).ToArray();
        var f = JournalFigures.ForLesson(roster, parsed);
        Assert.Equal(new SummaryFigures
        {
            LessonsHeld = 1, SeatsHeld = roster, Attended = attended, Late = late,
            AbsentUnexcused = unexcused, AbsentExcused = excused, AbsentSick = sick,
        }, f);
    }

    [Fact]
    public void Figures_add_and_subtract_field_by_field()
    {
        var a = new SummaryFigures { Students = 3, Marks = 2, FormativeScoreSum = 17, SeatsHeld = 5, AbsentSick = 1 };
        var b = new SummaryFigures { Students = 1, Marks = 5, FormativeScoreSum = 3, SeatsHeld = 2, Late = 4 };
        Assert.Equal(new SummaryFigures { Students = 4, Marks = 7, FormativeScoreSum = 20, SeatsHeld = 7, AbsentSick = 1, Late = 4 }, a + b);
        Assert.Equal(a, a + b - b);
        Assert.Equal(a + b, SummaryFigures.Sum([a, b]));
    }
}
