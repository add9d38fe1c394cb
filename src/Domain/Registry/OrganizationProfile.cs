namespace EduInfo.Domain.Registry;

/// <summary>What an organization is (the registry's <c>organizations.kind</c>): its calendar and assessment rules follow it.</summary>
public enum OrganizationKind
{
    Preschool,
    School,
    College,
    Additional,
}

/// <summary>
/// An organization's profile as the registry keeps it: names in the three languages, languages of instruction, kind,
/// locality, and what its public page says of how to reach it (order point 6).
/// </summary>
public sealed record OrganizationProfile(string NameKk, string NameRu, string NameEn, IReadOnlyList<string> Languages, OrganizationKind Kind, bool IsRural,
    OrganizationContacts? Contacts = null);

/// <summary>A profile as a client sent it: every field may be missing or malformed until <see cref="OrganizationProfileValidator"/> says otherwise.</summary>
public sealed record OrganizationProfileDraft(string? NameKk, string? NameRu, string? NameEn, IReadOnlyList<string>? Languages, string? Kind, bool? IsRural,
    OrganizationContactsDraft? Contacts = null);

/// <summary>
/// How the public reaches an organization, as its head publishes it; an empty string is "not given". The phone is
/// E.164 (+7 and ten digits), the e-mail's domain in lower case, the website an absolute http(s) address.
/// </summary>
public sealed record OrganizationContacts(string AddressKk, string AddressRu, string Phone, string Email, string Website, string HeadName)
{
    public static readonly OrganizationContacts None = new("", "", "", "", "", "");
}

/// <summary>Contacts as a client sent them: a missing field is "not given".</summary>
public sealed record OrganizationContactsDraft(string? AddressKk, string? AddressRu, string? Phone, string? Email, string? Website, string? HeadName);

/// <summary>The registry's wire and column names of <see cref="OrganizationKind"/> ("preschool", "school", …).</summary>
public static class OrganizationKinds
{
    public static string NameOf(OrganizationKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>Exactly one of the lowercase names: "School", "1" or " school" name nothing.</summary>
    public static OrganizationKind? Parse(string? name) =>
        Enum.GetValues<OrganizationKind>().Select(k => (OrganizationKind?)k).FirstOrDefault(k => NameOf(k!.Value) == name);
}
