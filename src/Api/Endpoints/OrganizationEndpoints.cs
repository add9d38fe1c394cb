using EduInfo.Api.Localization;
using EduInfo.Api.Problems;
using EduInfo.Api.Reads;
using EduInfo.Api.Registry;
using EduInfo.Api.Security;
using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Registry;
using EduInfo.Storage.Registry;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduInfo.Api.Endpoints;

/// <summary>Organizations kept by those who own them (issue 18): the profile, and staff and load (order point 5.4) of any node.</summary>
public static class OrganizationEndpoints
{
    public static RouteGroupBuilder MapOrganizationEndpoints(this RouteGroupBuilder api)
    {
        var organization = api.MapGroup("/organizations/{organizationId}").WithTags("Registry");
        organization.MapGet("/profile", GetProfile).RequireOrganization(AccessPolicy.CanReadSummary)
            .WithName("GetOrganizationProfile")
            .WithSummary("An organization's profile: names, languages of instruction, kind, urban or rural");
        organization.MapPut("/profile", PutProfile).RequireOrganization(AccessPolicy.CanEditOrganizationProfile)
            .WithName("SetOrganizationProfile")
            .WithSummary("Replace an organization's profile (its head, the officers above it, operators; only officers and operators change the kind; audited)");
        api.MapGet("/nodes/{nodeId}/staff", GetStaff).RequireNode(AccessPolicy.CanReadSummary).WithTags("Summaries")
            .WithName("GetNodeStaff")
            .WithSummary("Staff and load (order point 5.4) today: teachers by subject, weekly load from the timetables, vacancies")
            .WithDescription("Counts at an area (sums of its organizations). At an organization or class also the vacant classes and subjects, "
                + "and each teacher's load for its head and the officers above it.");
        return api;
    }

    private static async Task<Results<Ok<OrganizationProfileResponse>, ProblemHttpResult>> GetProfile(
        string organizationId, [AsParameters] EndpointCall call, OrganizationProfileStore profiles)
    {
        var row = await profiles.FindAsync(organizationId, call.Aborted);
        return row is null ? LocalizedProblems.NotFound(call.Http, "problem.notFound.organization")
            : TypedResults.Ok(OrganizationProfileResponse.Of(row, AccessPolicy.CanChangeOrganizationKind(call.Actor, call.Caller.Node.Path)));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> PutProfile(
        string organizationId, OrganizationProfileRequest request, [AsParameters] EndpointCall call, NodeDirectory directory)
    {
        var change = new OrganizationProfileChange(request.NameKk, request.NameRu, request.NameEn, request.Languages, request.Kind, request.IsRural,
            new OrganizationContactsChange(request.AddressKk, request.AddressRu, request.Phone, request.Email, request.Website, request.HeadName));
        var outcome = await call.Grains.GetGrain<IOrganizationProfileGrain>(organizationId)
            .Update(call.Actor, change, AccessPolicy.CanChangeOrganizationKind(call.Actor, call.Caller.Node.Path));
        directory.Forget(organizationId); // this Api's pages show the new names at once
        return outcome.Accepted ? TypedResults.NoContent()
            : outcome.IsNotFound ? LocalizedProblems.NotFound(call.Http, "problem.notFound.organization")
            : outcome.Problems.Any(p => p.Error == RegistryError.KindChangeForbidden) ? LocalizedProblems.Forbidden(call.Http)
            : LocalizedProblems.Invalid(call.Http, outcome.Problems.Codes(), "organization.error");
    }

    private static async Task<Ok<StaffLoadView>> GetStaff(string nodeId, [AsParameters] EndpointCall call, StaffLoad staff)
    {
        var node = call.Caller.Node;
        return TypedResults.Ok(await staff.ReadAsync(node, AccessPolicy.SeesStaffNames(call.Actor, node.Kind, node.Path), RequestLanguage.Of(call.Http), call.Aborted));
    }
}

/// <summary>
/// A whole profile: names, languages, kind and locality are required (a missing one is a localized 400, not a default);
/// the public contacts are optional, and one left out is not given (a PUT replaces them too).
/// </summary>
public sealed record OrganizationProfileRequest(string? NameKk, string? NameRu, string? NameEn, IReadOnlyList<string>? Languages, string? Kind, bool? IsRural,
    string? AddressKk = null, string? AddressRu = null, string? Phone = null, string? Email = null, string? Website = null, string? HeadName = null);

/// <summary>
/// The profile as stored, with the managing node, whether classes follow the kind, and whether the caller may change
/// the kind (a form offers it only then).
/// </summary>
public sealed record OrganizationProfileResponse(string Id, string NodeId, string NameKk, string NameRu, string NameEn, IReadOnlyList<string> Languages,
    string Kind, bool IsRural, bool HasClasses, bool CanChangeKind, string AddressKk, string AddressRu, string Phone, string Email, string Website,
    string HeadName)
{
    public static OrganizationProfileResponse Of(OrganizationProfileRow row, bool canChangeKind) =>
        new(row.Id, row.NodeId, row.NameKk, row.NameRu, row.NameEn, row.Languages, row.Kind, row.IsRural, row.HasClasses, canChangeKind,
            row.Contacts.AddressKk, row.Contacts.AddressRu, row.Contacts.Phone, row.Contacts.Email, row.Contacts.Website, row.Contacts.HeadName);
}
