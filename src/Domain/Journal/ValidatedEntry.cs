namespace EduInfo.Domain.Journal;

/// <summary>The result of validating one change (a correction, an excusal, a term event): the row to append, or the problems (never both).</summary>
public sealed record ValidatedEntry<T>(T? Row, IReadOnlyList<EntryProblem> Problems) where T : class
{
    public bool IsValid => Problems.Count == 0;

    public static ValidatedEntry<T> Valid(T row) => new(row, []);

    public static ValidatedEntry<T> Invalid(IReadOnlyList<EntryProblem> problems) => new(null, problems);

    public static ValidatedEntry<T> Invalid(string field, JournalError error, params object[] arguments) =>
        new(null, [EntryRules.Problem(field, error, arguments)]);
}
