using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using EduInfo.Api.Endpoints;
using EduInfo.Api.Exports;
using EduInfo.Domain.Metrics;
using MiniExcelLibs;

namespace EduInfo.UnitTests.Api;

/// <summary>The export's writers: formula injection, RFC 4180 quoting, invariant numbers, numeric XLSX cells, ASCII file names.</summary>
public sealed class ExportFormatTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\",\"x\")", "'=HYPERLINK(\"http://evil\",\"x\")")]
    [InlineData("+7 701 000 00 00", "'+7 701 000 00 00")]
    [InlineData("-1+1", "'-1+1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "'\r=1")]
    [InlineData("＝1+1", "'＝1+1")]
    [InlineData("№ 5 мектеп", "№ 5 мектеп")]
    [InlineData("5А", "5А")]
    [InlineData("a=b", "a=b")]
    [InlineData(" =1", " =1")]
    [InlineData("'quoted", "'quoted")]
    [InlineData("", "")]
    public void A_text_that_a_spreadsheet_would_read_as_a_formula_gets_an_apostrophe(string text, string written) =>
        Assert.Equal(written, text.Inert());

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("Алматы, Бостандық ауданы", "\"Алматы, Бостандық ауданы\"")]
    [InlineData("№ 5 \"Ақбота\"", "\"№ 5 \"\"Ақбота\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("=1,2", "\"'=1,2\"")]
    public void A_csv_text_field_is_quoted_only_when_it_must_be(string text, string field) =>
        Assert.Equal(field, CsvExport.Field(text));

    [Fact]
    public void Csv_numbers_are_invariant_whatever_the_thread_s_culture()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("ru-RU");
            Assert.Equal(["95.5", "4.25", "1234567", "-3.4", ""], new object?[] { 95.5m, 4.25m, 1234567L, -3.4m, null }.Select(CsvExport.Field));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    private static readonly IReadOnlyList<ExportTable> Tables =
    [
        new("Көрсеткіштер", ["Id", "Атауы", "Білім алушылар", "Үлгерім, %"],
        [
            ["D1", "=HYPERLINK(\"http://evil\")", 1234L, 95.5m],
            ["O1", "Мектеп, №1", 30L, null],
        ]),
        new("Мақсаттар", ["Көрсеткіш", "Мақсат, %"], [["Үлгерім", 95m]]),
    ];

    [Fact]
    public void The_csv_is_utf8_with_a_bom_crlf_lines_and_its_tables_one_after_another()
    {
        var bytes = Tables.ToCsv();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.Equal(
            "Id,Атауы,Білім алушылар,\"Үлгерім, %\"\r\n"
            + "D1,\"'=HYPERLINK(\"\"http://evil\"\")\",1234,95.5\r\n"
            + "O1,\"Мектеп, №1\",30,\r\n"
            + "\r\n"
            + "Көрсеткіш,\"Мақсат, %\"\r\n"
            + "Үлгерім,95\r\n",
            Encoding.UTF8.GetString(bytes[3..]));
    }

    [Fact]
    public void The_xlsx_has_a_sheet_per_table_numbers_as_numeric_cells_texts_as_strings_and_no_formula()
    {
        var bytes = Tables.ToXlsx();

        using var zip = new ZipArchive(new MemoryStream(bytes));
        var sheets = zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, sheets.Count);
        XNamespace x = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        var cells = XDocument.Load(sheets.Single(s => s.FullName == "xl/worksheets/sheet1.xml").Open()).Descendants(x + "c").ToList();
        Assert.Empty(zip.Entries.SelectMany(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal) ? XDocument.Load(e.Open()).Descendants(x + "f") : []));
        var hostile = cells.Single(c => (string?)c.Attribute("r") == "B2");
        Assert.Contains((string?)hostile.Attribute("t"), new[] { "s", "str", "inlineStr" }); // a string cell, never a number or a formula
        foreach (var number in new[] { "C2", "D2", "C3" })
        {
            Assert.Equal("n", (string?)cells.Single(c => (string?)c.Attribute("r") == number).Attribute("t") ?? "n");
        }

        var sheetNames = MiniExcel.GetSheetNames(new MemoryStream(bytes));
        Assert.Equal(["Көрсеткіштер", "Мақсаттар"], sheetNames);
        var rows = MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true, sheetName: "Көрсеткіштер").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal("'=HYPERLINK(\"http://evil\")", rows[0]["Атауы"]);
        Assert.Equal(1234d, Convert.ToDouble(rows[0]["Білім алушылар"], CultureInfo.InvariantCulture));
        Assert.Equal(95.5d, Convert.ToDouble(rows[0]["Үлгерім, %"], CultureInfo.InvariantCulture));
        Assert.Equal("Мектеп, №1", rows[1]["Атауы"]);
        Assert.Null(rows[1]["Үлгерім, %"]);
    }

    [Theory]
    [InlineData(null, ExportFormat.Csv)]
    [InlineData("csv", ExportFormat.Csv)]
    [InlineData("XLSX", ExportFormat.Xlsx)]
    [InlineData("../../etc/passwd", null)]
    [InlineData("\0", null)]
    [InlineData("xls", null)]
    [InlineData("", null)]
    public void The_format_is_csv_or_xlsx(string? format, ExportFormat? parsed)
    {
        var problems = new List<(string Field, string Code)>();
        Assert.Equal(parsed, ExportFormats.Parse(format, problems));
        Assert.Equal(parsed is null ? [("format", "formatUnknown")] : [], problems);
    }

    [Fact]
    public void The_file_name_holds_ids_and_the_date_only()
    {
        var today = new DateOnly(2026, 11, 20);
        Assert.Equal("eduinfo-KZ-year-all-2026-11-20.csv", ExportEndpoints.FileName("KZ", SummaryKey.Total, ExportFormat.Csv, today));
        Assert.Equal("eduinfo-D-01.2-term2-MAT-2026-11-20.xlsx", ExportEndpoints.FileName("D-01.2", new SummaryKey(2, "MAT"), ExportFormat.Xlsx, today));
    }
}
