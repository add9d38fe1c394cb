using EduInfo.Domain.Registry;

namespace EduInfo.Grains.Interfaces.Registry;

/// <summary>A transfer's answer: committed (the class the student left and the enrolment's sequence number) or refused.</summary>
[GenerateSerializer, Immutable]
public sealed record TransferOutcome(
    [property: Id(0)] IReadOnlyList<RegistryProblem> Problems,
    [property: Id(1)] string? FromClassId,
    [property: Id(2)] long Sequence)
{
    public static TransferOutcome Rejected(IReadOnlyList<RegistryProblem> problems) => new(problems, null, 0);

    public bool Accepted => Problems.Count == 0;
}
