using System.Globalization;
using System.Text;

namespace EduInfo.Api.Exports;

/// <summary>
/// Tables as one CSV file (RFC 4180): UTF-8 with a byte-order mark, so Excel opens Cyrillic and Kazakh letters
/// correctly; commas, CRLF line ends, a field quoted when it holds a comma, quote or line break; numbers with an
/// invariant '.'; tables one after another, an empty line between them.
/// </summary>
public static class CsvExport
{
    public static byte[] ToCsv(this IReadOnlyList<ExportTable> tables)
    {
        var csv = new StringBuilder();
        foreach (var table in tables)
        {
            if (csv.Length > 0)
            {
                csv.Append("\r\n");
            }
            csv.AppendRow(table.Header);
            foreach (var row in table.Rows)
            {
                csv.AppendRow(row);
            }
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    private static void AppendRow<T>(this StringBuilder csv, IReadOnlyList<T> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            csv.Append(i == 0 ? "" : ",").Append(Field(cells[i]));
        }
        csv.Append("\r\n");
    }

    /// <summary>One field: a text made inert and quoted when it must be, a number as it is, nothing for null.</summary>
    public static string Field(object? cell) => cell switch
    {
        null => "",
        string text => Quoted(text.Inert()),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"An export cell is text, a number or null, not {cell.GetType().Name}.", nameof(cell)),
    };

    private static string Quoted(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
