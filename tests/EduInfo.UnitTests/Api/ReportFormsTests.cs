using System.Text;
using EduInfo.Api.Exports;
using EduInfo.Api.Reads;
using EduInfo.Domain.Metrics;
using EduInfo.Domain.Registry;
using EduInfo.Storage.Registry;

namespace EduInfo.UnitTests.Api;

/// <summary>
/// The forms' cells from report rows: rates with one decimal from the integers (empty over nobody), mark columns
/// empty where marks do not apply (grades 0–1, colleges, kindergartens), days missed empty for one subject, headcount
/// empty before the term; the title; the CSV's lines.
/// </summary>
public sealed class ReportFormsTests
{
    private static readonly SummaryFigures Figures = new()
    {
        StudentsAssessed = 7, StudentsSucceeding = 3, StudentsQualified = 2, StudentsExcellent = 1, StudentsWithOneThree = 1,
        StudentsFailing = 1, StudentsNotAttested = 3, LessonsHeld = 2, SeatsHeld = 18, Attended = 11, AbsentUnexcused = 3,
        AbsentExcused = 2, AbsentSick = 2, Late = 1, FullDaysMissed = 2,
    };

    private static ReportView View(SummaryKey key, params ReportRow[] rows) =>
        new(new NodeRecord("S1", NodeKind.Organization, "D1", "Мектеп", "Школа", "School", ["KZ", "D1", "S1"]), "Школа", key, "2026-2027",
            new DateTimeOffset(2026, 11, 27, 6, 0, 0, TimeSpan.Zero), rows);

    public static TheoryData<bool, Headcount?, object?[]> ProgressCases => new()
    {
        // 3/7 = 42.857… → 42.9; 2/7 = 28.571… → 28.6; good = qualified − excellent = 1.
        { true, new Headcount(8, 0, 1, 7), [8L, 0L, 1L, 7L, 7L, 1L, 1L, 1L, 1L, 3L, 42.9m, 28.6m] },
        // Grades 0–1 or a college: headcount only.
        { false, new Headcount(8, 1, 0, 9), [8L, 1L, 0L, 9L, null, null, null, null, null, null, null, null] },
        // A term not yet begun: no headcount.
        { true, null, [null, null, null, null, 7L, 1L, 1L, 1L, 1L, 3L, 42.9m, 28.6m] },
    };

    [Theory]
    [MemberData(nameof(ProgressCases))]
    public void A_progress_row_holds_the_counts_and_the_rates_where_marks_apply(bool marks, Headcount? headcount, object?[] cells)
    {
        var table = View(new SummaryKey(2, SummaryKey.AllSubjects), new ReportRow(ReportRowKind.Class, "5А", Figures, headcount, marks)).Table(ReportForm.Progress, null, "ru");
        Assert.Equal(["Класс", "5А", .. cells], table.Rows.Single());
        Assert.Equal(14, table.Header.Count);
    }

    [Theory]
    [InlineData(SummaryKey.AllSubjects, 2L)]
    [InlineData("MAT", null)]
    public void An_attendance_row_counts_late_apart_and_has_whole_days_only_over_all_subjects(string subject, long? days)
    {
        var table = View(new SummaryKey(2, subject), new ReportRow(ReportRowKind.Grade, "5", Figures, null, false)).Table(ReportForm.Attendance, "Математика", "en");
        // 11 of 18 seats attended = 61.111… → 61.1 %.
        Assert.Equal(["Grade subtotal", "Grade 5", 2L, 18L, 3L, 2L, 2L, days, 1L, 61.1m], table.Rows.Single());
    }

    [Fact]
    public void Rates_round_half_away_from_zero_from_the_integers_and_are_empty_over_nobody()
    {
        Assert.Equal(66.7m, ReportForms.Rate(2, 3));
        Assert.Equal(0.1m, ReportForms.Rate(1, 1000)); // 0.1 exactly
        Assert.Equal(0.1m, ReportForms.Rate(1, 1999)); // 0.05002… → 0.1
        Assert.Equal(12.5m, ReportForms.Rate(1, 8));
        Assert.Null(ReportForms.Rate(0, 0));
    }

    [Fact]
    public void The_title_names_the_form_the_node_the_term_the_subject_and_the_time_and_the_csv_puts_it_first()
    {
        var view = View(new SummaryKey(SummaryKey.Year, "MAT"), new ReportRow(ReportRowKind.Total, "=Школа", SummaryFigures.Zero, Headcount.Zero, true));
        var table = view.Table(ReportForm.Progress, "Математика", "ru");
        Assert.Equal("Отчёт об успеваемости: Школа · 2026-2027 учебный год · Математика · по состоянию на 2026-11-27 11:00", table.Title);
        Assert.Equal("Успеваемость", table.Sheet);
        var lines = Encoding.UTF8.GetString(table.ToCsv()[3..]).Split("\r\n");
        Assert.Equal(table.Title, lines[0]);
        Assert.StartsWith("Строка,Наименование,Учащихся на начало периода,", lines[1], StringComparison.Ordinal);
        // A name that is a formula is text; an empty rate is an empty field.
        Assert.Equal("Всего,'=Школа,0,0,0,0,0,0,0,0,0,0,,", lines[2]);
    }
}
