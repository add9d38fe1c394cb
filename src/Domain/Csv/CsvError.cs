namespace EduInfo.Domain.Csv;

/// <summary>Why a CSV file cannot be read as written; each has a text <c>import.error.&lt;Code&gt;</c> in kk, ru and en.</summary>
public enum CsvError
{
    /// <summary>Not UTF-8 (Windows-1251, UTF-16): the line of the first bad byte.</summary>
    InvalidEncoding,
    UnterminatedQuote,
    BadQuote,
}

/// <summary>One reading problem of a CSV file, at the line where the record starts.</summary>
public sealed record CsvProblem(int Line, CsvError Error);
