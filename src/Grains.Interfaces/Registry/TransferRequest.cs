namespace EduInfo.Grains.Interfaces.Registry;

/// <summary>Moving a student to another home class from a date, with the reason (the audit log keeps it).</summary>
[GenerateSerializer, Immutable]
public sealed record TransferRequest(
    [property: Id(0)] string? ToClassId,
    [property: Id(1)] DateOnly? Date,
    [property: Id(2)] string? Reason);

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
