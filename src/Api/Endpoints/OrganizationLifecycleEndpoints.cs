using EduInfo.Api.Localization;
using EduInfo.Api.Problems;
using EduInfo.Api.Registry;
using EduInfo.Api.Security;
using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Localization;
using EduInfo.Grains.Interfaces.Registry;
using EduInfo.Storage.Registry;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduInfo.Api.Endpoints;

/// <summary>
/// Organizations opened and closed by the officers above them (issue 18): an area's list, an opening under it, and a
/// closing that first ends or moves every enrolment and employment. The rules are the lifecycle grain's.
/// </summary>
public static class OrganizationLifecycleEndpoints
{
    public static RouteGroupBuilder MapOrganizationLifecycleEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/nodes/{nodeId}/organizations", List).WithTags("Registry").RequireNode(AccessPolicy.CanReadSummary).WithName("GetAreaOrganizations")
            .WithSummary("The organizations an area manages directly, with when they opened and closed");
        api.MapPost("/nodes/{nodeId}/organizations", Open).WithTags("Registry").RequireNode(AccessPolicy.CanOpenOrCloseOrganizations).WithName("OpenOrganization")
            .WithSummary("Open an organization under the area from a date (district and regional officers for their area, operators; audited)");
        api.MapPost("/organizations/{organizationId}/closing", Close).WithTags("Registry").RequireOrganization(AccessPolicy.CanOpenOrCloseOrganizations)
            .WithName("CloseOrganization")
            .WithSummary("Close an organization after its last day: every enrolment ended or moved, every employment ended, then closed (audited)")
            .WithDescription("Every leaving, transfer and staff leaving is checked first; any conflict refuses the whole closing (409, naming the pupils "
                + "and staff by id) with nothing written. Repeating a closing stopped part-way finishes it.");
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyList<OrganizationListResponse>>, ProblemHttpResult>> List(string nodeId, [AsParameters] EndpointCall call,
        OrganizationLifecycleStore store) =>
        IsArea(call.Caller.Node)
            ? TypedResults.Ok<IReadOnlyList<OrganizationListResponse>>((await store.ListAsync(nodeId, call.Aborted)).Select(OrganizationListResponse.Of).ToList())
            : LocalizedProblems.NotFound(call.Http, "problem.notFound.node");

    private static async Task<Results<Created<OrganizationOpened>, ProblemHttpResult>> Open(string nodeId, OrganizationOpeningRequest request,
        [AsParameters] EndpointCall call)
    {
        if (!IsArea(call.Caller.Node))
        {
            return LocalizedProblems.NotFound(call.Http, "problem.notFound.node");
        }
        var change = new OrganizationOpeningChange(request.Id, request.NameKk, request.NameRu, request.NameEn, request.Languages, request.Kind, request.IsRural,
            request.OpenedOn);
        var outcome = await call.Grains.GetGrain<IOrganizationLifecycleGrain>(GrainKey(request.Id))
            .Open(call.Actor, call.Caller.Node.Id, change, AccessPolicy.IsOperator(call.Actor));
        return outcome.Accepted
            ? TypedResults.Created($"/api/v1/organizations/{request.Id}/profile", new OrganizationOpened(request.Id!))
            : Refused(call.Http, outcome);
    }

    private static async Task<Results<Ok<OrganizationClosed>, ProblemHttpResult>> Close(string organizationId, OrganizationClosingRequest request,
        [AsParameters] EndpointCall call, NodeDirectory directory)
    {
        // Moving pupils is a transfer: the caller must be one who may transfer between the two places (operators anywhere).
        foreach (var to in (request.Transfers ?? []).Select(t => t.ToClassId).Where(RegistryIds.IsWellFormed).Distinct(StringComparer.Ordinal))
        {
            if (await directory.FindAsync(to!, call.Aborted) is { Kind: NodeKind.Class } target && !MayMoveTo(call.Actor, call.Caller.Node.Path, target.Path))
            {
                return LocalizedProblems.Forbidden(call.Http);
            }
        }
        var change = new OrganizationClosingChange(request.Date, request.Reason, request.Pupils,
            request.Transfers?.Select(t => new ClassTransferChange(t.FromClassId, t.ToClassId)).ToList());
        var outcome = await call.Grains.GetGrain<IOrganizationLifecycleGrain>(organizationId).Close(call.Actor, change);
        directory.Forget(organizationId); // this Api's pages mark it closed at once
        return outcome.Accepted ? TypedResults.Ok(OrganizationClosed.Of(organizationId, request.Date, outcome)) : Refused(call.Http, outcome);
    }

    /// <summary>Whether the caller may move a closing organization's pupils (at <paramref name="organizationPath"/>) to a class (the web form offers only these).</summary>
    internal static bool MayMoveTo(Actor actor, IReadOnlyList<string> organizationPath, IReadOnlyList<string> targetPath) =>
        AccessPolicy.IsOperator(actor) || AccessPolicy.CanTransfer(actor, organizationPath, targetPath);

