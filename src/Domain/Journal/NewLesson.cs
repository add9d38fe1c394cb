namespace EduInfo.Domain.Journal;

/// <summary>A validated roll-call ready to be appended, with the group's roster on the lesson date.</summary>
public sealed record NewLesson(
    Guid EntryId,
    string SubjectId,
    DateOnly Date,
    int Period,
    IReadOnlyList<string> Roster,
    IReadOnlyList<string> AbsentIds,
    IReadOnlyList<string> AbsentCodes,
    byte[] PayloadHash,
    string? GroupId = null);
