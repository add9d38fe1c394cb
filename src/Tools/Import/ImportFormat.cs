using EduInfo.Domain.Journal;

namespace EduInfo.Tools.Import;

/// <summary>
/// The CSV import format (docs/import.md): one file per table, each optional, header names exact, in this order of
/// loading. Allowed values mirror the CHECK constraints of migrations 0010 and 0012.
/// </summary>
public static class ImportFormat
{
    // The file names.
    public const string Nodes = "nodes.csv";
    public const string Organizations = "organizations.csv";
    public const string Subjects = "subjects.csv";
    public const string Classes = "classes.csv";
    public const string TeachingGroups = "teaching_groups.csv";
    public const string Students = "students.csv";
    public const string GroupMembers = "group_members.csv";
    public const string Teachers = "teachers.csv";
    public const string Assignments = "assignments.csv";
    public const string Parents = "parents.csv";
    public const string StudentParents = "student_parents.csv";
    public const string Timetable = "timetable.csv";

    /// <summary>Every file of the format, in the order errors are reported.</summary>
    public static readonly IReadOnlyList<ImportTable> Tables =
    [
        new(Nodes, ["id", "parent_id", "kind", "name_kk", "name_ru", "name_en"]),
        new(Organizations, ["id", "node_id", "kind", "name_kk", "name_ru", "name_en", "languages", "is_rural"]),
        new(Subjects, ["id", "name_kk", "name_ru", "name_en"]),
        new(Classes, ["id", "organization_id", "academic_year", "grade", "letter", "language"]),
        new(TeachingGroups, ["id", "class_id", "kind", "subject_id", "name"]),
        new(Students, ["id", "iin", "last_name", "first_name", "middle_name", "birth_date", "class_id", "enrolled_from", "enrolled_to"]),
        new(GroupMembers, ["group_id", "student_id", "from", "to"]),
        new(Teachers, ["id", "iin", "last_name", "first_name", "middle_name", "organization_id"]),
        new(Assignments, ["teacher_id", "group_id", "subject_id", "from", "to"]),
        new(Parents, ["id", "iin", "last_name", "first_name", "middle_name"]),
        new(StudentParents, ["student_id", "parent_id", "relation"]),
        new(Timetable, ["class_id", "group_id", "subject_id", "weekday", "period", "from"]),
    ];

    // Allowed values of the kind columns of nodes and groups (an organization's kind and a link's relation are the Domain's rules).
    public static readonly IReadOnlyList<string> NodeKinds = ["republic", "region", "district"];
    /// <summary>Whole-class groups are not listed: every class is one, with the class's id.</summary>
    public static readonly IReadOnlyList<string> GroupKinds = ["subgroup", "profile"];

    // Limits and spellings of single values.
    public const int MinGrade = 0;
    public const int MaxGrade = 12;
    /// <summary>Timetable weekdays are ISO: 1 = Monday … 7 = Sunday; periods 1..12, as the journal's.</summary>
    public const int MaxWeekday = 7;
    public const int MaxPeriod = EntryRules.MaxPeriod;
    public const int MaxIdLength = 64;
    public const char ListSeparator = ';';
    public const string DateFormat = "yyyy-MM-dd";
}