    /// <summary>The grain of the id opened: a malformed id (refused by the rules) never becomes a grain key of its own.</summary>
    internal static string GrainKey(string? id) => RegistryIds.IsWellFormed(id) ? id! : "-";

    private static bool IsArea(NodeRecord node) => node.Kind is NodeKind.Republic or NodeKind.Region or NodeKind.District;

    /// <summary>
    /// 404 for no such organization or area; 403 for a republican school opened by anyone but an operator; 409 when the
    /// registry is in the way (an id taken, already closed, pupils or staff a closing cannot move or end — each named by id
    /// with its own rule's message, and what was done so far); else 400.
    /// </summary>
    internal static ProblemHttpResult Refused(HttpContext http, LifecycleOutcome outcome)
    {
        if (outcome.IsNotFound)
        {
            return LocalizedProblems.NotFound(http, outcome.Problems.Any(p => p.Field == "nodeId") ? "problem.notFound.node" : "problem.notFound.organization");
        }
        if (outcome.IsForbidden)
        {
            return LocalizedProblems.Forbidden(http);
        }
        var language = RequestLanguage.Of(http);
        var extensions = new Dictionary<string, object?>
        {
            ["errors"] = outcome.Problems.Select(p => new FieldError(p.Field, JsonNaming.Camel(p.Error.ToString()),
                Messages.Get($"organization.error.{JsonNaming.Camel(p.Error.ToString())}", language))).ToList(),
        };
        if (!outcome.IsConflict)
        {
            return LocalizedProblems.Create(http, StatusCodes.Status400BadRequest, "validation", "problem.validation.title", "problem.validation.detail", extensions);
        }
        extensions["conflicts"] = outcome.Conflicts.Select(c => ClosingConflictResponse.Of(c, language)).ToList();
        extensions["conflictCount"] = outcome.Conflicts.Count;
        extensions["done"] = new ClosingDone(outcome.PupilsEnded, outcome.PupilsTransferred, outcome.StaffEnded);
        return LocalizedProblems.Create(http, StatusCodes.Status409Conflict, "organization-conflict", "problem.organizationConflict.title",
            "problem.organizationConflict.detail", extensions);
    }
}

/// <summary>A new organization: its id, profile and opening day; every field is required (a missing one is a localized 400).</summary>
public sealed record OrganizationOpeningRequest(string? Id, string? NameKk, string? NameRu, string? NameEn, IReadOnlyList<string>? Languages, string? Kind,
    bool? IsRural, DateOnly? OpenedOn);

/// <summary>A closing: the last working day, the reason, "end" or "transfer", and for "transfer" a target class for each class with pupils.</summary>
public sealed record OrganizationClosingRequest(DateOnly? Date, string? Reason, string? Pupils, IReadOnlyList<ClassTransferRequest>? Transfers);

public sealed record ClassTransferRequest(string? FromClassId, string? ToClassId);

public sealed record OrganizationOpened(string Id);

/// <summary>What a closing did: pupils whose enrolment ended, pupils moved, staff whose employment ended.</summary>
public sealed record ClosingDone(int PupilsEnded, int PupilsTransferred, int StaffEnded);

public sealed record OrganizationClosed(string OrganizationId, DateOnly? ClosedOn, ClosingDone Done)
{
    public static OrganizationClosed Of(string organizationId, DateOnly? date, LifecycleOutcome outcome) =>
        new(organizationId, date, new ClosingDone(outcome.PupilsEnded, outcome.PupilsTransferred, outcome.StaffEnded));
}

/// <summary>A pupil or member of staff in a closing's way: by opaque id (never a name or IIN), the code of the rule that refused and its message.</summary>
public sealed record ClosingConflictResponse(string Kind, string Id, string Code, string Message)
{
    public static ClosingConflictResponse Of(ClosingConflictView conflict, string language)
    {
        var code = JsonNaming.Camel(conflict.Code);
        var message = conflict.Source switch
        {
            ClosingConflictSource.Leaving => Messages.Get($"pupil.error.{conflict.Code}", language, conflict.Arguments),
            ClosingConflictSource.Transfer => Messages.Get($"transfer.error.{code}", language),
            _ => Messages.Get($"staff.error.{code}", language, conflict.Arguments.Count > 0 ? conflict.Arguments : [""]),
        };
        return new(conflict.Source == ClosingConflictSource.Staff ? "staff" : "pupil", conflict.Id, code, message);
    }
}

/// <summary>An organization on an area's list.</summary>
public sealed record OrganizationListResponse(string Id, string Kind, string NameKk, string NameRu, string NameEn, DateOnly? OpenedOn, DateOnly? ClosedOn)
{
    public static OrganizationListResponse Of(OrganizationListRow row) => new(row.Id, row.Kind, row.NameKk, row.NameRu, row.NameEn, row.OpenedOn, row.ClosedOn);
}
