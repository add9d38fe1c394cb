namespace EduInfo.Api.Contracts;

/// <summary>A missed or late lesson, with its term and the code's letter in the reader's language.</summary>
public sealed record DiaryAttendanceResponse(long Sequence, string SubjectId, DateOnly Date, int Term, int Period, string Code, string CodeName);
