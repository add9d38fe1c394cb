namespace EduInfo.Domain.Metrics;

/// <summary>
/// One cell of a summary: a term (1.., or <see cref="Year"/> for the whole year) and a subject (or
/// <see cref="AllSubjects"/>). Every cell holds integer figures, so every cell of a parent is the exact sum of
/// the same cell of its children.
/// </summary>
public readonly record struct SummaryKey(int Term, string SubjectId)
{
    public const int Year = 0;
    public const string AllSubjects = "";

    public static SummaryKey Total => new(Year, AllSubjects);
}
