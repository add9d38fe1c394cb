namespace EduInfo.Api.Contracts;

/// <summary>One mark in the diary, with its term and its kind's name in the reader's language.</summary>
public sealed record DiaryMarkResponse(long Sequence, string SubjectId, DateOnly Date, int Term, string Kind, string KindName, int Score, int MaxScore, DateTimeOffset RecordedAt);
