using System.Text;
using MiniExcelLibs;

namespace EduInfo.Api.Exports;

/// <summary>
/// A report form as a file, its title line above the header: CSV as <see cref="CsvExport"/> writes it (UTF-8 with a
/// byte-order mark, RFC 4180, invariant numbers, texts made inert), or an XLSX sheet (MiniExcel) with numbers as
/// numeric cells and texts as inert string cells, so no cell is ever a formula. Both hold the same cells.
/// </summary>
public static class ReportFiles
{
    public static byte[] ToFile(this ReportTable table, ExportFormat format) => format == ExportFormat.Xlsx ? table.ToXlsx() : table.ToCsv();

    /// <summary>Every line of the file: the title (one cell), the header, the rows.</summary>
    public static IEnumerable<IReadOnlyList<object?>> Lines(this ReportTable table) =>
        new IReadOnlyList<object?>[] { [table.Title], [.. table.Header] }.Concat(table.Rows);

    public static byte[] ToCsv(this ReportTable table)
    {
        var csv = new StringBuilder();
        foreach (var line in table.Lines())
        {
            csv.AppendJoin(',', line.Select(CsvExport.Field)).Append("\r\n");
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    public static byte[] ToXlsx(this ReportTable table)
    {
        // Columns keyed by position, not by header text: the header is a row of its own, under the title.
        var width = table.Header.Count;
        var rows = table.Lines().Select(line => Enumerable.Range(0, width).ToDictionary(
            i => i.ToString(System.Globalization.CultureInfo.InvariantCulture),
            i => i < line.Count && line[i] is string text ? text.Inert() : i < line.Count ? line[i] : null)).ToList();
        var sheet = new string([.. table.Sheet.Where(c => !":\\/?*[]".Contains(c)).Take(31)]);
        using var file = new MemoryStream();
        file.SaveAs(rows, printHeader: false, sheetName: sheet, excelType: ExcelType.XLSX);
        return file.ToArray();
    }
}
