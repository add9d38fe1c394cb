using EduInfo.Domain.Registry;

namespace EduInfo.Domain.Journal;

/// <summary>
/// Who writes, as the journal's rules need it: the registry person (a teacher's assignments name them) and the
/// scopes they are head of. The class grain builds it from the authenticated actor.
/// </summary>
public sealed record JournalWriter(string? PersonId, IReadOnlyCollection<string> HeadOf)
{
    /// <summary>A head of the class's organization or of any node above it.</summary>
    public bool IsHeadOf(ClassRecord cls) => (cls.Path ?? [cls.OrganizationId]).Any(HeadOf.Contains);

    /// <summary>Assigned to teach the subject to the group on the date (a substitution is an assignment with its own dates).</summary>
    public bool Teaches(ClassRecord cls, string subjectId, string groupId, DateOnly date) =>
        cls.Assignments.Any(a => a.TeacherId == PersonId && a.SubjectId == subjectId && a.GroupId == groupId && a.CoversDate(date));
}
