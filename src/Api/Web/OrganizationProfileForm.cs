using EduInfo.Api.Actors;
using EduInfo.Api.Problems;
using EduInfo.Api.Registry;
using EduInfo.Api.Security;
using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Registry;
using EduInfo.Storage.Registry;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace EduInfo.Api.Web;

/// <summary>
/// The organization profile page's form (application/x-www-form-urlencoded, antiforgery-validated): the same grain, rules
/// and audit as PUT /api/v1/organizations/{id}/profile, answered with 303 back to the page and what was refused.
/// </summary>
public static class OrganizationProfileForm
{
    public static WebApplication MapOrganizationProfileForm(this WebApplication app)
    {
        app.MapPost("/organizations/{organizationId}/profile", Save).WithTags("Browser session").ExcludeFromDescription().RequireAuthorization();
        return app;
    }

    public sealed record ProfileForm(
        [FromForm(Name = "nameKk")] string? NameKk,
        [FromForm(Name = "nameRu")] string? NameRu,
        [FromForm(Name = "nameEn")] string? NameEn,
        [FromForm(Name = "languages")] string? Languages,
        [FromForm(Name = "kind")] string? Kind,
        [FromForm(Name = "locality")] string? Locality,
        [FromForm(Name = "addressKk")] string? AddressKk = null,
        [FromForm(Name = "addressRu")] string? AddressRu = null,
        [FromForm(Name = "phone")] string? Phone = null,
        [FromForm(Name = "email")] string? Email = null,
        [FromForm(Name = "website")] string? Website = null,
        [FromForm(Name = "headName")] string? HeadName = null)
    {
        /// <summary>"kk, ru" or "kk ru": the codes as typed (the validator says which are unknown).</summary>
        public IReadOnlyList<string>? LanguageCodes => Languages?.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        public bool? IsRural => Locality switch { "rural" => true, "urban" => false, _ => null };

        public OrganizationContactsChange Contacts => new(AddressKk, AddressRu, Phone, Email, Website, HeadName);
    }

    public sealed record FormCall(HttpContext Http, ActorResolver Actors, NodeDirectory Directory, IGrainFactory Grains);

    private static async Task<Results<SeeOther, ProblemHttpResult>> Save(string organizationId, [AsParameters] ProfileForm form, [AsParameters] FormCall call)
    {
        var admission = await FormAdmission.CheckAsync(call.Http, call.Actors, call.Directory, organizationId,
            AccessPolicy.CanEditOrganizationProfile, "problem.notFound.organization");
        if (!admission.Admitted)
        {
            return admission.Refusal;
        }
        var (actor, node) = (admission.Actor, admission.Organization);
        var outcome = await call.Grains.GetGrain<IOrganizationProfileGrain>(organizationId).Update(actor,
            new OrganizationProfileChange(form.NameKk, form.NameRu, form.NameEn, form.LanguageCodes, form.Kind, form.IsRural, form.Contacts),
            AccessPolicy.CanChangeOrganizationKind(actor, node.Path));
        call.Directory.Forget(organizationId);
        var query = QueryString.Create([
            new("notice", outcome.Accepted ? "saved" : "refused"),
            .. outcome.Problems.Select(p => new KeyValuePair<string, string?>("error", $"{p.Field}:{p.Error}")),
        ]);
        return new SeeOther($"/organizations/{Uri.EscapeDataString(organizationId)}/profile{query}");
    }
}
