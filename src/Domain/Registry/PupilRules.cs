using System.Globalization;

namespace EduInfo.Domain.Registry;

/// <summary>The sex the IIN's seventh digit encodes (odd: male, even: female).</summary>
public enum PupilSex
{
    Male,
    Female,
}

/// <summary>How a parent is related to the child (the registry's <c>student_parents.relation</c>).</summary>
public enum ParentRelation
{
    Mother,
    Father,
    Guardian,
}

/// <summary>The document a staff member checked a parent link against.</summary>
public enum ParentDocumentKind
{
    BirthCertificate,
    GuardianshipDecision,
    AdoptionDecision,
}

/// <summary>
/// Personal data rules shared by pupils and parents: names as people write them, and what the IIN says of its holder
/// (DESIGN.md §2: YYMMDD, then a digit for the century and sex).
/// </summary>
public static class PupilRules
{
    public const int MaxNameLength = 100;
    public const int MaxDocumentNumberLength = 40;

    /// <summary>
    /// A name in any script people write it in (Kazakh and Russian Cyrillic, Latin): letters with their combining marks,
    /// and a space, hyphen or apostrophe between them. Control, format (bidirectional overrides, zero-width) and any
    /// other character are refused: a name is shown on every roster and must read the same everywhere.
    /// </summary>
    public static PupilError? NameError(string name)
    {
        if (name.Length > MaxNameLength)
        {
            return PupilError.NameTooLong;
        }
        if (name.Trim().Length == 0 || name != name.Trim() || name.Contains("  ", StringComparison.Ordinal))
        {
            return PupilError.NameInvalid;
        }
        var previousSeparator = true;
        foreach (var c in name)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (char.IsLetter(c) && !char.IsSurrogate(c))
            {
                previousSeparator = false;
            }
            else if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark && !previousSeparator)
            {
            }
            else if (c is ' ' or '-' or '\'' or '\u2019' && !previousSeparator)
            {
                previousSeparator = true;
            }
            else
            {
                return PupilError.NameInvalid;
            }
        }
        return previousSeparator ? PupilError.NameInvalid : null;
    }

    /// <summary>The birth date the IIN encodes, or null when its century digit or date is impossible.</summary>
    public static DateOnly? BirthDateOf(string iin)
    {
        var century = iin[6] switch
        {
            '1' or '2' => 1800,
            '3' or '4' => 1900,
            '5' or '6' => 2000,
            _ => 0,
        };
        var year = century + ((iin[0] - '0') * 10) + (iin[1] - '0');
        var month = ((iin[2] - '0') * 10) + (iin[3] - '0');
        var day = ((iin[4] - '0') * 10) + (iin[5] - '0');
        return century > 0 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;
    }

    /// <summary>The sex the IIN encodes (its seventh digit, odd for men).</summary>
    public static PupilSex SexOf(string iin) => (iin[6] - '0') % 2 == 1 ? PupilSex.Male : PupilSex.Female;

    /// <summary>An enum value by its name (any case), never by a number: "1" is not "Female".</summary>
    public static TEnum? Parse<TEnum>(string? text) where TEnum : struct, Enum =>
        text is { Length: > 0 } && char.IsAsciiLetter(text[0]) && Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) ? value : null;

    /// <summary>Whether a document number is printable: letters, digits, spaces, '-', '/', '№', '.'; 1–40 of them.</summary>
    public static bool IsValidDocumentNumber(string number) =>
        number.Trim().Length > 0 && number.Length <= MaxDocumentNumberLength
        && number.All(c => char.IsLetterOrDigit(c) && !char.IsSurrogate(c) || c is ' ' or '-' or '/' or '№' or '.');
}
