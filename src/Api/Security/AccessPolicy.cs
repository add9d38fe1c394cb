using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Storage.Registry;

namespace EduInfo.Api.Security;

/// <summary>
/// Who may do what where (order point 10), as pure functions of the actor's grants and the target's place in the
/// hierarchy. A grant covers its scope and everything below it (the scope is on the target's path).
/// Personal data (the diary) is for the student, their parents, their class teacher, the teachers of their class
/// and the head of their organization; officers, analysts and operators see aggregates only.
/// </summary>
public static class AccessPolicy
{
    private static readonly HashSet<string> SummaryReaders =
        [Role.MinistryAnalyst, Role.RegionOfficer, Role.DistrictOfficer, Role.Head, Role.Teacher, Role.ClassTeacher, Role.Operator];

    /// <summary>Summaries of a node (area, organization, class) and its children.</summary>
    public static bool CanReadSummary(Actor actor, IReadOnlyList<string> nodePath) =>
        actor.Grants.Any(g => SummaryReaders.Contains(g.Role) && nodePath.Contains(g.ScopeId));

    /// <summary>Journal writes for a class: a teacher of an organization (or area) above the class, acting as a registry person.
    /// Which subjects they may write is the assignment check of the write path.</summary>
    public static bool CanWriteJournal(Actor actor, IReadOnlyList<string> classPath) =>
        actor.PersonId is not null && actor.Grants.Any(g => g.Role == Role.Teacher && classPath.Contains(g.ScopeId));

    /// <summary>Programme targets of an area: the Ministry's analysts, and officers for their region or district and below.</summary>
    public static bool CanSetTargets(Actor actor, IReadOnlyList<string> areaPath) =>
        actor.Grants.Any(g => g.Role is Role.MinistryAnalyst or Role.RegionOfficer or Role.DistrictOfficer && areaPath.Contains(g.ScopeId));

    /// <summary>Corrections of a class's rows: its teachers (the write path checks the assignment to the row's subject) and the head.</summary>
    public static bool CanCorrectJournal(Actor actor, IReadOnlyList<string> classPath) =>
        CanWriteJournal(actor, classPath) || CanCloseTerm(actor, classPath);

    /// <summary>Closing and reopening a class's term: the head of the organization.</summary>
    public static bool CanCloseTerm(Actor actor, IReadOnlyList<string> classPath) =>
        actor.Grants.Any(g => g.Role == Role.Head && classPath.Contains(g.ScopeId));

    /// <summary>
    /// The teacher's journal grid of a class (names and marks: personal data): the class teacher, the head, and a
    /// teacher assigned to the subject in the class (<paramref name="assignedTeacherIds"/>).
    /// </summary>
    public static bool CanReadClassJournal(Actor actor, IReadOnlyList<string> classPath, IReadOnlyCollection<string> assignedTeacherIds) =>
        actor.Grants.Any(g => g.Role switch
        {
            Role.ClassTeacher => classPath.Count > 0 && g.ScopeId == classPath[^1],
            Role.Head => classPath.Contains(g.ScopeId),
            Role.Teacher => actor.PersonId is not null && assignedTeacherIds.Contains(actor.PersonId) && classPath.Contains(g.ScopeId),
            _ => false,
        });

    /// <summary>
    /// A transfer between classes: a head within their organization, a district or region officer within their area
    /// (the grant's scope must be above both classes).
    /// </summary>
    public static bool CanTransfer(Actor actor, IReadOnlyList<string> fromPath, IReadOnlyList<string> toPath) =>
        actor.Grants.Any(g => g.Role is Role.Head or Role.DistrictOfficer or Role.RegionOfficer && fromPath.Contains(g.ScopeId) && toPath.Contains(g.ScopeId));

    /// <summary>
    /// Keeping pupils and parents (enrolment, leaving, corrections, parent links; issue 18): a head within their
    /// organization, a district or region officer within their area, operators everywhere.
    /// </summary>
    public static bool CanKeepPupils(Actor actor, IReadOnlyList<string> path) =>
        actor.Grants.Any(g => g.Role == Role.Operator || g.Role is Role.Head or Role.DistrictOfficer or Role.RegionOfficer && path.Contains(g.ScopeId));

    /// <summary>Assessment policies and academic calendars are set by operators (the Ministry's system administrators).</summary>
    public static bool CanManageRules(Actor actor) => actor.Grants.Any(g => g.Role == Role.Operator);

    /// <summary>Runtime figures of the cluster (activations, memory): operators.</summary>
    public static bool CanReadRuntime(Actor actor) => actor.Grants.Any(g => g.Role == Role.Operator);

