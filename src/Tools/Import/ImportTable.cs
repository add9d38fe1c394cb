namespace EduInfo.Tools.Import;

/// <summary>One file of the import format: its name and the columns its header must have (in any order).</summary>
/// <param name="File">The file name, e.g. <c>nodes.csv</c>.</param>
/// <param name="Columns">Every column, required or optional; optional ones may hold empty values but must be in the header.</param>
public sealed record ImportTable(string File, IReadOnlyList<string> Columns);
