using EduInfo.Domain.Registry;

namespace EduInfo.Grains.Interfaces.Registry;

/// <summary>
/// A pupil or parent write's answer: done (the pupil's id, the parent's id for a link, and the sequence number the
/// class's watermark moved to, 0 when no class moved) or refused with every problem found and nothing written.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PupilOutcome(
    [property: Id(0)] IReadOnlyList<PupilProblem> Problems,
    [property: Id(1)] string? StudentId,
    [property: Id(2)] string? ParentId,
    [property: Id(3)] long Sequence)
{
    public static PupilOutcome Rejected(IReadOnlyList<PupilProblem> problems) => new(problems, null, null, 0);

    public bool Accepted => Problems.Count == 0;

    public bool IsNotFound => Problems.Any(p => p.Error == PupilError.NotFound);
}
