using System.Globalization;
using EduInfo.Api.Reads;
using EduInfo.Domain.Calendar;
using EduInfo.Domain.Metrics;
using EduInfo.Grains.Interfaces.Localization;

namespace EduInfo.Api.Exports;

/// <summary>The classic report forms (order point 12.7): progress (успеваемость) and attendance.</summary>
public enum ReportForm
{
    Progress,
    Attendance,
}

/// <summary>A form as a file holds it: its sheet's name, a title line, the header and the rows (cells as in <see cref="ExportTable"/>).</summary>
public sealed record ReportTable(string Sheet, string Title, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<object?>> Rows);

/// <summary>
/// The forms' columns over <see cref="ReportView"/> rows: counts as numbers, rates as numbers with one decimal worked
/// from the integers (empty when nobody is counted under them), mark columns empty where marks do not apply
/// (<see cref="ReportRow.Marks"/>), days missed empty for one subject (a day is missed over all of them). No names
/// of people: counts only. Definitions in docs/analysis.md, "Report forms".
/// </summary>
public static class ReportForms
{
    private static readonly (string Key, Func<ReportRow, SummaryKey, object?> Value)[] Progress =
    [
        ("atStart", (r, _) => r.Headcount?.AtStart),
        ("arrived", (r, _) => r.Headcount?.Arrived),
        ("left", (r, _) => r.Headcount?.Left),
        ("atEnd", (r, _) => r.Headcount?.AtEnd),
        ("assessed", (r, _) => Mark(r, f => f.StudentsAssessed)),
        ("excellent", (r, _) => Mark(r, f => f.StudentsExcellent)),
        ("good", (r, _) => Mark(r, f => f.StudentsQualified - f.StudentsExcellent)),
        ("oneThree", (r, _) => Mark(r, f => f.StudentsWithOneThree)),
        ("failing", (r, _) => Mark(r, f => f.StudentsFailing)),
        ("notAttested", (r, _) => Mark(r, f => f.StudentsNotAttested)),
        ("successRate", (r, _) => r.Marks ? Rate(r.Figures.StudentsSucceeding, r.Figures.StudentsAssessed) : null),
        ("knowledgeQuality", (r, _) => r.Marks ? Rate(r.Figures.StudentsQualified, r.Figures.StudentsAssessed) : null),
    ];

    private static readonly (string Key, Func<ReportRow, SummaryKey, object?> Value)[] Attendance =
    [
        ("lessonsHeld", (r, _) => r.Figures.LessonsHeld),
        ("seatsHeld", (r, _) => r.Figures.SeatsHeld),
        ("absentUnexcused", (r, _) => r.Figures.AbsentUnexcused),
        ("absentExcused", (r, _) => r.Figures.AbsentExcused),
        ("absentSick", (r, _) => r.Figures.AbsentSick),
        ("daysMissed", (r, key) => key.SubjectId == SummaryKey.AllSubjects ? r.Figures.FullDaysMissed : null),
        ("late", (r, _) => r.Figures.Late),
        ("attendanceRate", (r, _) => Rate(r.Figures.Attended, r.Figures.SeatsHeld)),
    ];

    /// <summary>The form of <paramref name="view"/> in <paramref name="language"/>; <paramref name="subjectName"/> names the filter's subject.</summary>
    public static ReportTable Table(this ReportView view, ReportForm form, string? subjectName, string language)
    {
        var columns = form == ReportForm.Progress ? Progress : Attendance;
        var formKey = form.Slug();
        var header = new[] { "level", "name" }.Concat(columns.Select(c => c.Key)).Select(k => Messages.Get($"report.column.{k}", language)).ToList();
        var rows = view.Rows.Select(row => (IReadOnlyList<object?>)[Messages.Get($"report.level.{row.Kind}", language), Name(row, language),
            .. columns.Select(c => c.Value(row, view.Key))]).ToList();
        return new ReportTable(Messages.Get($"report.sheet.{formKey}", language), Title(view, formKey, subjectName, language), header, rows);
    }

    /// <summary>"Progress report: {node} · {term} · {subject} · as of {time}" (Kazakhstan time).</summary>
    private static string Title(ReportView view, string formKey, string? subjectName, string language) =>
        Messages.Get("report.title", language, Messages.Get($"report.title.{formKey}", language), view.NodeName,
            view.Key.Term == SummaryKey.Year
                ? Messages.Get("report.year", language, view.AcademicYear)
                : Messages.Get("report.term", language, view.Key.Term.ToString(CultureInfo.InvariantCulture)),
            subjectName ?? Messages.Get("report.allSubjects", language),
            view.AsOf.ToOffset(KazakhstanClock.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));

    /// <summary>The form's name in addresses, files, audit rows and message keys.</summary>
    public static string Slug(this ReportForm form) => form == ReportForm.Progress ? "progress" : "attendance";

    private static string Name(ReportRow row, string language) =>
        row.Kind == ReportRowKind.Grade ? Messages.Get("report.gradeName", language, row.Name) : row.Name;

    private static long? Mark(ReportRow row, Func<SummaryFigures, long> count) => row.Marks ? count(row.Figures) : null;

    /// <summary>A percentage with one decimal (half away from zero), from the integers; null over nobody.</summary>
    public static decimal? Rate(long part, long whole) =>
        whole == 0 ? null : Math.Round(100m * part / whole, 1, MidpointRounding.AwayFromZero);
}
