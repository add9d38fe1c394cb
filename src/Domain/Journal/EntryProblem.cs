namespace EduInfo.Domain.Journal;

/// <summary>One reason a batch was refused, pointing at the offending field (e.g. <c>entries[3].score</c>).</summary>
public sealed record EntryProblem(
    string Field,
    JournalError Error,
    IReadOnlyList<string> Arguments);
