using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Grains.Interfaces.Summaries;

namespace EduInfo.Grains.Domain;

/// <summary>What one journal row adds to a summary (DESIGN.md §2, Metrics). Pure.</summary>
public static class JournalFigures
{
    /// <summary>A mark: formative marks feed FO%; section and term summatives feed the summative sums.</summary>
    public static SummaryFigures ForMark(MarkKind kind, int score, int maxScore) => kind == MarkKind.Formative
        ? new SummaryFigures { Marks = 1, FormativeMarks = 1, FormativeScoreSum = score, FormativeMaxSum = maxScore }
        : new SummaryFigures { Marks = 1, SummativeMarks = 1, SummativeScoreSum = score, SummativeMaxSum = maxScore };

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
        return new SummaryFigures
        {
            LessonsHeld = 1,
            SeatsHeld = rosterSize,
            Attended = rosterSize - unexcused - excused - sick,
            Late = late,
            AbsentUnexcused = unexcused,
            AbsentExcused = excused,
            AbsentSick = sick,
        };
    }

    /// <summary>One student's seat in a lesson (<paramref name="code"/> null = present).</summary>
    public static SummaryFigures ForSeat(AbsenceCode? code) => ForLesson(1, code is { } c ? [c] : []);
}
