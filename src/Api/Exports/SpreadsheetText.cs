using System.Buffers;

namespace EduInfo.Api.Exports;

/// <summary>
/// Text cells of an exported spreadsheet made inert (CSV/formula injection, OWASP): a spreadsheet reads a cell that
/// starts with <c>=</c>, <c>+</c>, <c>-</c> or <c>@</c> (or a tab or carriage return before one) as a formula, and a
/// registry name comes from an import, so <c>=HYPERLINK(…)</c> could be planted in one. Such a text gets a leading
/// apostrophe; numbers are written as numbers and never pass through here.
/// </summary>
public static class SpreadsheetText
{
    // The full-width forms too: some spreadsheet locales normalize them to the ASCII operators on entry.
    private static readonly SearchValues<char> FormulaStarts = SearchValues.Create("=+-@\t\r＝＋－＠");

    public static string Inert(this string text) => text.Length > 0 && FormulaStarts.Contains(text[0]) ? "'" + text : text;
}
