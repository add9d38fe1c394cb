using EduInfo.Domain.Registry;
using EduInfo.Api.Actors;
using EduInfo.Api.Problems;
using EduInfo.Api.Registry;
using EduInfo.Api.Security;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.Storage.Audit;
using EduInfo.Storage.Registry;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduInfo.Api.Endpoints;

/// <summary>The access checks shared by the one-shot and the live reads: who calls, does the target exist, may they see it.</summary>
internal static class EndpointAccess
{
    /// <summary>
    /// A node the caller acts on: 401 without an actor, 404 for an unknown node (or one not of <paramref name="kind"/>),
    /// 403 when <paramref name="allowed"/> refuses the actor at the node's place in the hierarchy.
    /// </summary>
    public static async Task<(Actor Actor, NodeRecord Node)?> NodeAsync(
        string nodeId, Func<Actor, IReadOnlyList<string>, bool> allowed, HttpContext context, ActorResolver actors, NodeDirectory directory,
        Action<ProblemHttpResult> refuse, CancellationToken cancellationToken, NodeKind? kind = null, string notFound = "problem.notFound.node")
    {
        if (actors.Resolve(context) is not { } actor)
        {
            refuse(LocalizedProblems.Unauthorized(context));
            return null;
        }
        var node = await directory.FindAsync(nodeId, cancellationToken);
        if (node is null || (kind is not null && node.Kind != kind))
        {
            refuse(LocalizedProblems.NotFound(context, notFound));
            return null;
        }
        if (!allowed(actor, node.Path))
        {
            refuse(LocalizedProblems.Forbidden(context));
            return null;
        }
        return (actor, node);
    }

    /// <summary>The grain that answers for a node.</summary>
    public static ISummaryNode Grain(IGrainFactory grains, NodeRecord node) => node.Kind switch
    {
        NodeKind.Class => grains.GetGrain<IClassGrain>(node.Id),
        NodeKind.Organization => grains.GetGrain<IOrganizationGrain>(node.Id),
        _ => grains.GetGrain<IAreaGrain>(node.Id),
    };

    /// <summary>
    /// A student's personal data: 401 without an actor, 404 for an unknown student, 403 outside the student's circle.
    /// The attempt is audited as <paramref name="action"/> before anything is returned, refused ones too.
    /// </summary>
    public static async Task<(Actor Actor, StudentAccess Student)?> PersonalDataAsync(
        string studentId, string action, HttpContext context, ActorResolver actors, RegistryStore registry, AuditLog audit,
        Action<ProblemHttpResult> refuse, CancellationToken cancellationToken, Func<Actor, StudentAccess, string>? detail = null)
    {
        if (actors.Resolve(context) is not { } actor)
        {
            refuse(LocalizedProblems.Unauthorized(context));
            return null;
        }
        var student = RegistryIds.IsWellFormed(studentId) ? await registry.FindStudentAccessAsync(studentId, cancellationToken) : null;
        if (student is null)
        {
            refuse(LocalizedProblems.NotFound(context, "problem.notFound.student"));
            return null;
        }
        var allowed = AccessPolicy.CanReadDiary(actor, student);
        await audit.RecordAsync(new AuditEntry(actor.UserId, actor.Roles, actor.ClientAddress, action, "student", studentId,
            student.OrganizationId, allowed ? "ok" : "denied", allowed && detail is not null ? detail(actor, student) : "{}"), cancellationToken);
        if (!allowed)
        {
            refuse(LocalizedProblems.Forbidden(context));
            return null;
        }
        return (actor, student);
    }
}
