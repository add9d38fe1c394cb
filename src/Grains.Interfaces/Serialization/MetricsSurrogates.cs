using EduInfo.Domain.Metrics;

namespace EduInfo.Grains.Interfaces.Serialization;

// How the Domain's metrics values travel between grains (see ImmutableCopier.cs for why surrogates).

[GenerateSerializer, Alias("eduinfo.SummaryFigures")]
public readonly record struct SummaryFiguresSurrogate(
    [property: Id(0)] long Students,
    [property: Id(1)] long Classes,
    [property: Id(2)] long Organizations,
    [property: Id(3)] long Marks,
    [property: Id(4)] long FormativeMarks,
    [property: Id(5)] long FormativeScoreSum,
    [property: Id(6)] long FormativeMaxSum,
    [property: Id(7)] long SummativeMarks,
    [property: Id(8)] long SummativeScoreSum,
    [property: Id(9)] long SummativeMaxSum,
    [property: Id(10)] long LessonsHeld,
    [property: Id(11)] long SeatsHeld,
    [property: Id(12)] long Attended,
    [property: Id(13)] long Late,
    [property: Id(14)] long AbsentUnexcused,
    [property: Id(15)] long AbsentExcused,
    [property: Id(16)] long AbsentSick,
    [property: Id(17)] long TermMarks2,
    [property: Id(18)] long TermMarks3,
    [property: Id(19)] long TermMarks4,
    [property: Id(20)] long TermMarks5,
    [property: Id(21)] long TermMarkSum,
    [property: Id(22)] long TermPercentSum,
    [property: Id(23)] long TermResults,
    [property: Id(24)] long NotAttested,
    [property: Id(25)] long PendingResults,
    [property: Id(26)] long StudentsAssessed,
    [property: Id(27)] long StudentsSucceeding,
    [property: Id(28)] long StudentsQualified,
    [property: Id(29)] long FullDaysMissed,
    [property: Id(30)] long LessonsScheduled,
    [property: Id(31)] long GpaHundredthsSum,
    [property: Id(32)] long TimetabledLessonsHeld,
    [property: Id(33)] long DevelopmentLevel1,
    [property: Id(34)] long DevelopmentLevel2,
    [property: Id(35)] long DevelopmentLevel3,
    [property: Id(36)] long SchoolStudents,
    [property: Id(37)] long CollegeStudents,
    [property: Id(38)] long PreschoolChildren,
    [property: Id(39)] long SchoolSeatsHeld,
    [property: Id(40)] long SchoolAttended,
    [property: Id(41)] long CollegeSeatsHeld,
    [property: Id(42)] long CollegeAttended,
    [property: Id(43)] long PreschoolSeatsHeld,
    [property: Id(44)] long PreschoolAttended,
    [property: Id(45)] long CollegeResults,
    [property: Id(46)] long CollegePercentSum,
    [property: Id(47)] long CollegeNotAttested,
    [property: Id(48)] long CollegeStudentsAssessed,
    [property: Id(49)] long CollegeStudentsSucceeding,
    [property: Id(50)] long CollegeStudentsQualified,
    [property: Id(51)] long StudentsExcellent,
    [property: Id(52)] long StudentsWithOneThree,
    [property: Id(53)] long StudentsFailing,
    [property: Id(54)] long StudentsNotAttested);

[RegisterConverter]
public sealed class SummaryFiguresConverter : IConverter<SummaryFigures, SummaryFiguresSurrogate>
{
    // One array for the figures, not one per figure set (the roll-up deserializes every summary it receives).
    public SummaryFigures ConvertFromSurrogate(in SummaryFiguresSurrogate s) => SummaryFigures.FromOrdered([s.Students, s.Classes, s.Organizations, s.Marks, s.FormativeMarks, s.FormativeScoreSum, s.FormativeMaxSum, s.SummativeMarks, s.SummativeScoreSum, s.SummativeMaxSum, s.LessonsHeld, s.SeatsHeld, s.Attended, s.Late, s.AbsentUnexcused, s.AbsentExcused, s.AbsentSick, s.TermMarks2, s.TermMarks3, s.TermMarks4, s.TermMarks5, s.TermMarkSum, s.TermPercentSum, s.TermResults, s.NotAttested, s.PendingResults, s.StudentsAssessed, s.StudentsSucceeding, s.StudentsQualified, s.FullDaysMissed, s.LessonsScheduled, s.GpaHundredthsSum, s.TimetabledLessonsHeld, s.DevelopmentLevel1, s.DevelopmentLevel2, s.DevelopmentLevel3, s.SchoolStudents, s.CollegeStudents, s.PreschoolChildren, s.SchoolSeatsHeld, s.SchoolAttended, s.CollegeSeatsHeld, s.CollegeAttended, s.PreschoolSeatsHeld, s.PreschoolAttended, s.CollegeResults, s.CollegePercentSum, s.CollegeNotAttested, s.CollegeStudentsAssessed, s.CollegeStudentsSucceeding, s.CollegeStudentsQualified, s.StudentsExcellent, s.StudentsWithOneThree, s.StudentsFailing, s.StudentsNotAttested]);
    public SummaryFiguresSurrogate ConvertToSurrogate(in SummaryFigures v) => new(v.Students, v.Classes, v.Organizations, v.Marks, v.FormativeMarks, v.FormativeScoreSum, v.FormativeMaxSum, v.SummativeMarks, v.SummativeScoreSum, v.SummativeMaxSum, v.LessonsHeld, v.SeatsHeld, v.Attended, v.Late, v.AbsentUnexcused, v.AbsentExcused, v.AbsentSick, v.TermMarks2, v.TermMarks3, v.TermMarks4, v.TermMarks5, v.TermMarkSum, v.TermPercentSum, v.TermResults, v.NotAttested, v.PendingResults, v.StudentsAssessed, v.StudentsSucceeding, v.StudentsQualified, v.FullDaysMissed, v.LessonsScheduled, v.GpaHundredthsSum, v.TimetabledLessonsHeld, v.DevelopmentLevel1, v.DevelopmentLevel2, v.DevelopmentLevel3, v.SchoolStudents, v.CollegeStudents, v.PreschoolChildren, v.SchoolSeatsHeld, v.SchoolAttended, v.CollegeSeatsHeld, v.CollegeAttended, v.PreschoolSeatsHeld, v.PreschoolAttended, v.CollegeResults, v.CollegePercentSum, v.CollegeNotAttested, v.CollegeStudentsAssessed, v.CollegeStudentsSucceeding, v.CollegeStudentsQualified, v.StudentsExcellent, v.StudentsWithOneThree, v.StudentsFailing, v.StudentsNotAttested);
}

[RegisterCopier]
public sealed class SummaryFiguresCopier : ImmutableCopier<SummaryFigures>;
