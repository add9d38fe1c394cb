using MiniExcelLibs;

namespace EduInfo.Api.Exports;

/// <summary>
/// Tables as one XLSX workbook (MiniExcel), a sheet per table: numbers as numeric cells, texts as string cells made
/// inert, so no cell is ever a formula.
/// </summary>
public static class XlsxExport
{
    public static byte[] ToXlsx(this IReadOnlyList<ExportTable> tables)
    {
        var sheets = tables.ToDictionary(t => SheetName(t.Name), object (t) => t.Rows.Select(row => Row(t.Header, row)).ToList());
        using var file = new MemoryStream();
        file.SaveAs(sheets, excelType: ExcelType.XLSX);
        return file.ToArray();
    }

    private static Dictionary<string, object?> Row(IReadOnlyList<string> header, IReadOnlyList<object?> cells) =>
        header.Select((column, i) => (column, cell: cells[i] is string text ? text.Inert() : cells[i]))
            .ToDictionary(c => c.column, c => c.cell);

    // Excel's limits on a sheet's name: 31 characters, none of : \ / ? * [ ].
    private static string SheetName(string name) => new([.. name.Where(c => !":\\/?*[]".Contains(c)).Take(31)]);
}
