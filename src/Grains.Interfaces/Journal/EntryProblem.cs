namespace EduInfo.Grains.Interfaces.Journal;

/// <summary>One reason a batch was refused, pointing at the offending field (e.g. <c>entries[3].score</c>).</summary>
[GenerateSerializer, Immutable]
public sealed record EntryProblem(
    [property: Id(0)] string Field,
    [property: Id(1)] JournalError Error,
    [property: Id(2)] IReadOnlyList<string> Arguments);
