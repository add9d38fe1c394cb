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
    public List<TeachingGroupRow> TeachingGroups { get; } = [];
    public List<GroupMemberRow> GroupMembers { get; } = [];
    public List<TeacherRow> Teachers { get; } = [];
    public List<AssignmentRow> Assignments { get; } = [];
    public List<TimetableSlotRow> Timetable { get; } = [];
    public List<PersonRow> Parents { get; } = [];
    public List<StudentParentRow> StudentParents { get; } = [];
}
