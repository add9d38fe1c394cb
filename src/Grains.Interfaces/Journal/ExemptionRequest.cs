namespace EduInfo.Grains.Interfaces.Journal;

/// <summary>
/// The head exempts a pupil from a subject (issue 20) for a <see cref="Term"/>, or for the whole year when it is null,
/// on a <see cref="Ground"/> (<c>medical</c>, <c>individualPlan</c>, <c>homeSchooling</c>) with a reason. The pupil's
/// result there is then "exempt", out of the subject's metrics. <see cref="EntryId"/> is the idempotency key.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ExemptionRequest(
    [property: Id(0)] Guid? EntryId,
    [property: Id(1)] string? StudentId,
    [property: Id(2)] string? SubjectId,
    [property: Id(3)] int? Term,
    [property: Id(4)] string? Ground,
    [property: Id(5)] string? Reason);
