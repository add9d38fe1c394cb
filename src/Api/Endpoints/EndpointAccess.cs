using EduInfo.Domain.Registry;
using EduInfo.Api.Actors;
using EduInfo.Api.Problems;
using EduInfo.Api.Reads;
using EduInfo.Api.Registry;
using EduInfo.Api.Security;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.Storage.Audit;
using EduInfo.Storage.Registry;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduInfo.Api.Endpoints;

/// <summary>
/// The access check of every signed-in endpoint, one endpoint filter that answers before the handler runs: 401 without
/// an actor; 404 when the target the route names is unknown (or a node of another kind), with that target's problem
/// key; 403 when the endpoint's rule refuses the caller. An endpoint declares its rule with one Require… convention and
/// its handler takes the resolved <see cref="Caller"/>. Filters run after binding, so a malformed body is still a 400 first.
/// Handlers keep their route values as parameters, used or not: that is how the OpenAPI document lists them.
/// </summary>
public static class EndpointAccess
{
    /// <summary>Any signed-in caller, or only those <paramref name="allowed"/> admits.</summary>
    public static TBuilder RequireCaller<TBuilder>(this TBuilder builder, Func<Actor, bool>? allowed = null) where TBuilder : IEndpointConventionBuilder =>
        builder.Check((http, caller, _) => ValueTask.FromResult(allowed is null || allowed(caller.Actor) ? null : LocalizedProblems.Forbidden(http)));

    /// <summary>The node <c>{nodeId}</c>, at any level of the hierarchy.</summary>
    public static TBuilder RequireNode<TBuilder>(this TBuilder builder, Func<Actor, IReadOnlyList<string>, bool> allowed)
        where TBuilder : IEndpointConventionBuilder =>
        builder.Check((http, caller, cancellationToken) => CheckNodeAsync(http, caller, Service<NodeDirectory>(http), RouteValue(http, "nodeId"),
            allowed, null, "problem.notFound.node", cancellationToken));

    /// <summary>The class <c>{classId}</c>; a node of another kind is not found either.</summary>
    public static TBuilder RequireClass<TBuilder>(this TBuilder builder, Func<Actor, IReadOnlyList<string>, bool> allowed)
        where TBuilder : IEndpointConventionBuilder =>
        builder.Check((http, caller, cancellationToken) => CheckNodeAsync(http, caller, Service<NodeDirectory>(http), RouteValue(http, "classId"),
            allowed, NodeKind.Class, "problem.notFound.class", cancellationToken));

    /// <summary>
    /// The cross-class profile group <c>{groupId}</c>, under <paramref name="allowed"/> at its first class: a group lies
    /// within one school, and the write path checks the teacher's assignment class by class.
    /// </summary>
    public static TBuilder RequireProfileGroup<TBuilder>(this TBuilder builder, Func<Actor, IReadOnlyList<string>, bool> allowed)
        where TBuilder : IEndpointConventionBuilder =>
        builder.Check(async (http, caller, cancellationToken) =>
        {
            var groupId = RouteValue(http, "groupId");
            var members = RegistryIds.IsWellFormed(groupId) ? await Service<RegistryStore>(http).ProfileGroupMembersAsync(groupId, cancellationToken) : null;
            return members is null or { Count: 0 }
                ? LocalizedProblems.NotFound(http, "problem.notFound.group")
                : await CheckNodeAsync(http, caller, Service<NodeDirectory>(http), members[0].ClassId, allowed, NodeKind.Class, "problem.notFound.group",
                    cancellationToken);
        });

    /// <summary>
    /// The student <c>{studentId}</c>'s personal data, for the student's circle only (<see cref="AccessPolicy.CanReadDiary"/>).
    /// The attempt is audited as <paramref name="auditAction"/> before anything is answered, refused ones too;
    /// <paramref name="detail"/> describes an allowed read (a refused one is described by nothing).
    /// </summary>
    public static TBuilder RequireStudent<TBuilder>(this TBuilder builder, string auditAction, Func<Actor, StudentAccess, string>? detail = null)
        where TBuilder : IEndpointConventionBuilder =>
        builder.Check(async (http, caller, cancellationToken) =>
        {
            var door = await Service<StudentGate>(http).OpenAsync(caller.Actor, RouteValue(http, "studentId"), auditAction, detail, cancellationToken);
            switch (door.State)
            {
                case StudentDoorState.NotFound:
                    return LocalizedProblems.NotFound(http, "problem.notFound.student");
                case StudentDoorState.Refused:
                    return LocalizedProblems.Forbidden(http);
                default:
                    caller.Student = door.Student!;
                    return null;
            }
        });

    /// <summary>The organization <c>{organizationId}</c>; a node of another kind is not found either.</summary>
    public static TBuilder RequireOrganization<TBuilder>(this TBuilder builder, Func<Actor, IReadOnlyList<string>, bool> allowed)
        where TBuilder : IEndpointConventionBuilder =>
        builder.Check((http, caller, cancellationToken) => CheckNodeAsync(http, caller, Service<NodeDirectory>(http), RouteValue(http, "organizationId"),
            allowed, NodeKind.Organization, "problem.notFound.organization", cancellationToken));

    /// <summary>The endpoint filter: the caller first (401), then the endpoint's own <paramref name="check"/> of its target.</summary>
    private static TBuilder Check<TBuilder>(this TBuilder builder, Func<HttpContext, Caller, CancellationToken, ValueTask<ProblemHttpResult?>> check)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (invocation, next) =>
        {
            var http = invocation.HttpContext;
            if (Service<ActorResolver>(http).Resolve(http) is not { } actor)
            {
                return LocalizedProblems.Unauthorized(http);
            }
            if (await check(http, Caller.Of(http).With(actor), http.RequestAborted) is { } refusal)
            {
                return refusal;
            }
            return await next(invocation);
        });

    /// <summary>404 for an unknown node (or one not of <paramref name="kind"/>), 403 when <paramref name="allowed"/> refuses the actor at the node's place.</summary>
    private static async ValueTask<ProblemHttpResult?> CheckNodeAsync(HttpContext http, Caller caller, NodeDirectory directory, string nodeId,
        Func<Actor, IReadOnlyList<string>, bool> allowed, NodeKind? kind, string notFound, CancellationToken cancellationToken)
    {
        var node = await directory.FindAsync(nodeId, cancellationToken);
        if (node is null || (kind is not null && node.Kind != kind))
        {
            return LocalizedProblems.NotFound(http, notFound);
        }
        if (!allowed(caller.Actor, node.Path))
        {
            return LocalizedProblems.Forbidden(http);
        }
        caller.Node = node;
        return null;
    }

    private static T Service<T>(HttpContext http) where T : notnull => http.RequestServices.GetRequiredService<T>();

    private static string RouteValue(HttpContext http, string name) =>
        http.GetRouteValue(name) as string ?? throw new InvalidOperationException($"The endpoint's route has no {{{name}}} to check.");
}
