namespace EduInfo.Grains.Interfaces.Journal;

/// <summary>A student missing (or late to) a lesson, with an ASCII attendance code name.</summary>
[GenerateSerializer, Immutable]
public sealed record Absentee(
    [property: Id(0)] string? StudentId,
    [property: Id(1)] string? Code);
