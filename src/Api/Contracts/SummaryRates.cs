using EduInfo.Domain.Metrics;
using EduInfo.Grains.Interfaces.Summaries;

namespace EduInfo.Api.Contracts;

/// <summary>
/// Percentages and averages derived at read time from a summary's integer figures (null when undefined), with the
/// definitions of DESIGN.md §2. The school metrics are over schools only: success rate = students with no 2 and no н/а
/// ÷ students assessed; knowledge quality = students whose marks are all 4 or 5 ÷ students assessed; averages leave
/// н/а out; attendance = seats attended ÷ held in schools. Colleges (percentages, GPA; success D or better, quality B−
/// or better) and kindergartens (attendance, development levels) have their own. Completeness = lessons held ÷ lessons
/// the timetable scheduled, over the classes of any kind that have a timetable (null where none has); the formative
/// and summative percentages are over every mark recorded.
/// </summary>
public sealed record SummaryRates(
    decimal? AttendanceRate,
    decimal? FormativeAverage,
    decimal? FormativePercent,
    decimal? SummativePercent,
    decimal? SuccessRate,
    decimal? KnowledgeQuality,
    decimal? AverageTermMark,
    decimal? AverageTermPercent,
    decimal? Completeness,
    decimal? CollegeSuccessRate,
    decimal? CollegeKnowledgeQuality,
    decimal? CollegeAverageTermPercent,
    decimal? AverageGpa,
    decimal? CollegeAttendanceRate,
    decimal? PreschoolAttendanceRate,
    decimal? DevelopmentHighShare,
    decimal? DevelopmentLowShare)
{
    public static SummaryRates Of(SummaryFigures f) => new(
        Percent(f.SchoolAttended, f.SchoolSeatsHeld),
        Ratio(f.FormativeScoreSum, f.FormativeMarks),
        Percent(f.FormativeScoreSum, f.FormativeMaxSum),
        Percent(f.SummativeScoreSum, f.SummativeMaxSum),
        Percent(f.StudentsSucceeding, f.StudentsAssessed),
        Percent(f.StudentsQualified, f.StudentsAssessed),
        Ratio(f.TermMarkSum, f.TermMarks2 + f.TermMarks3 + f.TermMarks4 + f.TermMarks5),
        Ratio(f.TermPercentSum, f.TermResults),
        Percent(f.TimetabledLessonsHeld, f.LessonsScheduled),
        Percent(f.CollegeStudentsSucceeding, f.CollegeStudentsAssessed),
        Percent(f.CollegeStudentsQualified, f.CollegeStudentsAssessed),
        Ratio(f.CollegePercentSum, f.CollegeResults),
        Ratio(f.GpaHundredthsSum, 100 * f.CollegeResults),
        Percent(f.CollegeAttended, f.CollegeSeatsHeld),
        Percent(f.PreschoolAttended, f.PreschoolSeatsHeld),
        // The share of development levels recorded at III (high) and at I (low).
        Percent(f.DevelopmentLevel3, f.DevelopmentLevel1 + f.DevelopmentLevel2 + f.DevelopmentLevel3),
        Percent(f.DevelopmentLevel1, f.DevelopmentLevel1 + f.DevelopmentLevel2 + f.DevelopmentLevel3));

    private static decimal? Percent(long part, long whole) => whole == 0 ? null : Math.Round(100m * part / whole, 2, MidpointRounding.AwayFromZero);

    private static decimal? Ratio(long sum, long count) => count == 0 ? null : Math.Round((decimal)sum / count, 2, MidpointRounding.AwayFromZero);
}