    /// <summary>A student's diary.</summary>
    public static bool CanReadDiary(Actor actor, StudentAccess student) => actor.Grants.Any(g => g.Role switch
    {
        Role.Student => g.ScopeId == student.StudentId,
        Role.Parent => student.ParentIds.Contains(g.ScopeId),
        Role.ClassTeacher => g.ScopeId == student.ClassId,
        Role.Teacher => actor.PersonId is not null && student.TeacherIds.Contains(actor.PersonId) && student.ClassPath.Contains(g.ScopeId),
        Role.Head => student.ClassPath.Contains(g.ScopeId),
        _ => false,
    });

    /// <summary>
    /// Whether a reader of the student's card sees the whole IIN: the student, their parents, their class teacher and
    /// the head (documents and the class register need it); a subject teacher sees it masked.
    /// </summary>
    public static bool SeesFullIin(Actor actor, StudentAccess student) => actor.Grants.Any(g => g.Role switch
    {
        Role.Student => g.ScopeId == student.StudentId,
        Role.Parent => student.ParentIds.Contains(g.ScopeId),
        Role.ClassTeacher => g.ScopeId == student.ClassId,
        Role.Head => student.ClassPath.Contains(g.ScopeId),
        _ => false,
    });

    /// <summary>Whether the actor reads the audit log at all (<see cref="AuditScope"/> says how much of it).</summary>
    public static bool CanReadAudit(Actor actor)
    {
        AuditScope(actor, out var allowed);
        return allowed;
    }

    /// <summary>The audit log: operators all of it, heads what concerns their organization.</summary>
    public static string? AuditScope(Actor actor, out bool allowed)
    {
        allowed = true;
        if (actor.Grants.Any(g => g.Role == Role.Operator))
        {
            return null;
        }
        if (actor.Grants.FirstOrDefault(g => g.Role == Role.Head) is { } head)
        {
            return head.ScopeId;
        }
        allowed = false;
        return null;
    }

    /// <summary>An organization's profile: its head, the district or region officer above it, operators anywhere.</summary>
    public static bool CanEditOrganizationProfile(Actor actor, IReadOnlyList<string> organizationPath) =>
        actor.Grants.Any(g => g.Role == Role.Operator
            || g.Role is Role.Head or Role.DistrictOfficer or Role.RegionOfficer && organizationPath.Contains(g.ScopeId));

    /// <summary>An organization's kind (its calendar and assessment rules): officers above it and operators, not its head.</summary>
    public static bool CanChangeOrganizationKind(Actor actor, IReadOnlyList<string> organizationPath) =>
        actor.Grants.Any(g => g.Role == Role.Operator
            || g.Role is Role.DistrictOfficer or Role.RegionOfficer && organizationPath.Contains(g.ScopeId));

    /// <summary>
    /// Teachers' names in the staff and load figures of an organization or class: its head and the officers above it.
    /// Everyone else who reads the summaries sees counts only, as everyone does at an area.
    /// </summary>
    public static bool SeesStaffNames(Actor actor, NodeKind kind, IReadOnlyList<string> nodePath) =>
        kind is NodeKind.Organization or NodeKind.Class
        && actor.Grants.Any(g => g.Role is Role.Head or Role.DistrictOfficer or Role.RegionOfficer && nodePath.Contains(g.ScopeId));
    /// <summary>
    /// An organization's staff, teaching assignments, class teachers and subgroups (issue 18): its head, the district
    /// and region officers above it, and operators anywhere.
    /// </summary>
    public static bool CanManageStaff(Actor actor, IReadOnlyList<string> organizationPath) =>
        actor.Grants.Any(g => g.Role == Role.Operator
            || (g.Role is Role.Head or Role.DistrictOfficer or Role.RegionOfficer && organizationPath.Contains(g.ScopeId)));

    /// <summary>
    /// Opening organizations under an area and closing them (issue 18): district officers in their district, regional
    /// officers in their region and its districts, operators anywhere; never a head (an organization does not close itself).
    /// </summary>
    public static bool CanOpenOrCloseOrganizations(Actor actor, IReadOnlyList<string> path) =>
        actor.Grants.Any(g => g.Role == Role.Operator || g.Role is Role.DistrictOfficer or Role.RegionOfficer && path.Contains(g.ScopeId));

    /// <summary>Whether the actor is an operator (who alone opens republican schools under the republic).</summary>
    /// <summary>Closing and reopening academic years (issue 20): operators only.</summary>
    public static bool CanCloseYears(Actor actor) => actor.Grants.Any(g => g.Role == Role.Operator);

    /// <summary>Publishing an open rating of an area (order point 12.5): the Ministry's analysts over it, and operators — never the ranked areas themselves.</summary>
    public static bool CanPublishRatings(Actor actor, IReadOnlyList<string> areaPath) =>
        actor.Grants.Any(g => g.Role == Role.Operator || g.Role == Role.MinistryAnalyst && areaPath.Contains(g.ScopeId));

    public static bool IsOperator(Actor actor) => actor.Grants.Any(g => g.Role == Role.Operator);
}
