namespace EduInfo.Api.Contracts;

/// <summary>A subject in the diary: how many marks and lessons, and the rates derived from them.</summary>
public sealed record DiarySubject(string SubjectId, long Marks, long Lessons, SummaryRates Rates);
