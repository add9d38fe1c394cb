namespace EduInfo.Domain.Registry;

/// <summary>A student's dated membership of a home class (<see cref="To"/> null = still enrolled).</summary>
public sealed record Enrolment(string StudentId, DateOnly From, DateOnly? To)
{
    public bool CoversDate(DateOnly date) => From <= date && (To is null || date <= To);
}
