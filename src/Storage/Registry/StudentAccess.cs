namespace EduInfo.Storage.Registry;

/// <summary>A student's place in the registry as access decisions need it (no names, no IIN).</summary>
public sealed record StudentAccess(
    string StudentId,
    string ClassId,
    string OrganizationId,
    IReadOnlyList<string> ClassPath,
    IReadOnlyList<string> ParentIds,
    IReadOnlyList<string> TeacherIds);
