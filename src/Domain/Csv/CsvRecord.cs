namespace EduInfo.Domain.Csv;

/// <summary>One CSV record: the physical line it starts on (1-based) and its values, unquoted.</summary>
/// <param name="Line">The line where the record starts; a quoted value with line breaks makes the next record start further down.</param>
/// <param name="Fields">The values in file order.</param>
/// <param name="Malformed">True when a quote was misplaced; the values were read leniently and the record must not be trusted.</param>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields, bool Malformed = false);
