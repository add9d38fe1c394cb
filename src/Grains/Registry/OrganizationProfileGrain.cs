using System.Text.Json;
using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Registry;
using EduInfo.Storage.Audit;
using EduInfo.Storage.Registry;

namespace EduInfo.Grains.Registry;

/// <summary>An organization's profile: validated against the stored one, then replaced with its audit row in one transaction.</summary>
public sealed class OrganizationProfileGrain(OrganizationProfileStore store) : Grain, IOrganizationProfileGrain
{
    public async Task<RegistryOutcome> Update(Actor actor, OrganizationProfileChange change, bool mayChangeKind)
    {
        if (await store.FindAsync(this.GetPrimaryKeyString()) is not { } current || OrganizationKinds.Parse(current.Kind) is not { } currentKind)
        {
            return new RegistryOutcome([new("organizationId", RegistryError.NotFound)]);
        }
        var contacts = change.Contacts is { } c ? new OrganizationContactsDraft(c.AddressKk, c.AddressRu, c.Phone, c.Email, c.Website, c.HeadName) : null;
        var draft = new OrganizationProfileDraft(change.NameKk, change.NameRu, change.NameEn, change.Languages, change.Kind, change.IsRural, contacts);
        var problems = OrganizationProfileValidator.Validate(draft, currentKind, mayChangeKind, current.HasClasses, out var profile);
        if (profile is null)
        {
            return new RegistryOutcome(problems);
        }
        var next = current with
        {
            Kind = OrganizationKinds.NameOf(profile.Kind), NameKk = profile.NameKk, NameRu = profile.NameRu, NameEn = profile.NameEn,
            Languages = profile.Languages, IsRural = profile.IsRural, Contacts = profile.Contacts ?? OrganizationContacts.None,
        };
        // Names and contacts of an organization are public facts its page shows, not personal data: the record keeps
        // before and after (the head's name is published by the head, as order point 6 asks).
        var detail = JsonSerializer.Serialize(new { before = Fields(current), after = Fields(next) });
        await store.UpdateAsync(next, new AuditEntry(actor.UserId, actor.Roles, actor.ClientAddress, "organization.profile", "organization",
            current.Id, current.Id, "committed", detail));
        return RegistryOutcome.Done;
    }

    private static object Fields(OrganizationProfileRow row) => new { row.NameKk, row.NameRu, row.NameEn, row.Languages, row.Kind, row.IsRural, row.Contacts };
}
