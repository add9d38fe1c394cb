namespace EduInfo.Domain.Registry;

/// <summary>
/// A class as the write path needs it: where it sits (organization kind, school week, path), its dated roster and its
/// teachers' assignments; and what its breakdowns need (issue 19): its language, its organization's locality and
/// subordination, and the sex of each pupil ever enrolled (from the IIN, read in SQL: the IIN itself never leaves it).
/// </summary>
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
    IReadOnlyList<GroupRecord>? Groups = null,
    string Language = "kk",
    bool IsRural = false,
    NodeKind Subordination = NodeKind.District,
    IReadOnlyDictionary<string, PupilSex>? Sexes = null);

/// <summary>A teaching group within the class (a subgroup for one subject) with its dated roster.</summary>
public sealed record GroupRecord(string GroupId, string? SubjectId, IReadOnlyList<Enrolment> Members);
