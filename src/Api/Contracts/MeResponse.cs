using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Localization;
using EduInfo.Storage.Registry;

namespace EduInfo.Api.Contracts;

/// <summary>
/// "Who am I": the caller's account, grants, and the places each role acts on, so a client needs no id in advance.
/// Names are in the reader's language where the registry has them; a class's name is its grade and letter. No IIN.
/// </summary>
public sealed record MeResponse(
    string UserId,
    string? PersonId,
    IReadOnlyList<MeGrant> Grants,
    IReadOnlyList<MeStudent> Children,
    MeStudent? Student,
    IReadOnlyList<MeTeaching> Teaching);

/// <summary>A role over a scope; the scope's kind and name when it is a node of the hierarchy (not a parent's or student's person).</summary>
public sealed record MeGrant(string Role, string RoleName, string ScopeId, NodeKind? ScopeKind, string? ScopeName)
{
    public static MeGrant Of(string role, string scopeId, NodeRecord? node, string language) =>
        new(role, Messages.Get($"role.{role}", language), scopeId, node?.Kind, node is null ? null : NodeSummaryResponse.NameOf(node, scopeId, language));
}

/// <summary>A parent's child, or the student themself: names, current class and school.</summary>
public sealed record MeStudent(string StudentId, string LastName, string FirstName, string ClassId, string ClassName, string OrganizationId, string OrganizationName)
{
    public static MeStudent Of(StudentPlace p, string language) => new(p.StudentId, p.LastName, p.FirstName, p.ClassId, $"{p.Grade}{p.Letter}",
        p.OrganizationId, Messages.Pick(language, p.OrganizationNameKk, p.OrganizationNameRu, p.OrganizationNameEn));
}

/// <summary>A teacher's assignment today: the class (null for a cross-class profile group, addressed by its group), the group, the subject.</summary>
public sealed record MeTeaching(string? ClassId, string? ClassName, string GroupId, string SubjectId, string SubjectName)
{
    public static MeTeaching Of(TeachingPlace p, string language) => new(p.ClassId, p.ClassId is null ? null : $"{p.Grade}{p.Letter}", p.GroupId,
        p.SubjectId, Messages.Pick(language, p.SubjectNameKk, p.SubjectNameRu, p.SubjectNameEn));
}
