namespace EduInfo.Domain.Journal;

/// <summary>A student missing (or late to) a lesson, with an ASCII attendance code name.</summary>
public sealed record Absentee(
    string? StudentId,
    string? Code);
