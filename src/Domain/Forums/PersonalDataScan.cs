using EduInfo.Domain.Registry;

namespace EduInfo.Domain.Forums;

/// <summary>What a post seems to disclose; such a post is held for moderation with the kind shown to its author.</summary>
public enum PersonalDataKind
{
    Iin = 1,
    Phone = 2,
}

/// <summary>
/// Looks for an IIN (12 digits passing its check digit) and a phone number in a post. It works on groups, the maximal
/// runs of ASCII digits, joined by the separators people write between them; a group is never split, so a 13-digit
/// number holds no IIN and a date ("12.11.2026"), a score ("9/10"), a time or "№ 45" makes neither kind.
/// </summary>
public static class PersonalDataScan
{
    private readonly record struct Group(int Start, int Length);

    // "900101 300123", "900101-300-123", "9001 0130 0123": at most four groups, so a list of marks ("5 4 5 …") or
    // of years never reaches 12 digits and a one-in-eleven checksum match.
    private const int MaxIinGroups = 4;

    public static IReadOnlyList<PersonalDataKind> Find(string text)
    {
        var groups = Groups(text);
        var found = new List<PersonalDataKind>(2);
        if (Enumerable.Range(0, groups.Count).Any(i => IinAt(text, groups, i)))
        {
            found.Add(PersonalDataKind.Iin);
        }
        if (Enumerable.Range(0, groups.Count).Any(i => PhoneAt(text, groups, i)))
        {
            found.Add(PersonalDataKind.Phone);
        }
        return found;
    }

    private static List<Group> Groups(string text)
    {
        var groups = new List<Group>();
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsAsciiDigit(text[i]))
            {
                var start = i;
                while (i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]))
                {
                    i++;
                }
                groups.Add(new Group(start, i - start + 1));
            }
        }
        return groups;
    }

    private static bool PlusBefore(string text, Group group) => group.Start > 0 && text[group.Start - 1] == '+';

    private static ReadOnlySpan<char> Gap(string text, Group before, Group after) =>
        text.AsSpan(before.Start + before.Length, after.Start - before.Start - before.Length);

    /// <summary>12 digits from group <paramref name="first"/> on, joined by single spaces or hyphens, with a valid check digit.</summary>
    private static bool IinAt(string text, List<Group> groups, int first)
    {
        // After a plus the digits are a phone's.
        if (PlusBefore(text, groups[first]))
        {
            return false;
        }
        var digits = "";
        for (var i = first; i < groups.Count && i < first + MaxIinGroups; i++)
        {
            if (i > first && Gap(text, groups[i - 1], groups[i]) is not (" " or "\u00A0" or "-"))
            {
                return false;
            }
            digits += text.Substring(groups[i].Start, groups[i].Length);
            if (digits.Length >= 12)
            {
                return digits.Length == 12 && Iin.IsValid(digits);
            }
        }
        return false;
    }

    /// <summary>
    /// "+" and 10 to 14 digits (any country; "+7 701 123 45 67" among them), or Kazakhstan's trunk form: 11 digits
    /// starting 8 7 ("8 (701) 123-45-67", "87011234567"). Groups are joined by up to three of space, hyphen, dot and
    /// brackets.
    /// </summary>
    private static bool PhoneAt(string text, List<Group> groups, int first)
    {
        var plus = PlusBefore(text, groups[first]);
        if (!plus && text[groups[first].Start] != '8')
        {
            return false;
        }
        var digits = "";
        for (var i = first; i < groups.Count; i++)
        {
            if (i > first && !IsPhoneGap(Gap(text, groups[i - 1], groups[i])))
            {
                return false;
            }
            digits += text.Substring(groups[i].Start, groups[i].Length);
            if (plus ? digits.Length is >= 10 and <= 14 : digits.Length == 11 && digits.StartsWith("87", StringComparison.Ordinal))
            {
                return true;
            }
            if (digits.Length >= (plus ? 14 : 11))
            {
                return false;
            }
        }
        return false;
    }

    private static bool IsPhoneGap(ReadOnlySpan<char> gap)
    {
        if (gap.Length is 0 or > 3)
        {
            return false;
        }
        foreach (var c in gap)
        {
            if (c is not (' ' or '\u00A0' or '-' or '.' or '(' or ')'))
            {
                return false;
            }
        }
        return true;
    }
}
