namespace EduInfo.Domain.Metrics;

/// <summary>
/// The figures of one node: integer numerators and denominators only, so a parent is the exact sum of
/// its children and every percentage is derived at read time (DESIGN.md §2, Metrics).
/// </summary>
public sealed partial record SummaryFigures
{
    public static readonly SummaryFigures Zero = new();

    /// <summary>Enrolled headcount today.</summary>
    public long Students { get => Get(Figure.Students); init => Set(Figure.Students, value); }
    public long Classes { get => Get(Figure.Classes); init => Set(Figure.Classes, value); }
    public long Organizations { get => Get(Figure.Organizations); init => Set(Figure.Organizations, value); }

    /// <summary>Marks of every kind in the journal.</summary>
    public long Marks { get => Get(Figure.Marks); init => Set(Figure.Marks, value); }
    public long FormativeMarks { get => Get(Figure.FormativeMarks); init => Set(Figure.FormativeMarks, value); }
    /// <summary>Σ formative scores; with <see cref="FormativeMaxSum"/> gives FO% and the average on the scale.</summary>
    public long FormativeScoreSum { get => Get(Figure.FormativeScoreSum); init => Set(Figure.FormativeScoreSum, value); }
    public long FormativeMaxSum { get => Get(Figure.FormativeMaxSum); init => Set(Figure.FormativeMaxSum, value); }
    public long SummativeMarks { get => Get(Figure.SummativeMarks); init => Set(Figure.SummativeMarks, value); }
    public long SummativeScoreSum { get => Get(Figure.SummativeScoreSum); init => Set(Figure.SummativeScoreSum, value); }
    public long SummativeMaxSum { get => Get(Figure.SummativeMaxSum); init => Set(Figure.SummativeMaxSum, value); }

    /// <summary>Lessons with a roll-call.</summary>
    public long LessonsHeld { get => Get(Figure.LessonsHeld); init => Set(Figure.LessonsHeld, value); }
    /// <summary>Lesson-seats held: Σ roster size over lessons.</summary>
    public long SeatsHeld { get => Get(Figure.SeatsHeld); init => Set(Figure.SeatsHeld, value); }
    /// <summary>Seats attended (late counts as attended).</summary>
    public long Attended { get => Get(Figure.Attended); init => Set(Figure.Attended, value); }
    public long Late { get => Get(Figure.Late); init => Set(Figure.Late, value); }
    public long AbsentUnexcused { get => Get(Figure.AbsentUnexcused); init => Set(Figure.AbsentUnexcused, value); }
    public long AbsentExcused { get => Get(Figure.AbsentExcused); init => Set(Figure.AbsentExcused, value); }
    public long AbsentSick { get => Get(Figure.AbsentSick); init => Set(Figure.AbsentSick, value); }

    /// <summary>Term marks 2 (and annual marks 2 in year cells).</summary>
    public long TermMarks2 { get => Get(Figure.TermMarks2); init => Set(Figure.TermMarks2, value); }
    public long TermMarks3 { get => Get(Figure.TermMarks3); init => Set(Figure.TermMarks3, value); }
    public long TermMarks4 { get => Get(Figure.TermMarks4); init => Set(Figure.TermMarks4, value); }
    public long TermMarks5 { get => Get(Figure.TermMarks5); init => Set(Figure.TermMarks5, value); }
    /// <summary>Σ term marks: with the count of term marks gives the average term mark.</summary>
    public long TermMarkSum { get => Get(Figure.TermMarkSum); init => Set(Figure.TermMarkSum, value); }
    /// <summary>Σ rounded term percentages: the average term % (н/а is left out).</summary>
    public long TermPercentSum { get => Get(Figure.TermPercentSum); init => Set(Figure.TermPercentSum, value); }
    /// <summary>Students × subjects with a term mark (schools; a college's are <see cref="CollegeResults"/>).</summary>
    public long TermResults { get => Get(Figure.TermResults); init => Set(Figure.TermResults, value); }
    /// <summary>Students × subjects not attested (н/а) in a closed term.</summary>
    public long NotAttested { get => Get(Figure.NotAttested); init => Set(Figure.NotAttested, value); }
    /// <summary>Students × subjects whose mark waits for a missed summative.</summary>
    public long PendingResults { get => Get(Figure.PendingResults); init => Set(Figure.PendingResults, value); }
    /// <summary>School students with at least one term mark or н/а (per subject: marks + н/а).</summary>
    public long StudentsAssessed { get => Get(Figure.StudentsAssessed); init => Set(Figure.StudentsAssessed, value); }
    /// <summary>Of those, students with no mark 2 and no н/а: success rate (үлгерім).</summary>
    public long StudentsSucceeding { get => Get(Figure.StudentsSucceeding); init => Set(Figure.StudentsSucceeding, value); }
    /// <summary>Of those, students whose marks are all 4 or 5: knowledge quality (білім сапасы).</summary>
    public long StudentsQualified { get => Get(Figure.StudentsQualified); init => Set(Figure.StudentsQualified, value); }
    /// <summary>Student-days on which every lesson of the day was missed (late counts as attended).</summary>
    public long FullDaysMissed { get => Get(Figure.FullDaysMissed); init => Set(Figure.FullDaysMissed, value); }
    /// <summary>Lessons the timetable scheduled: completeness = lessons held ÷ scheduled (null without a timetable).</summary>
    public long LessonsScheduled { get => Get(Figure.LessonsScheduled); init => Set(Figure.LessonsScheduled, value); }
    /// <summary>Colleges: Σ GPA points × 100 over <see cref="CollegeResults"/>.</summary>
    public long GpaHundredthsSum { get => Get(Figure.GpaHundredthsSum); init => Set(Figure.GpaHundredthsSum, value); }
    /// <summary>Lessons held in classes that have a timetable: the numerator of completeness.</summary>
    public long TimetabledLessonsHeld { get => Get(Figure.TimetabledLessonsHeld); init => Set(Figure.TimetabledLessonsHeld, value); }
    /// <summary>Preschool: development levels recorded (I low, II medium, III high) per educational area and monitoring point.</summary>
    public long DevelopmentLevel1 { get => Get(Figure.DevelopmentLevel1); init => Set(Figure.DevelopmentLevel1, value); }
    public long DevelopmentLevel2 { get => Get(Figure.DevelopmentLevel2); init => Set(Figure.DevelopmentLevel2, value); }
    public long DevelopmentLevel3 { get => Get(Figure.DevelopmentLevel3); init => Set(Figure.DevelopmentLevel3, value); }

