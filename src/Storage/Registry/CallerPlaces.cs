namespace EduInfo.Storage.Registry;

/// <summary>
/// A student as their parent (or the student) is shown them in "who am I": names, current class and school. No IIN and
/// no birth date: a client needs only enough to tell the children apart and to address their pages.
/// </summary>
public sealed record StudentPlace(string StudentId, string LastName, string FirstName, string ClassId, int Grade, string Letter,
    string OrganizationId, string OrganizationNameKk, string OrganizationNameRu, string OrganizationNameEn);

/// <summary>A teacher's assignment in force on a day: the class (none for a cross-class profile group), the group and the subject.</summary>
public sealed record TeachingPlace(string? ClassId, int? Grade, string? Letter, string GroupId, string SubjectId,
    string SubjectNameKk, string SubjectNameRu, string SubjectNameEn);
