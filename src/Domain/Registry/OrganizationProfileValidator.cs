using System.Globalization;
using System.Text;

namespace EduInfo.Domain.Registry;

/// <summary>
/// Whether a profile may replace an organization's current one (issue 18, item 1): names that are text people read
/// (no control or bidirectional-override characters, which would make a name display as something else), languages of
/// instruction from a known list, a known kind, and the public contacts (<see cref="OrganizationContactsValidator"/>).
/// The kind decides calendars and assessment rules, so only those above
/// the head change it, and never under classes that already follow the old one.
/// </summary>
public static class OrganizationProfileValidator
{
    public const int MaxNameLength = 200;
    public const int MaxLanguages = 6;

    /// <summary>The state and official languages, English, and the other ISO 639-1 languages Kazakhstan's schools teach in.</summary>
    public static readonly IReadOnlyList<string> LanguageCodes = ["kk", "ru", "en", "uz", "ug", "tg", "tr", "de", "ky", "az", "tt", "uk", "ko", "zh", "ar", "fr"];

    /// <summary>Every code <see cref="Validate"/> answers with.</summary>
    public static readonly IReadOnlyList<RegistryError> Errors =
    [
        RegistryError.Required, RegistryError.NameInvalid, RegistryError.NameTooLong, RegistryError.LanguageUnknown, RegistryError.LanguageDuplicate,
        RegistryError.LanguagesTooMany, RegistryError.KindUnknown, RegistryError.KindChangeForbidden, RegistryError.KindInUse,
        .. OrganizationContactsValidator.Errors.Except([RegistryError.NameTooLong]),
    ];

    /// <summary>The profile's fields, as problems name them (a language by its index: <c>languages[1]</c>).</summary>
    public static readonly IReadOnlyList<string> Fields = ["nameKk", "nameRu", "nameEn", "languages", "kind", "isRural", .. OrganizationContactsValidator.Fields];

    public static IReadOnlyList<RegistryProblem> Validate(OrganizationProfileDraft draft, OrganizationKind current, bool mayChangeKind, bool hasClasses,
        out OrganizationProfile? profile)
    {
        var problems = new List<RegistryProblem>();
        var names = new[] { ("nameKk", draft.NameKk), ("nameRu", draft.NameRu), ("nameEn", draft.NameEn) }
            .Select(n => (n.Item1, Value: Name(n.Item2, n.Item1, problems))).ToList();
        var languages = Languages(draft.Languages, problems);
        var kind = OrganizationKinds.Parse(draft.Kind);
        if (kind is null)
        {
            problems.Add(new("kind", draft.Kind is null ? RegistryError.Required : RegistryError.KindUnknown));
        }
        else if (kind != current && !mayChangeKind)
        {
            problems.Add(new("kind", RegistryError.KindChangeForbidden));
        }
        else if (kind != current && hasClasses)
        {
            problems.Add(new("kind", RegistryError.KindInUse));
        }
        if (draft.IsRural is null)
        {
            problems.Add(new("isRural", RegistryError.Required));
        }
        var contacts = OrganizationContactsValidator.Validate(draft.Contacts, problems);
        profile = problems.Count == 0 ? new(names[0].Value!, names[1].Value!, names[2].Value!, languages, kind!.Value, draft.IsRural!.Value, contacts) : null;
        return problems;
    }

    /// <summary>The name trimmed and in NFC, or null with its problem.</summary>
    private static string? Name(string? value, string field, List<RegistryProblem> problems)
    {
        var name = value?.Trim().Normalize(NormalizationForm.FormC);
        RegistryError? error = string.IsNullOrEmpty(name) ? RegistryError.Required
            : name.Length > MaxNameLength ? RegistryError.NameTooLong
            : !IsReadable(name) ? RegistryError.NameInvalid
            : null;
        if (error is { } e)
        {
            problems.Add(new(field, e));
            return null;
        }
        return name;
    }

    /// <summary>Letters, digits, marks, punctuation, symbols and plain spaces, with at least one letter; nothing invisible that reorders or hides text.</summary>
    public static bool IsReadable(string name) =>
        !string.IsNullOrWhiteSpace(name) && name.Any(char.IsLetter)
        && name.EnumerateRunes().All(r => !IsBidiControl(r.Value) && Rune.GetUnicodeCategory(r) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => false,
            UnicodeCategory.SpaceSeparator => r.Value == ' ',
            _ => true,
        });

    private static bool IsBidiControl(int c) => c is 0x061C or 0x200E or 0x200F or >= 0x202A and <= 0x202E or >= 0x2066 and <= 0x2069;

    private static IReadOnlyList<string> Languages(IReadOnlyList<string>? codes, List<RegistryProblem> problems)
    {
        if (codes is null || codes.Count == 0)
        {
            problems.Add(new("languages", RegistryError.Required));
            return [];
        }
        if (codes.Count > MaxLanguages)
        {
            problems.Add(new("languages", RegistryError.LanguagesTooMany));
            return [];
        }
        for (var i = 0; i < codes.Count; i++)
        {
            if (!LanguageCodes.Contains(codes[i], StringComparer.Ordinal))
            {
                problems.Add(new($"languages[{i}]", RegistryError.LanguageUnknown));
            }
            else if (codes.Take(i).Contains(codes[i], StringComparer.Ordinal))
            {
                problems.Add(new($"languages[{i}]", RegistryError.LanguageDuplicate));
            }
        }
        return codes;
    }
}
