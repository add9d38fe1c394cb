
namespace EduInfo.Domain.Journal;

/// <summary>A validated mark ready to be appended.</summary>
public sealed record NewMark(
    Guid EntryId,
    string StudentId,
    string SubjectId,
    DateOnly Date,
    MarkKind Kind,
    int Score,
    int MaxScore,
    byte[] PayloadHash,
    string? GroupId = null);
