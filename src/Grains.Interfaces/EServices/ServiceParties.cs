using EduInfo.Domain.EServices;
using EduInfo.Grains.Interfaces.Actors;

namespace EduInfo.Grains.Interfaces.EServices;

/// <summary>
/// Who an actor is to an application: its applicant (the parent whose grant is the applicant's id), the office (the head
/// of the organization applied to; the district's officers for the department's services), the receiving head of a
/// transfer. Nobody else takes a step, and nobody is the office of their own child's application; officers above the
/// office read their area's figures and overdue list.
/// </summary>
public static class ServiceParties
{
    /// <summary>The parent an actor applies as: their parent grant's scope (their registry person).</summary>
    public static string? ApplicantOf(Actor actor) =>
        actor.Grants.FirstOrDefault(g => g.Role == Role.Parent && (actor.PersonId is null || g.ScopeId == actor.PersonId))?.ScopeId
        ?? actor.Grants.FirstOrDefault(g => g.Role == Role.Parent)?.ScopeId;

    /// <summary>
    /// The inboxes the caller reads: a parent's (their applications, their children's journal) and, for staff (teachers,
    /// class teachers, heads), their own registry person's (a seminar seat that came free) — both for a teacher who is a parent.
    /// </summary>
    public static IReadOnlyList<string> InboxesOf(Actor actor) =>
        [.. new[] { ApplicantOf(actor), actor.Grants.Any(g => g.Role is Role.Teacher or Role.ClassTeacher or Role.Head) ? actor.PersonId : null }
            .OfType<string>().Distinct(StringComparer.Ordinal)];

    public static IReadOnlyList<WorkflowActor> Of(Actor actor, ServiceKind service, string applicantId, string officeId, string districtId)
    {
        var parties = new List<WorkflowActor>();
        var departmentOffice = officeId == districtId;
        if (actor.Grants.Any(g => g.ScopeId == officeId && (departmentOffice ? g.Role == Role.DistrictOfficer : g.Role == Role.Head)))
        {
            parties.Add(service == ServiceKind.SchoolTransfer ? WorkflowActor.ReceivingHead : WorkflowActor.Office);
        }
        // Nobody decides their own child's application: a head or officer who is its applicant acts as the applicant only.
        return actor.Grants.Any(g => g.Role == Role.Parent && g.ScopeId == applicantId) ? [WorkflowActor.Applicant] : parties;
    }

    /// <summary>Officers above an office (its district's and region's, the Ministry's analysts): the area's overdue list, no names.</summary>
    public static bool OverseesArea(Actor actor, IReadOnlyList<string> officePath) =>
        actor.Grants.Any(g => g.Role is Role.DistrictOfficer or Role.RegionOfficer or Role.MinistryAnalyst && officePath.Contains(g.ScopeId));

    /// <summary>Who reads an area's (or organization's) overdue list: officers over it, and the head of an organization in it.</summary>
    public static bool ReadsOverdue(Actor actor, IReadOnlyList<string> path) =>
        OverseesArea(actor, path) || actor.Grants.Any(g => g.Role == Role.Head && path.Contains(g.ScopeId));
}
