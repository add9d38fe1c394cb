using System.Globalization;
using System.Text;

namespace EduInfo.Domain.Registry;

/// <summary>
/// People's names as they write them: letters of any script (Kazakh and Russian Cyrillic, Latin, …) with their
/// combining marks, single spaces, hyphens, apostrophes and dots. Control, format (bidirectional overrides, zero-width
/// joiners), symbol and digit characters are refused: a name that displays differently from what it stores is a lie.
/// </summary>
public static class StaffNames
{
    public const int MaxLength = 100;

    /// <summary>The name as stored: trimmed and in composed form (NFC), or null for nothing.</summary>
    public static string? Normalize(string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : name.Trim().Normalize(NormalizationForm.FormC);

    /// <summary>The problem with a name (already <see cref="Normalize">normalized</see>), or null when it is a name.</summary>
    public static StaffError? Problem(string? name, bool required)
    {
        if (name is null)
        {
            return required ? StaffError.Required : null;
        }
        if (name.Length > MaxLength)
        {
            return StaffError.NameTooLong;
        }
        var previous = ' ';
        foreach (var rune in name.EnumerateRunes())
        {
            if (!IsAllowed(rune) || (rune.Value == ' ' && previous == ' '))
            {
                return StaffError.NameInvalid;
            }
            previous = rune.IsBmp ? (char)rune.Value : 'x';
        }
        return Rune.IsLetter(name.EnumerateRunes().First()) ? null : StaffError.NameInvalid;
    }

    /// <summary>The problem with a subgroup's name (letters of any script, digits, single spaces, '-', '.', '/'), or null.</summary>
    public static StaffError? GroupNameProblem(string? name, int maxLength)
    {
        if (name is null)
        {
            return StaffError.Required;
        }
        if (name.Length > maxLength)
        {
            return StaffError.NameTooLong;
        }
        return name.EnumerateRunes().All(r => IsAllowed(r) || Rune.IsDigit(r) || r.Value == '/') && !name.Contains("  ", StringComparison.Ordinal)
            ? null : StaffError.NameInvalid;
    }

    private static bool IsAllowed(Rune rune) =>
        Rune.IsLetter(rune)
        || Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
        || rune.Value is ' ' or '-' or '\'' or '.' or '\u2019' or '\u02BC';
}
