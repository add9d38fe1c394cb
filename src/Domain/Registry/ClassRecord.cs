namespace EduInfo.Domain.Registry;

/// <summary>A class as the write path needs it: where it sits (organization kind, school week, path), its dated roster and its teachers' assignments.</summary>
public sealed record ClassRecord(
    string ClassId,
    string OrganizationId,
    string AcademicYear,
    int Grade,
    IReadOnlyList<Enrolment> Enrolments,
    IReadOnlyList<Assignment> Assignments,
    string OrganizationKind = "school",
    int SchoolWeek = 5,
    IReadOnlyList<string>? Path = null,
    IReadOnlyList<GroupRecord>? Groups = null);

/// <summary>A teaching group within the class (a subgroup for one subject) with its dated roster.</summary>
public sealed record GroupRecord(string GroupId, string? SubjectId, IReadOnlyList<Enrolment> Members);
