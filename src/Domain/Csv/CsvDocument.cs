namespace EduInfo.Domain.Csv;

/// <summary>The records of one CSV file (the header is the first), and what could not be read.</summary>
/// <param name="File">The file name used in error reports.</param>
/// <param name="Records">Every record read, header first.</param>
/// <param name="Errors">Encoding and quoting errors.</param>
/// <param name="Complete">False when the file could not be read to its end (bad encoding, an unclosed quote): some records are missing.</param>
public sealed record CsvDocument(string File, IReadOnlyList<CsvRecord> Records, IReadOnlyList<CsvProblem> Errors, bool Complete);
