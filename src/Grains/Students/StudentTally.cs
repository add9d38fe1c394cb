using EduInfo.Domain.Metrics;
using EduInfo.Grains.Interfaces.Summaries;

namespace EduInfo.Grains.Students;

/// <summary>
/// A student's figures in one subject, kept compact: a value type of the 17 counters a student's own rows can move,
/// stored inline in the grain's dictionary instead of a full-width <see cref="SummaryFigures"/> object per subject. A
/// quarter of a million student grains are live at once in a big region (the benchmark's memory goal: ≤ 4 KB each).
/// Rows still go through <see cref="Domain.JournalFigures"/>, so the rules live in one place.
/// </summary>
public struct StudentTally
{
    private int _marks, _formativeMarks, _formativeScoreSum, _formativeMaxSum, _summativeMarks, _summativeScoreSum, _summativeMaxSum;
    private int _lessonsHeld, _seatsHeld, _attended, _late, _absentUnexcused, _absentExcused, _absentSick;
    private int _development1, _development2, _development3;

    /// <summary>Adds what one row contributes; figures of a kind a student's row cannot move are refused.</summary>
    public void Add(SummaryFigures row)
    {
        if (row with
            {
                Marks = 0, FormativeMarks = 0, FormativeScoreSum = 0, FormativeMaxSum = 0, SummativeMarks = 0, SummativeScoreSum = 0,
                SummativeMaxSum = 0, LessonsHeld = 0, SeatsHeld = 0, Attended = 0, Late = 0, AbsentUnexcused = 0, AbsentExcused = 0,
                AbsentSick = 0, DevelopmentLevel1 = 0, DevelopmentLevel2 = 0, DevelopmentLevel3 = 0,
            } != SummaryFigures.Zero)
        {
            throw new ArgumentException("A student's row moved a figure the student tally does not keep.", nameof(row));
        }
        checked
        {
            _marks += (int)row.Marks;
            _formativeMarks += (int)row.FormativeMarks;
            _formativeScoreSum += (int)row.FormativeScoreSum;
            _formativeMaxSum += (int)row.FormativeMaxSum;
            _summativeMarks += (int)row.SummativeMarks;
            _summativeScoreSum += (int)row.SummativeScoreSum;
            _summativeMaxSum += (int)row.SummativeMaxSum;
            _lessonsHeld += (int)row.LessonsHeld;
            _seatsHeld += (int)row.SeatsHeld;
            _attended += (int)row.Attended;
            _late += (int)row.Late;
            _absentUnexcused += (int)row.AbsentUnexcused;
            _absentExcused += (int)row.AbsentExcused;
            _absentSick += (int)row.AbsentSick;
            _development1 += (int)row.DevelopmentLevel1;
            _development2 += (int)row.DevelopmentLevel2;
            _development3 += (int)row.DevelopmentLevel3;
        }
    }

    public readonly SummaryFigures ToFigures() => new()
    {
        Marks = _marks, FormativeMarks = _formativeMarks, FormativeScoreSum = _formativeScoreSum, FormativeMaxSum = _formativeMaxSum,
        SummativeMarks = _summativeMarks, SummativeScoreSum = _summativeScoreSum, SummativeMaxSum = _summativeMaxSum,
        LessonsHeld = _lessonsHeld, SeatsHeld = _seatsHeld, Attended = _attended, Late = _late, AbsentUnexcused = _absentUnexcused,
        AbsentExcused = _absentExcused, AbsentSick = _absentSick,
        DevelopmentLevel1 = _development1, DevelopmentLevel2 = _development2, DevelopmentLevel3 = _development3,
    };
}