    // Each kind of organization in its own figures (issue 16): a school's rates are over schools only, and colleges
    // (percentages, letters and GPA) and kindergartens (development levels) get their own. Headcount and seats of a
    // kind are a part of Students and SeatsHeld; the term results above are a school's (and an additional-education
    // centre's), a college's are below.
    /// <summary>Enrolled headcount in schools (a part of <see cref="Students"/>).</summary>
    public long SchoolStudents { get => Get(Figure.SchoolStudents); init => Set(Figure.SchoolStudents, value); }
    public long CollegeStudents { get => Get(Figure.CollegeStudents); init => Set(Figure.CollegeStudents, value); }
    /// <summary>Children enrolled in kindergartens (preschool groups).</summary>
    public long PreschoolChildren { get => Get(Figure.PreschoolChildren); init => Set(Figure.PreschoolChildren, value); }
    /// <summary>Lesson-seats held and attended in schools: a school's attendance rate.</summary>
    public long SchoolSeatsHeld { get => Get(Figure.SchoolSeatsHeld); init => Set(Figure.SchoolSeatsHeld, value); }
    public long SchoolAttended { get => Get(Figure.SchoolAttended); init => Set(Figure.SchoolAttended, value); }
    public long CollegeSeatsHeld { get => Get(Figure.CollegeSeatsHeld); init => Set(Figure.CollegeSeatsHeld, value); }
    public long CollegeAttended { get => Get(Figure.CollegeAttended); init => Set(Figure.CollegeAttended, value); }
    public long PreschoolSeatsHeld { get => Get(Figure.PreschoolSeatsHeld); init => Set(Figure.PreschoolSeatsHeld, value); }
    public long PreschoolAttended { get => Get(Figure.PreschoolAttended); init => Set(Figure.PreschoolAttended, value); }
    /// <summary>Colleges: students × subjects with a term percentage; with <see cref="CollegePercentSum"/> the average %, with <see cref="GpaHundredthsSum"/> the average GPA.</summary>
    public long CollegeResults { get => Get(Figure.CollegeResults); init => Set(Figure.CollegeResults, value); }
    public long CollegePercentSum { get => Get(Figure.CollegePercentSum); init => Set(Figure.CollegePercentSum, value); }
    public long CollegeNotAttested { get => Get(Figure.CollegeNotAttested); init => Set(Figure.CollegeNotAttested, value); }
    /// <summary>Colleges: students assessed, succeeding (D or better, no н/а) and qualified (B− or better).</summary>
    public long CollegeStudentsAssessed { get => Get(Figure.CollegeStudentsAssessed); init => Set(Figure.CollegeStudentsAssessed, value); }
    public long CollegeStudentsSucceeding { get => Get(Figure.CollegeStudentsSucceeding); init => Set(Figure.CollegeStudentsSucceeding, value); }
    public long CollegeStudentsQualified { get => Get(Figure.CollegeStudentsQualified); init => Set(Figure.CollegeStudentsQualified, value); }

    // The progress report's groups of school students (docs/analysis.md, "Report forms"), counted like
    // StudentsAssessed: once per student over the subjects of a term or the year, per student in a subject cell.
    // Good (4 and 5, at least one 4) is StudentsQualified − StudentsExcellent; with two or more 3s, the rest.
    /// <summary>Students whose every result is 5.</summary>
    public long StudentsExcellent { get => Get(Figure.StudentsExcellent); init => Set(Figure.StudentsExcellent, value); }
    /// <summary>Students with exactly one 3, the rest 4 or 5.</summary>
    public long StudentsWithOneThree { get => Get(Figure.StudentsWithOneThree); init => Set(Figure.StudentsWithOneThree, value); }
    /// <summary>Students with at least one 2 (whatever else).</summary>
    public long StudentsFailing { get => Get(Figure.StudentsFailing); init => Set(Figure.StudentsFailing, value); }
    /// <summary>Students with at least one н/а and no 2: StudentsFailing + StudentsNotAttested = StudentsAssessed − StudentsSucceeding.</summary>
    public long StudentsNotAttested { get => Get(Figure.StudentsNotAttested); init => Set(Figure.StudentsNotAttested, value); }

    public static SummaryFigures operator +(SummaryFigures a, SummaryFigures b) => Combine(a, b, 1);

    public static SummaryFigures operator -(SummaryFigures a, SummaryFigures b) => Combine(a, b, -1);

    public static SummaryFigures Sum(IEnumerable<SummaryFigures> parts)
    {
        var sum = new Accumulator();
        foreach (var part in parts)
        {
            sum.Add(part);
        }
        return sum.ToFigures();
    }
}
