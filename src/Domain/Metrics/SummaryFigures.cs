namespace EduInfo.Domain.Metrics;

/// <summary>
/// The figures of one node: integer numerators and denominators only, so a parent is the exact sum of
/// its children and every percentage is derived at read time (DESIGN.md §2, Metrics).
/// </summary>
public sealed record SummaryFigures
{
    public static readonly SummaryFigures Zero = new();

    /// <summary>Enrolled headcount today.</summary>
    public long Students { get; init; }
    public long Classes { get; init; }
    public long Organizations { get; init; }

    /// <summary>Marks of every kind in the journal.</summary>
    public long Marks { get; init; }
    public long FormativeMarks { get; init; }
    /// <summary>Σ formative scores; with <see cref="FormativeMaxSum"/> gives FO% and the average on the scale.</summary>
    public long FormativeScoreSum { get; init; }
    public long FormativeMaxSum { get; init; }
    public long SummativeMarks { get; init; }
    public long SummativeScoreSum { get; init; }
    public long SummativeMaxSum { get; init; }

    /// <summary>Lessons with a roll-call.</summary>
    public long LessonsHeld { get; init; }
    /// <summary>Lesson-seats held: Σ roster size over lessons.</summary>
    public long SeatsHeld { get; init; }
    /// <summary>Seats attended (late counts as attended).</summary>
    public long Attended { get; init; }
    public long Late { get; init; }
    public long AbsentUnexcused { get; init; }
    public long AbsentExcused { get; init; }
    public long AbsentSick { get; init; }

    /// <summary>Term marks 2 (and annual marks 2 in year cells).</summary>
    public long TermMarks2 { get; init; }
    public long TermMarks3 { get; init; }
    public long TermMarks4 { get; init; }
    public long TermMarks5 { get; init; }
    /// <summary>Σ term marks: with the count of term marks gives the average term mark.</summary>
    public long TermMarkSum { get; init; }
    /// <summary>Σ rounded term percentages: the average term % (н/а is left out).</summary>
    public long TermPercentSum { get; init; }
    /// <summary>Students × subjects with a term mark (schools; a college's are <see cref="CollegeResults"/>).</summary>
    public long TermResults { get; init; }
    /// <summary>Students × subjects not attested (н/а) in a closed term.</summary>
    public long NotAttested { get; init; }
    /// <summary>Students × subjects whose mark waits for a missed summative.</summary>
    public long PendingResults { get; init; }
    /// <summary>School students with at least one term mark or н/а (per subject: marks + н/а).</summary>
    public long StudentsAssessed { get; init; }
    /// <summary>Of those, students with no mark 2 and no н/а: success rate (үлгерім).</summary>
    public long StudentsSucceeding { get; init; }
    /// <summary>Of those, students whose marks are all 4 or 5: knowledge quality (білім сапасы).</summary>
    public long StudentsQualified { get; init; }
    /// <summary>Student-days on which every lesson of the day was missed (late counts as attended).</summary>
    public long FullDaysMissed { get; init; }
    /// <summary>Lessons the timetable scheduled: completeness = lessons held ÷ scheduled (null without a timetable).</summary>
    public long LessonsScheduled { get; init; }
    /// <summary>Colleges: Σ GPA points × 100 over <see cref="CollegeResults"/>.</summary>
    public long GpaHundredthsSum { get; init; }
    /// <summary>Lessons held in classes that have a timetable: the numerator of completeness.</summary>
    public long TimetabledLessonsHeld { get; init; }
    /// <summary>Preschool: development levels recorded (I low, II medium, III high) per educational area and monitoring point.</summary>
    public long DevelopmentLevel1 { get; init; }
    public long DevelopmentLevel2 { get; init; }
    public long DevelopmentLevel3 { get; init; }

