using EduInfo.Storage.Registry.Model;

namespace EduInfo.Tools.Import;

/// <summary>
/// What the files of an import say, before it is checked against itself and the registry: the valid rows with
/// their lines, every id declared and referenced, the IINs, and the errors found in single values.
/// </summary>
public sealed class ParsedImport
{
    public List<ImportRow<NodeRow>> Nodes { get; } = [];
    public List<ImportRow<OrganizationRow>> Organizations { get; } = [];
    public List<ImportRow<SubjectRow>> Subjects { get; } = [];
    public List<ImportRow<ClassRow>> Classes { get; } = [];
    public List<ImportRow<TeachingGroupRow>> TeachingGroups { get; } = [];
    public List<ImportRow<PersonRow>> Students { get; } = [];
    /// <summary>One per student row, on the same line of students.csv.</summary>
    public List<ImportRow<EnrolmentRow>> Enrolments { get; } = [];
    public List<ImportRow<GroupMemberRow>> GroupMembers { get; } = [];
    public List<ImportRow<TeacherRow>> Teachers { get; } = [];
    public List<ImportRow<AssignmentRow>> Assignments { get; } = [];
    public List<ImportRow<TimetableSlotRow>> Timetable { get; } = [];
    public List<ImportRow<PersonRow>> Parents { get; } = [];
    public List<ImportRow<StudentParentRow>> StudentParents { get; } = [];

    /// <summary>Every id introduced by a row, valid or not, in file order.</summary>
    public List<ImportDeclaration> Declarations { get; } = [];

    /// <summary>Every non-empty reference value of a row whose shape is right.</summary>
    public List<ImportReference> References { get; } = [];

    /// <summary>Every valid IIN of a person row.</summary>
    public List<ImportIin> Iins { get; } = [];

    /// <summary>
    /// Kinds of rows whose ids could not all be read (a missing file part, a bad header): references to them are not
    /// reported, since the error that hides them already is.
    /// </summary>
    public HashSet<ImportEntity> Unreadable { get; } = [];

    /// <summary>Errors of the files, headers and single values.</summary>
    public List<ImportError> Errors { get; } = [];

    /// <summary>The rows to load. Meaningful only when the import has no errors at all.</summary>
    public RegistryData ToRegistryData()
    {
        var data = new RegistryData();
        data.Nodes.AddRange(Nodes.Select(r => r.Row));
        data.Organizations.AddRange(Organizations.Select(r => r.Row));
        data.Subjects.AddRange(Subjects.Select(r => r.Row));
        data.Classes.AddRange(Classes.Select(r => r.Row));
        data.TeachingGroups.AddRange(TeachingGroups.Select(r => r.Row));
        data.Students.AddRange(Students.Select(r => r.Row));
        data.Enrolments.AddRange(Enrolments.Select(r => r.Row));
        data.GroupMembers.AddRange(GroupMembers.Select(r => r.Row));
        data.Teachers.AddRange(Teachers.Select(r => r.Row));
        data.Assignments.AddRange(Assignments.Select(r => r.Row));
        data.Timetable.AddRange(Timetable.Select(r => r.Row));
        data.Parents.AddRange(Parents.Select(r => r.Row));
        data.StudentParents.AddRange(StudentParents.Select(r => r.Row));
        return data;
    }
}
