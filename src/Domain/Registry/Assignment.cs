namespace EduInfo.Domain.Registry;

/// <summary>A teacher assigned to teach a subject to a teaching group over a date range.</summary>
public sealed record Assignment(string TeacherId, string GroupId, string SubjectId, DateOnly From, DateOnly? To)
{
    public bool CoversDate(DateOnly date) => From <= date && (To is null || date <= To);
}