    // Each kind of organization in its own figures (issue 16): a school's rates are over schools only, and colleges
    // (percentages, letters and GPA) and kindergartens (development levels) get their own. Headcount and seats of a
    // kind are a part of Students and SeatsHeld; the term results above are a school's (and an additional-education
    // centre's), a college's are below.
    /// <summary>Enrolled headcount in schools (a part of <see cref="Students"/>).</summary>
    public long SchoolStudents { get; init; }
    public long CollegeStudents { get; init; }
    /// <summary>Children enrolled in kindergartens (preschool groups).</summary>
    public long PreschoolChildren { get; init; }
    /// <summary>Lesson-seats held and attended in schools: a school's attendance rate.</summary>
    public long SchoolSeatsHeld { get; init; }
    public long SchoolAttended { get; init; }
    public long CollegeSeatsHeld { get; init; }
    public long CollegeAttended { get; init; }
    public long PreschoolSeatsHeld { get; init; }
    public long PreschoolAttended { get; init; }
    /// <summary>Colleges: students × subjects with a term percentage; with <see cref="CollegePercentSum"/> the average %, with <see cref="GpaHundredthsSum"/> the average GPA.</summary>
    public long CollegeResults { get; init; }
    public long CollegePercentSum { get; init; }
    public long CollegeNotAttested { get; init; }
    /// <summary>Colleges: students assessed, succeeding (D or better, no н/а) and qualified (B− or better).</summary>
    public long CollegeStudentsAssessed { get; init; }
    public long CollegeStudentsSucceeding { get; init; }
    public long CollegeStudentsQualified { get; init; }

