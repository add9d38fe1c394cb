namespace EduInfo.Grains.Interfaces.Summaries;

/// <summary>
/// The figures of one node: integer numerators and denominators only, so a parent is the exact sum of
/// its children and every percentage is derived at read time (DESIGN.md §2, Metrics).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SummaryFigures
{
    public static readonly SummaryFigures Zero = new();

    /// <summary>Enrolled headcount today.</summary>
    [Id(0)] public long Students { get; init; }
    [Id(1)] public long Classes { get; init; }
    [Id(2)] public long Organizations { get; init; }

    /// <summary>Marks of every kind in the journal.</summary>
    [Id(3)] public long Marks { get; init; }
    [Id(4)] public long FormativeMarks { get; init; }
    /// <summary>Σ formative scores; with <see cref="FormativeMaxSum"/> gives FO% and the average on the scale.</summary>
    [Id(5)] public long FormativeScoreSum { get; init; }
    [Id(6)] public long FormativeMaxSum { get; init; }
    [Id(7)] public long SummativeMarks { get; init; }
    [Id(8)] public long SummativeScoreSum { get; init; }
    [Id(9)] public long SummativeMaxSum { get; init; }

    /// <summary>Lessons with a roll-call.</summary>
    [Id(10)] public long LessonsHeld { get; init; }
    /// <summary>Lesson-seats held: Σ roster size over lessons.</summary>
    [Id(11)] public long SeatsHeld { get; init; }
    /// <summary>Seats attended (late counts as attended).</summary>
    [Id(12)] public long Attended { get; init; }
    [Id(13)] public long Late { get; init; }
    [Id(14)] public long AbsentUnexcused { get; init; }
    [Id(15)] public long AbsentExcused { get; init; }
    [Id(16)] public long AbsentSick { get; init; }

    public static SummaryFigures operator +(SummaryFigures a, SummaryFigures b) => new()
    {
        Students = a.Students + b.Students,
        Classes = a.Classes + b.Classes,
        Organizations = a.Organizations + b.Organizations,
        Marks = a.Marks + b.Marks,
        FormativeMarks = a.FormativeMarks + b.FormativeMarks,
        FormativeScoreSum = a.FormativeScoreSum + b.FormativeScoreSum,
        FormativeMaxSum = a.FormativeMaxSum + b.FormativeMaxSum,
        SummativeMarks = a.SummativeMarks + b.SummativeMarks,
        SummativeScoreSum = a.SummativeScoreSum + b.SummativeScoreSum,
        SummativeMaxSum = a.SummativeMaxSum + b.SummativeMaxSum,
        LessonsHeld = a.LessonsHeld + b.LessonsHeld,
        SeatsHeld = a.SeatsHeld + b.SeatsHeld,
        Attended = a.Attended + b.Attended,
        Late = a.Late + b.Late,
        AbsentUnexcused = a.AbsentUnexcused + b.AbsentUnexcused,
        AbsentExcused = a.AbsentExcused + b.AbsentExcused,
        AbsentSick = a.AbsentSick + b.AbsentSick,
    };

    public static SummaryFigures operator -(SummaryFigures a, SummaryFigures b) => new()
    {
        Students = a.Students - b.Students,
        Classes = a.Classes - b.Classes,
        Organizations = a.Organizations - b.Organizations,
        Marks = a.Marks - b.Marks,
        FormativeMarks = a.FormativeMarks - b.FormativeMarks,
        FormativeScoreSum = a.FormativeScoreSum - b.FormativeScoreSum,
        FormativeMaxSum = a.FormativeMaxSum - b.FormativeMaxSum,
        SummativeMarks = a.SummativeMarks - b.SummativeMarks,
        SummativeScoreSum = a.SummativeScoreSum - b.SummativeScoreSum,
        SummativeMaxSum = a.SummativeMaxSum - b.SummativeMaxSum,
        LessonsHeld = a.LessonsHeld - b.LessonsHeld,
        SeatsHeld = a.SeatsHeld - b.SeatsHeld,
        Attended = a.Attended - b.Attended,
        Late = a.Late - b.Late,
        AbsentUnexcused = a.AbsentUnexcused - b.AbsentUnexcused,
        AbsentExcused = a.AbsentExcused - b.AbsentExcused,
        AbsentSick = a.AbsentSick - b.AbsentSick,
    };

    public static SummaryFigures Sum(IEnumerable<SummaryFigures> parts) => parts.Aggregate(Zero, (total, part) => total + part);
}
