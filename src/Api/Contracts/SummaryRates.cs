using EduInfo.Domain.Metrics;
using EduInfo.Grains.Interfaces.Summaries;

namespace EduInfo.Api.Contracts;

/// <summary>
/// Percentages and averages derived at read time from a summary's integer figures (null when undefined), with the
/// definitions of DESIGN.md §2: success rate = students with no 2 and no н/а ÷ students assessed; knowledge quality =
/// students whose marks are all 4 or 5 ÷ students assessed; averages leave н/а out; completeness = lessons held ÷
/// lessons the timetable scheduled, over classes that have a timetable (null where none has).
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
    decimal? AverageGpa,
    decimal? Completeness,
    decimal? DevelopmentHighShare,
    decimal? DevelopmentLowShare)
{
    public static SummaryRates Of(SummaryFigures f) => new(
        Percent(f.Attended, f.SeatsHeld),
        Ratio(f.FormativeScoreSum, f.FormativeMarks),
        Percent(f.FormativeScoreSum, f.FormativeMaxSum),
        Percent(f.SummativeScoreSum, f.SummativeMaxSum),
        Percent(f.StudentsSucceeding, f.StudentsAssessed),
        Percent(f.StudentsQualified, f.StudentsAssessed),
        // Schools give marks 2–5 and colleges letters: each average is over its own results.
        Ratio(f.TermMarkSum, SchoolResults(f)),
        Ratio(f.TermPercentSum, f.TermResults),
        Ratio(f.GpaHundredthsSum, 100 * (f.TermResults - SchoolResults(f))),
        Percent(f.TimetabledLessonsHeld, f.LessonsScheduled),
        // Preschool: the share of development levels recorded at III (high) and at I (low).
        Percent(f.DevelopmentLevel3, f.DevelopmentLevel1 + f.DevelopmentLevel2 + f.DevelopmentLevel3),
        Percent(f.DevelopmentLevel1, f.DevelopmentLevel1 + f.DevelopmentLevel2 + f.DevelopmentLevel3));

    private static long SchoolResults(SummaryFigures f) => f.TermMarks2 + f.TermMarks3 + f.TermMarks4 + f.TermMarks5;

    private static decimal? Percent(long part, long whole) => whole == 0 ? null : Math.Round(100m * part / whole, 2, MidpointRounding.AwayFromZero);

    private static decimal? Ratio(long sum, long count) => count == 0 ? null : Math.Round((decimal)sum / count, 2, MidpointRounding.AwayFromZero);
}
