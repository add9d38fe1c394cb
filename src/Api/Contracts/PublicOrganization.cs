using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Localization;
using EduInfo.Storage.Registry;

namespace EduInfo.Api.Contracts;

/// <summary>
/// An organization's public card (order point 6; issue 21, item 4): its names in the three languages, kind, locality,
/// languages of instruction and the contacts its head publishes. <c>Address</c> is the reader's language's (the other
/// one when only that is given); a contact not given is null. Nothing here is a pupil's.
/// </summary>
public sealed record PublicOrganization(string Id, string NodeId, string Name, string NameKk, string NameRu, string NameEn, string Kind, string KindName,
    bool IsRural, string LocalityName, IReadOnlyList<PublicLanguage> Languages, string? Address, string? AddressKk, string? AddressRu, string? Phone,
    string? PhoneDisplay, string? Email, string? Website, string? HeadName, DateOnly? ClosedOn)
{
    public static PublicOrganization Of(OrganizationProfileRow row, string language)
    {
        var contacts = row.Contacts;
        var kind = OrganizationKinds.Parse(row.Kind);
        return new(row.Id, row.NodeId, Messages.Pick(language, row.NameKk, row.NameRu, row.NameEn), row.NameKk, row.NameRu, row.NameEn, row.Kind,
            kind is { } k ? Messages.Get($"web.org.kind.{k}", language) : row.Kind,
            row.IsRural, Messages.Get(row.IsRural ? "web.org.rural" : "web.org.urban", language),
            [.. row.Languages.Select(code => new PublicLanguage(code, Messages.Get($"breakdown.value.language.{code}", language)))],
            Given(language == Messages.Kazakh ? contacts.AddressKk : contacts.AddressRu) ?? Given(contacts.AddressKk) ?? Given(contacts.AddressRu),
            Given(contacts.AddressKk), Given(contacts.AddressRu), Given(contacts.Phone),
            Given(contacts.Phone) is { } phone ? OrganizationContactsValidator.FormatPhone(phone) : null,
            Given(contacts.Email), Given(contacts.Website), Given(contacts.HeadName), row.ClosedOn);
    }

    private static string? Given(string value) => value.Length == 0 ? null : value;
}

/// <summary>A language of instruction: its ISO 639-1 code and its name in the reader's language.</summary>
public sealed record PublicLanguage(string Code, string Name);
