
namespace EduInfo.Domain.Journal;

/// <summary>The result of validating a batch: rows ready to append, or the problems (never both).</summary>
public sealed record ValidatedBatch<T>(IReadOnlyList<T> Rows, IReadOnlyList<EntryProblem> Problems)
{
    public bool IsValid => Problems.Count == 0;
}
