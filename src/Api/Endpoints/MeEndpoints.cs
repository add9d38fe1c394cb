using EduInfo.Api.Contracts;
using EduInfo.Api.Localization;
using EduInfo.Api.Registry;
using EduInfo.Domain.Calendar;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Storage.Audit;
using EduInfo.Storage.Registry;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduInfo.Api.Endpoints;

/// <summary>"Who am I" (issue 15): the caller's grants and the places they act on, for any signed-in caller. Reads only.</summary>
public static class MeEndpoints
{
    public static RouteGroupBuilder MapMeEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/me", GetMe).WithTags("Account").RequireCaller()
            .WithName("GetMe")
            .WithSummary("Who am I: roles and scopes, a parent's children, a student's class, a teacher's assignments today, a head's or officer's node");
        return api;
    }

    private static async Task<Ok<MeResponse>> GetMe([AsParameters] EndpointCall call, [AsParameters] MeSources sources)
    {
        var (actor, language) = (call.Actor, RequestLanguage.Of(call.Http));
        var grants = new List<MeGrant>();
        foreach (var grant in actor.Grants)
        {
            // A parent's or student's scope is a person, not a node: never looked up in the hierarchy.
            var node = grant.Role is Role.Parent or Role.Student ? null : await sources.Directory.FindAsync(grant.ScopeId, call.Aborted);
            grants.Add(MeGrant.Of(grant.Role, grant.ScopeId, node, language));
        }
        var children = await sources.Registry.ChildrenAsync(ScopesOf(actor, Role.Parent), call.Aborted);
        var self = await sources.Registry.StudentPlacesAsync(ScopesOf(actor, Role.Student), call.Aborted);
        var teaching = actor.Grants.Any(g => g.Role == Role.Teacher) && actor.PersonId is { } teacher
            ? await sources.Registry.TeachingsAsync(teacher, sources.Clock.Today, call.Aborted)
            : [];
        // Students' names are personal data: each student named in the answer is audited like a card read.
        foreach (var student in children.Concat(self))
        {
            await sources.Audit.RecordAsync(new AuditEntry(actor.UserId, actor.Roles, actor.ClientAddress, "me.read", "student", student.StudentId,
                student.OrganizationId, "ok"), call.Aborted);
        }
        return TypedResults.Ok(new MeResponse(actor.UserId, actor.PersonId, grants, children.Select(c => MeStudent.Of(c, language)).ToList(),
            self.Count == 0 ? null : MeStudent.Of(self[0], language), teaching.Select(t => MeTeaching.Of(t, language)).ToList()));
    }

    private static List<string> ScopesOf(Actor actor, string role) =>
        actor.Grants.Where(g => g.Role == role).Select(g => g.ScopeId).Distinct(StringComparer.Ordinal).ToList();
}

/// <summary>What "who am I" reads besides the caller: the registry, the node names, the audit log, today.</summary>
public sealed record MeSources(RegistryStore Registry, NodeDirectory Directory, AuditLog Audit, IKazakhstanClock Clock);
