using EduInfo.Domain.Registry;

namespace EduInfo.Grains.Interfaces.Registry;

/// <summary>
/// A staff change's answer: done (the id of what was made: a member of staff, an assignment, a subgroup; for an account
/// its login and initial password) or refused with every problem and nothing written.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record StaffOutcome(
    [property: Id(0)] IReadOnlyList<StaffProblem> Problems,
    [property: Id(1)] string? Id = null,
    [property: Id(2)] string? Login = null,
    [property: Id(3)] string? Password = null)
{
    public static StaffOutcome Refused(IReadOnlyList<StaffProblem> problems) => new(problems);

    public bool Accepted => Problems.Count == 0;

    public bool IsNotFound => Problems.Any(p => p.Error == StaffError.NotFound);

    public bool IsConflict => Problems.Any(p => p.IsConflict);
}
