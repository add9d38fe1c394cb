namespace EduInfo.Api.Exports;

/// <summary>
/// One table of an export: a localized name (the XLSX sheet), a localized header and rows of cells. A cell is a
/// <see cref="string"/> (text, made inert by the writers), a <see cref="long"/> or <see cref="decimal"/> (a number), or
/// null (no value, e.g. a rate of nothing).
/// </summary>
public sealed record ExportTable(string Name, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<object?>> Rows);
