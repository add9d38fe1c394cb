using EduInfo.Grains.Interfaces.Students;

namespace EduInfo.Storage.Journal;

/// <summary>A student's journal row with the time it was recorded (the diary shows it).</summary>
public sealed record StudentRowWithTime(StudentJournalRow Row, string ClassId, DateTimeOffset RecordedAt);
