using EduInfo.Api.Contracts;
using EduInfo.Api.Security;
using EduInfo.Storage.Audit;
using EduInfo.Storage.Registry;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduInfo.Api.Endpoints;

/// <summary>The audit log, read-only: operators see all of it, heads what concerns their organization. No endpoint changes it.</summary>
public static class AuditEndpoints
{
    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", Query).RequireCaller(AccessPolicy.CanReadAudit).WithTags("Audit").WithName("QueryAudit")
            .WithSummary("Who did what, when, from where: newest first (operators; heads for their organization)");
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyList<AuditRecordResponse>>, ProblemHttpResult>> Query(
        [AsParameters] EndpointCall call, AuditLog audit, string? actorId, string? targetId, DateTimeOffset? from, DateTimeOffset? to, int? limit)
    {
        var organization = AccessPolicy.AuditScope(call.Actor, out _); // what the caller may see: allowed by the filter
        if ((actorId is not null && !RegistryIds.IsWellFormed(actorId)) || (targetId is not null && !RegistryIds.IsWellFormed(targetId)))
        {
            return TypedResults.Ok<IReadOnlyList<AuditRecordResponse>>([]); // no record carries such an id
        }
        var records = await audit.QueryAsync(new AuditQuery(actorId, targetId, organization, from, to, limit ?? 100), call.Aborted);
        return TypedResults.Ok<IReadOnlyList<AuditRecordResponse>>(records.Select(AuditRecordResponse.Of).ToList());
    }
}
