namespace EduInfo.Storage.Journal;

/// <summary>
/// What a student grain counts from, read in one snapshot: its rows of the year and the committed watermark of each of
/// its classes (every row of a class up to that watermark is among the rows).
/// </summary>
public sealed record StudentLedgerData(IReadOnlyList<StudentRowWithTime> Rows, IReadOnlyDictionary<string, long> ClassWatermarks);
