using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace EduInfo.Domain.Registry;

/// <summary>
/// The contacts an organization's public page shows (issue 21, item 4), each optional: text people read (the names'
/// rule, <see cref="OrganizationProfileValidator.IsReadable"/>), a Kazakh phone number, an e-mail address and a website
/// a browser opens safely. Everything is published, so nothing that looks like an IIN is taken in an address, an
/// e-mail or a website, and a person's name (the head's) holds letters only.
/// </summary>
public static partial class OrganizationContactsValidator
{
    public const int MaxAddressLength = 300;
    public const int MaxEmailLength = 254;
    public const int MaxWebsiteLength = 200;
    public const int MaxPhoneLength = 30;

    public static readonly IReadOnlyList<string> Fields = ["addressKk", "addressRu", "phone", "email", "website", "headName"];

    public static readonly IReadOnlyList<RegistryError> Errors =
    [
        RegistryError.AddressInvalid, RegistryError.AddressTooLong, RegistryError.PhoneInvalid, RegistryError.EmailInvalid,
        RegistryError.WebsiteInvalid, RegistryError.HeadNameInvalid, RegistryError.NameTooLong,
    ];

    /// <summary>The contacts trimmed and normalized, with a problem for each field that is given but unacceptable.</summary>
    public static OrganizationContacts Validate(OrganizationContactsDraft? draft, List<RegistryProblem> problems)
    {
        if (draft is null)
        {
            return OrganizationContacts.None;
        }
        return new OrganizationContacts(
            Address(draft.AddressKk, "addressKk", problems),
            Address(draft.AddressRu, "addressRu", problems),
            Given(draft.Phone, "phone", RegistryError.PhoneInvalid, Phone, problems),
            Given(draft.Email, "email", RegistryError.EmailInvalid, Email, problems),
            Given(draft.Website, "website", RegistryError.WebsiteInvalid, Website, problems),
            HeadName(draft.HeadName, problems));
    }

    /// <summary>A Kazakh number in E.164 (+7, then ten digits beginning with 7), from "+7 (727) 123-45-67", "8 727 1234567" or "7271234567".</summary>
    public static string? Phone(string value)
    {
        if (value.Length > MaxPhoneLength || !value.All(c => c is (>= '0' and <= '9') or ' ' or '-' or '(' or ')' or '+') || value.LastIndexOf('+') > 0)
        {
            return null;
        }
        var digits = new string([.. value.Where(char.IsAsciiDigit)]);
        var national = value.StartsWith('+') ? digits.Length == 11 && digits[0] == '7' ? digits[1..] : null
            : digits.Length == 11 && digits[0] == '8' ? digits[1..]
            : digits.Length == 10 ? digits
            : null;
        return national is ['7', ..] ? "+7" + national : null;
    }

    /// <summary>"+7 727 123 45 67": the stored E.164 number grouped for reading.</summary>
    public static string FormatPhone(string e164) =>
        e164 is { Length: 12 } && e164.StartsWith("+7", StringComparison.Ordinal)
            ? $"+7 {e164[2..5]} {e164[5..8]} {e164[8..10]} {e164[10..12]}"
            : e164;

    /// <summary>An ASCII address (a homoglyph cannot pose as another domain), its domain in lower case.</summary>
    public static string? Email(string value)
    {
        if (value.Length > MaxEmailLength || !EmailPattern().IsMatch(value) || LooksLikeIin().IsMatch(value))
        {
            return null;
        }
        var at = value.IndexOf('@');
        var local = value[..at];
        return local.Length > 64 || local.StartsWith('.') || local.EndsWith('.') || local.Contains("..", StringComparison.Ordinal)
            ? null
            : local + "@" + value[(at + 1)..].ToLowerInvariant();
    }

    /// <summary>An absolute http or https address of a named host, without credentials; ASCII (an IDN host in its xn-- form).</summary>
    public static string? Website(string value)
    {
        if (value.Length > MaxWebsiteLength || !value.All(c => c is > ' ' and < '\u007F') || LooksLikeIin().IsMatch(value)
            || !Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("https" or "http") || uri.UserInfo.Length > 0 || uri.HostNameType != UriHostNameType.Dns
            || !HostPattern().IsMatch(uri.Host))
        {
            return null;
        }
        return uri.AbsoluteUri;
    }

    private static string Given(string? value, string field, RegistryError error, Func<string, string?> parse, List<RegistryProblem> problems)
    {
        var trimmed = value?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return "";
        }
        if (parse(trimmed) is { } parsed)
        {
            return parsed;
        }
        problems.Add(new(field, error));
        return "";
    }

    private static string Address(string? value, string field, List<RegistryProblem> problems)
    {
        var address = value?.Trim().Normalize(NormalizationForm.FormC) ?? "";
        RegistryError? error = address.Length == 0 ? null
            : address.Length > MaxAddressLength ? RegistryError.AddressTooLong
            : !OrganizationProfileValidator.IsReadable(address) || LooksLikeIin().IsMatch(address) ? RegistryError.AddressInvalid
            : null;
        if (error is { } e)
        {
            problems.Add(new(field, e));
            return "";
        }
        return address;
    }

    /// <summary>A person's name: letters (with their marks), spaces, hyphens, apostrophes and the dots of initials.</summary>
    private static string HeadName(string? value, List<RegistryProblem> problems)
    {
        var name = value?.Trim().Normalize(NormalizationForm.FormC) ?? "";
        RegistryError? error = name.Length == 0 ? null
            : name.Length > OrganizationProfileValidator.MaxNameLength ? RegistryError.NameTooLong
            : !OrganizationProfileValidator.IsReadable(name) || !name.All(IsNameCharacter) ? RegistryError.HeadNameInvalid
            : null;
        if (error is { } e)
        {
            problems.Add(new("headName", e));
            return "";
        }
        return name;
    }

    private static bool IsNameCharacter(char c) =>
        char.IsLetter(c) || c is ' ' or '-' or '.' or '\'' or '\u2019' or '\u02BC'
        || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    [GeneratedRegex(@"^[A-Za-z0-9._%+\-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9\-]{1,59})$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^(?:[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9\-]{1,59})$", RegexOptions.CultureInvariant)]
    private static partial Regex HostPattern();

    /// <summary>Twelve digits in a row: an IIN (or BIN), which free text published to everyone never carries.</summary>
    [GeneratedRegex(@"\d{12}", RegexOptions.CultureInvariant)]
    private static partial Regex LooksLikeIin();
}
