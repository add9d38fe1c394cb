using EduInfo.Domain.Assessment;
using EduInfo.Domain.Metrics;

namespace EduInfo.Grains.Interfaces.Journal;

/// <summary>A class's early-warning list of a term (docs/analysis.md, Signals): the flagged pupils of its roster, by id.</summary>
[GenerateSerializer, Immutable]
public sealed record ClassWarningsView(
    [property: Id(0)] string ClassId,
    [property: Id(1)] int Term,
    [property: Id(2)] IReadOnlyList<PupilWarningView> Pupils)
{
    public static ClassWarningsView Of(string classId, int term, IReadOnlyList<PupilWarning> warnings) =>
        new(classId, term, [.. warnings.Select(w => new PupilWarningView(w.StudentId,
            [.. w.Causes.Select(c => new WarningCauseView(c.Reason, c.SubjectId, c.Component, c.Value))]))]);
}

[GenerateSerializer, Immutable]
public sealed record PupilWarningView(
    [property: Id(0)] string StudentId,
    [property: Id(1)] IReadOnlyList<WarningCauseView> Causes);

/// <summary>One reason, as <see cref="WarningCause"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record WarningCauseView(
    [property: Id(0)] WarningReason Reason,
    [property: Id(1)] string? SubjectId,
    [property: Id(2)] ComponentKind? Component,
    [property: Id(3)] int? Value);
