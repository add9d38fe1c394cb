namespace EduInfo.Storage.Registry.Model;

/// <summary>
/// A registry to load in one go (the demo country, an import): every row of the hierarchy, organizations,
/// classes, people and assignments. Ids are opaque strings.
/// </summary>
public sealed class RegistryData
{
    public List<NodeRow> Nodes { get; } = [];
    public List<OrganizationRow> Organizations { get; } = [];
    public List<SubjectRow> Subjects { get; } = [];
    public List<ClassRow> Classes { get; } = [];
    public List<PersonRow> Students { get; } = [];
    public List<EnrolmentRow> Enrolments { get; } = [];
    public List<TeacherRow> Teachers { get; } = [];
    public List<AssignmentRow> Assignments { get; } = [];
    public List<PersonRow> Parents { get; } = [];
    public List<StudentParentRow> StudentParents { get; } = [];
}

public sealed record NodeRow(string Id, string? ParentId, string Kind, string NameKk, string NameRu, string NameEn);

public sealed record OrganizationRow(string Id, string NodeId, string Kind, string NameKk, string NameRu, string NameEn, IReadOnlyList<string> Languages, bool IsRural);

public sealed record SubjectRow(string Id, string NameKk, string NameRu, string NameEn);

public sealed record ClassRow(string Id, string OrganizationId, string AcademicYear, int Grade, string Letter, string Language);

public sealed record PersonRow(string Id, string Iin, string LastName, string FirstName, string? MiddleName, DateOnly BirthDate);

public sealed record EnrolmentRow(string StudentId, string ClassId, DateOnly From, DateOnly? To);

public sealed record TeacherRow(string Id, string Iin, string LastName, string FirstName, string? MiddleName, string OrganizationId);

public sealed record AssignmentRow(string TeacherId, string GroupId, string SubjectId, DateOnly From, DateOnly? To);

public sealed record StudentParentRow(string StudentId, string ParentId, string Relation);
