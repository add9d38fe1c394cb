using EduInfo.Domain.Journal;

namespace EduInfo.Domain.Metrics;

/// <summary>What one journal row adds to a summary (DESIGN.md §2, Metrics). Pure.</summary>
public static class JournalFigures
{
    /// <summary>A mark: formative marks feed FO%; section and term summatives feed the summative sums.</summary>
    public static SummaryFigures ForMark(MarkKind kind, int score, int maxScore) => ForMarks(kind, 1, score, maxScore);

    /// <summary>
    /// <paramref name="count"/> marks of one kind with their sums. Development levels are counted by level, so a
    /// group of them must share one score (the level).
    /// </summary>
    public static SummaryFigures ForMarks(MarkKind kind, long count, long scoreSum, long maxSum) => kind switch
    {
        MarkKind.Formative => new SummaryFigures { Marks = count, FormativeMarks = count, FormativeScoreSum = scoreSum, FormativeMaxSum = maxSum },
        MarkKind.Development => (count == 0 ? 0 : scoreSum / count) switch
        {
            1 => new SummaryFigures { Marks = count, DevelopmentLevel1 = count },
            2 => new SummaryFigures { Marks = count, DevelopmentLevel2 = count },
            _ => new SummaryFigures { Marks = count, DevelopmentLevel3 = count },
        },
        _ => new SummaryFigures { Marks = count, SummativeMarks = count, SummativeScoreSum = scoreSum, SummativeMaxSum = maxSum },
    };

    /// <summary>A lesson of a group: one lesson held, a seat per rostered student; late counts as attended.</summary>
    public static SummaryFigures ForLesson(int rosterSize, IEnumerable<AbsenceCode> codes)
    {
        long unexcused = 0, excused = 0, sick = 0, late = 0;
        foreach (var code in codes)
        {
            switch (code)
            {
                case AbsenceCode.Unexcused: unexcused++; break;
                case AbsenceCode.Excused: excused++; break;
                case AbsenceCode.Sick: sick++; break;
                case AbsenceCode.Late: late++; break;
            }
        }
        return Seats(lessons: 1, rosterSize, late, unexcused, excused, sick);
    }

    /// <summary>Lessons and their seats by absence code (late is attended), with the full days missed among them.</summary>
    public static SummaryFigures Seats(long lessons, long seats, long late, long unexcused, long excused, long sick, long fullDaysMissed = 0) => new()
    {
        LessonsHeld = lessons,
        SeatsHeld = seats,
        Attended = seats - unexcused - excused - sick,
        Late = late,
        AbsentUnexcused = unexcused,
        AbsentExcused = excused,
        AbsentSick = sick,
        FullDaysMissed = fullDaysMissed,
    };

    /// <summary>One student's seat in a lesson (<paramref name="code"/> null = present).</summary>
    public static SummaryFigures ForSeat(AbsenceCode? code) => ForLesson(1, code is { } c ? [c] : []);
}
