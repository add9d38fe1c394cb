using EduInfo.Api.Contracts;
using EduInfo.Api.Reads;
using EduInfo.Grains.Interfaces.Localization;

namespace EduInfo.Api.Exports;

/// <summary>
/// The dashboard as tables: the node's own row and one per child (figures of the filter's cell), then an area's targets.
/// Percentages with one decimal and the average mark with two, as the page shows them; counts as they are.
/// </summary>
public static class DashboardExport
{
    private static readonly (string Key, Func<DashboardRow, object?> Value)[] Columns =
    [
        ("id", r => r.NodeId),
        ("name", r => r.Name),
        ("kind", r => r.KindName),
        ("students", r => r.Figures.Students),
        ("classes", r => r.Figures.Classes),
        ("successRate", r => Shown(r.Rates.SuccessRate)),
        ("knowledgeQuality", r => Shown(r.Rates.KnowledgeQuality)),
        ("averageMark", r => r.Rates.AverageTermMark),
        ("attendanceRate", r => Shown(r.Rates.AttendanceRate)),
        ("completeness", r => Shown(r.Rates.Completeness)),
        ("marks2", r => r.Figures.TermMarks2),
        ("marks3", r => r.Figures.TermMarks3),
        ("marks4", r => r.Figures.TermMarks4),
        ("marks5", r => r.Figures.TermMarks5),
        ("notAttested", r => r.Figures.NotAttested),
        ("late", r => r.Figures.Late),
        ("absentUnexcused", r => r.Figures.AbsentUnexcused),
        ("absentExcused", r => r.Figures.AbsentExcused),
        ("absentSick", r => r.Figures.AbsentSick),
    ];

    // The cards of colleges and kindergartens, as columns when some row has them (the page shows them only then).
    private static readonly (string Key, Func<DashboardRow, object?> Value)[] CollegeColumns =
    [
        ("collegeSuccessRate", r => Shown(r.Rates.CollegeSuccessRate)),
        ("collegeKnowledgeQuality", r => Shown(r.Rates.CollegeKnowledgeQuality)),
        ("averageGpa", r => r.Rates.AverageGpa),
        ("collegeAttendanceRate", r => Shown(r.Rates.CollegeAttendanceRate)),
    ];

    private static readonly (string Key, Func<DashboardRow, object?> Value)[] PreschoolColumns =
    [
        ("preschoolAttendanceRate", r => Shown(r.Rates.PreschoolAttendanceRate)),
        ("developmentHighShare", r => Shown(r.Rates.DevelopmentHighShare)),
    ];

    private static readonly (string Key, Func<TargetGap, string, object?> Value)[] TargetColumns =
    [
        ("metric", (t, language) => Messages.Get($"metric.{t.Metric}", language)),
        ("target", (t, _) => t.Target),
        ("actual", (t, _) => Shown(t.Actual)),
        ("gap", (t, _) => Shown(t.Gap)),
    ];

    /// <summary>The figures table, and the targets table when the node has targets.</summary>
    public static IReadOnlyList<ExportTable> Tables(this DashboardView view, string language)
    {
        var rows = new[] { view.Total }.Concat(view.Children).ToList();
        var columns = Columns
            .Concat(rows.Any(r => r.Figures.CollegeStudents > 0 || r.Figures.CollegeResults > 0) ? CollegeColumns : [])
            .Concat(rows.Any(r => r.Figures.PreschoolChildren > 0 || r.Rates.DevelopmentHighShare is not null) ? PreschoolColumns : [])
            .ToList();
        var figures = new ExportTable(Messages.Get("export.sheet.figures", language), Header(columns.Select(c => c.Key), language),
            [.. rows.Select(row => columns.Select(c => c.Value(row)).ToList())]);
        if (view.Targets.Count == 0)
        {
            return [figures];
        }
        var targets = new ExportTable(Messages.Get("export.sheet.targets", language), Header(TargetColumns.Select(c => c.Key), language),
            [.. view.Targets.Select(target => TargetColumns.Select(c => c.Value(target, language)).ToList())]);
        return [figures, targets];
    }

    /// <summary>A percentage as the page shows it: one decimal.</summary>
    public static decimal? Shown(decimal? percent) => percent is { } p ? Math.Round(p, 1, MidpointRounding.AwayFromZero) : null;

    private static List<string> Header(IEnumerable<string> keys, string language) => [.. keys.Select(k => Messages.Get($"export.column.{k}", language))];
}
