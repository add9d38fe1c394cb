namespace EduInfo.Storage.Journal;

/// <summary>Some lessons of a batch were already recorded under other entry ids; nothing of the batch was written.</summary>
public sealed class LessonAlreadyRecordedException(IReadOnlySet<(string SubjectId, DateOnly Date, int Period)> lessons)
    : Exception($"{lessons.Count} lessons of the batch were already recorded.")
{
    public IReadOnlySet<(string SubjectId, DateOnly Date, int Period)> Lessons { get; } = lessons;
}
