using EduInfo.Api.Contracts;
using EduInfo.Api.Registry;
using EduInfo.Domain.Calendar;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Storage.Audit;
using EduInfo.Storage.Registry;

namespace EduInfo.Api.Reads;

/// <summary>
/// "Who am I" (issue 15), one read for <c>GET /api/v1/me</c> and the pages: the caller's grants and the places they act
/// on — a parent's children, a student's class, a teacher's assignments today, the nodes of heads and officers.
/// </summary>
public sealed class WhoAmI(RegistryStore registry, NodeDirectory directory, AuditLog audit, IKazakhstanClock clock)
{
    public async Task<MeResponse> ReadAsync(Actor actor, string language, CancellationToken cancellationToken)
    {
        var grants = new List<MeGrant>();
        foreach (var grant in actor.Grants)
        {
            // A parent's or student's scope is a person, not a node: never looked up in the hierarchy.
            var node = grant.Role is Role.Parent or Role.Student ? null : await directory.FindAsync(grant.ScopeId, cancellationToken);
            grants.Add(MeGrant.Of(grant.Role, grant.ScopeId, node, language));
        }
        var children = await registry.ChildrenAsync(ScopesOf(actor, Role.Parent), cancellationToken);
        var self = await registry.StudentPlacesAsync(ScopesOf(actor, Role.Student), cancellationToken);
        var teaching = actor.Grants.Any(g => g.Role == Role.Teacher) && actor.PersonId is { } teacher
            ? await registry.TeachingsAsync(teacher, clock.Today, cancellationToken)
            : [];
        // Students' names are personal data: each student named in the answer is audited like a card read.
        foreach (var student in children.Concat(self))
        {
            await audit.RecordAsync(new AuditEntry(actor.UserId, actor.Roles, actor.ClientAddress, "me.read", "student", student.StudentId,
                student.OrganizationId, "ok"), cancellationToken);
        }
        return new MeResponse(actor.UserId, actor.PersonId, grants, children.Select(c => MeStudent.Of(c, language)).ToList(),
            self.Count == 0 ? null : MeStudent.Of(self[0], language), teaching.Select(t => MeTeaching.Of(t, language)).ToList());
    }

    private static List<string> ScopesOf(Actor actor, string role) =>
        actor.Grants.Where(g => g.Role == role).Select(g => g.ScopeId).Distinct(StringComparer.Ordinal).ToList();
}