    // The progress report's groups of school students (docs/analysis.md, "Report forms"), counted like
    // StudentsAssessed: once per student over the subjects of a term or the year, per student in a subject cell.
    // Good (4 and 5, at least one 4) is StudentsQualified − StudentsExcellent; with two or more 3s, the rest.
    /// <summary>Students whose every result is 5.</summary>
    public long StudentsExcellent { get; init; }
    /// <summary>Students with exactly one 3, the rest 4 or 5.</summary>
    public long StudentsWithOneThree { get; init; }
    /// <summary>Students with at least one 2 (whatever else).</summary>
    public long StudentsFailing { get; init; }
    /// <summary>Students with at least one н/а and no 2: StudentsFailing + StudentsNotAttested = StudentsAssessed − StudentsSucceeding.</summary>
    public long StudentsNotAttested { get; init; }

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
        TermMarks2 = a.TermMarks2 + b.TermMarks2,
        TermMarks3 = a.TermMarks3 + b.TermMarks3,
        TermMarks4 = a.TermMarks4 + b.TermMarks4,
        TermMarks5 = a.TermMarks5 + b.TermMarks5,
        TermMarkSum = a.TermMarkSum + b.TermMarkSum,
        TermPercentSum = a.TermPercentSum + b.TermPercentSum,
        TermResults = a.TermResults + b.TermResults,
        NotAttested = a.NotAttested + b.NotAttested,
        PendingResults = a.PendingResults + b.PendingResults,
        StudentsAssessed = a.StudentsAssessed + b.StudentsAssessed,
        StudentsSucceeding = a.StudentsSucceeding + b.StudentsSucceeding,
        StudentsQualified = a.StudentsQualified + b.StudentsQualified,
        FullDaysMissed = a.FullDaysMissed + b.FullDaysMissed,
        LessonsScheduled = a.LessonsScheduled + b.LessonsScheduled,
        GpaHundredthsSum = a.GpaHundredthsSum + b.GpaHundredthsSum,
        TimetabledLessonsHeld = a.TimetabledLessonsHeld + b.TimetabledLessonsHeld,
        DevelopmentLevel1 = a.DevelopmentLevel1 + b.DevelopmentLevel1,
        DevelopmentLevel2 = a.DevelopmentLevel2 + b.DevelopmentLevel2,
        DevelopmentLevel3 = a.DevelopmentLevel3 + b.DevelopmentLevel3,
        SchoolStudents = a.SchoolStudents + b.SchoolStudents,
        CollegeStudents = a.CollegeStudents + b.CollegeStudents,
        PreschoolChildren = a.PreschoolChildren + b.PreschoolChildren,
        SchoolSeatsHeld = a.SchoolSeatsHeld + b.SchoolSeatsHeld,
        SchoolAttended = a.SchoolAttended + b.SchoolAttended,
        CollegeSeatsHeld = a.CollegeSeatsHeld + b.CollegeSeatsHeld,
        CollegeAttended = a.CollegeAttended + b.CollegeAttended,
        PreschoolSeatsHeld = a.PreschoolSeatsHeld + b.PreschoolSeatsHeld,
        PreschoolAttended = a.PreschoolAttended + b.PreschoolAttended,
        CollegeResults = a.CollegeResults + b.CollegeResults,
        CollegePercentSum = a.CollegePercentSum + b.CollegePercentSum,
        CollegeNotAttested = a.CollegeNotAttested + b.CollegeNotAttested,
        CollegeStudentsAssessed = a.CollegeStudentsAssessed + b.CollegeStudentsAssessed,
        CollegeStudentsSucceeding = a.CollegeStudentsSucceeding + b.CollegeStudentsSucceeding,
        CollegeStudentsQualified = a.CollegeStudentsQualified + b.CollegeStudentsQualified,
        StudentsExcellent = a.StudentsExcellent + b.StudentsExcellent,
        StudentsWithOneThree = a.StudentsWithOneThree + b.StudentsWithOneThree,
        StudentsFailing = a.StudentsFailing + b.StudentsFailing,
        StudentsNotAttested = a.StudentsNotAttested + b.StudentsNotAttested,
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
        TermMarks2 = a.TermMarks2 - b.TermMarks2,
        TermMarks3 = a.TermMarks3 - b.TermMarks3,
        TermMarks4 = a.TermMarks4 - b.TermMarks4,
        TermMarks5 = a.TermMarks5 - b.TermMarks5,
        TermMarkSum = a.TermMarkSum - b.TermMarkSum,
        TermPercentSum = a.TermPercentSum - b.TermPercentSum,
        TermResults = a.TermResults - b.TermResults,
        NotAttested = a.NotAttested - b.NotAttested,
        PendingResults = a.PendingResults - b.PendingResults,
        StudentsAssessed = a.StudentsAssessed - b.StudentsAssessed,
        StudentsSucceeding = a.StudentsSucceeding - b.StudentsSucceeding,
        StudentsQualified = a.StudentsQualified - b.StudentsQualified,
        FullDaysMissed = a.FullDaysMissed - b.FullDaysMissed,
        LessonsScheduled = a.LessonsScheduled - b.LessonsScheduled,
        GpaHundredthsSum = a.GpaHundredthsSum - b.GpaHundredthsSum,
        TimetabledLessonsHeld = a.TimetabledLessonsHeld - b.TimetabledLessonsHeld,
        DevelopmentLevel1 = a.DevelopmentLevel1 - b.DevelopmentLevel1,
        DevelopmentLevel2 = a.DevelopmentLevel2 - b.DevelopmentLevel2,
        DevelopmentLevel3 = a.DevelopmentLevel3 - b.DevelopmentLevel3,
        SchoolStudents = a.SchoolStudents - b.SchoolStudents,
        CollegeStudents = a.CollegeStudents - b.CollegeStudents,
        PreschoolChildren = a.PreschoolChildren - b.PreschoolChildren,
        SchoolSeatsHeld = a.SchoolSeatsHeld - b.SchoolSeatsHeld,
        SchoolAttended = a.SchoolAttended - b.SchoolAttended,
        CollegeSeatsHeld = a.CollegeSeatsHeld - b.CollegeSeatsHeld,
        CollegeAttended = a.CollegeAttended - b.CollegeAttended,
        PreschoolSeatsHeld = a.PreschoolSeatsHeld - b.PreschoolSeatsHeld,
        PreschoolAttended = a.PreschoolAttended - b.PreschoolAttended,
        CollegeResults = a.CollegeResults - b.CollegeResults,
        CollegePercentSum = a.CollegePercentSum - b.CollegePercentSum,
        CollegeNotAttested = a.CollegeNotAttested - b.CollegeNotAttested,
        CollegeStudentsAssessed = a.CollegeStudentsAssessed - b.CollegeStudentsAssessed,
        CollegeStudentsSucceeding = a.CollegeStudentsSucceeding - b.CollegeStudentsSucceeding,
        CollegeStudentsQualified = a.CollegeStudentsQualified - b.CollegeStudentsQualified,
        StudentsExcellent = a.StudentsExcellent - b.StudentsExcellent,
        StudentsWithOneThree = a.StudentsWithOneThree - b.StudentsWithOneThree,
        StudentsFailing = a.StudentsFailing - b.StudentsFailing,
        StudentsNotAttested = a.StudentsNotAttested - b.StudentsNotAttested,
    };

    public static SummaryFigures Sum(IEnumerable<SummaryFigures> parts) => parts.Aggregate(Zero, (total, part) => total + part);
}
