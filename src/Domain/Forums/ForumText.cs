using System.Globalization;
using System.Text;

namespace EduInfo.Domain.Forums;

/// <summary>Why a forum text is refused (a localized 400 names the field and the kind).</summary>
public enum ForumTextError
{
    Required = 1,
    TooLong = 2,
    /// <summary>A C0 or C1 control, DEL, a line or paragraph separator, or a newline in a single-line field.</summary>
    ControlCharacter = 3,
    /// <summary>A bidirectional embedding, override, isolate or mark: it can reorder what readers see.</summary>
    DirectionOverride = 4,
    /// <summary>A default-ignorable character that hides text (zero-width space, soft hyphen, tag characters).</summary>
    InvisibleCharacter = 5,
    /// <summary>A word mixing Latin, Cyrillic or Greek letters: homoglyph spoofing ("Ивaнов" with a Latin a).</summary>
    MixedScript = 6,
}

public sealed record ForumTextProblem(string Field, ForumTextError Error);

/// <summary>
/// The text-safety rules for forum titles and posts (issue 23): a text is normalized, then refused with every kind of
/// problem it has, each once, in the order of <see cref="ForumTextError"/>.
/// </summary>
public static class ForumText
{
    public const int MaxTitleLength = 200;
    public const int MaxBodyLength = 10_000;

    /// <summary>
    /// NFC, CRLF and CR to \n, trimmed; then checked. The length counts UTF-16 chars, not text elements: it bounds the
    /// stored and rendered size (a letter under a thousand combining marks is one text element) and does not move when a
    /// runtime update changes the grapheme rules, so a text taken once is taken again.
    /// </summary>
    public static (string? Text, IReadOnlyList<ForumTextProblem> Problems) Check(string field, string? text, int maxLength, bool multiline)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, [new ForumTextProblem(field, ForumTextError.Required)]);
        }
        var found = new SortedSet<ForumTextError>();
        // A lone surrogate is no text at all, and NFC throws on it: refused as a control, the rest checked as written.
        var normalized = HasLoneSurrogate(text) ? text : text.Normalize(NormalizationForm.FormC);
        normalized = normalized.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();
        if (normalized.Length > maxLength)
        {
            found.Add(ForumTextError.TooLong);
        }
        CheckCharacters(normalized, multiline, found);
        CheckWords(normalized, found);
        return found.Count == 0
            ? (normalized, [])
            : (null, found.Select(e => new ForumTextProblem(field, e)).ToList());
    }

    /// <summary>A problem's code as the API names it (camelCase: <c>required</c>, <c>tooLong</c>, …).</summary>
    public static string Code(ForumTextError error) =>
        error.ToString() is var name ? char.ToLowerInvariant(name[0]) + name[1..] : "";

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }
        return false;
    }

    private static void CheckCharacters(string text, bool multiline, SortedSet<ForumTextError> found)
    {
        for (var i = 0; i < text.Length;)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var used) != System.Buffers.OperationStatus.Done)
            {
                found.Add(ForumTextError.ControlCharacter);
                i += Math.Max(used, 1);
                continue;
            }
            if (Classify(rune.Value, multiline) is { } error)
            {
                found.Add(error);
            }
            i += used;
        }
    }

    private static ForumTextError? Classify(int c, bool multiline) => c switch
    {
        '\n' => multiline ? null : ForumTextError.ControlCharacter,
        '\t' => null,
        < 0x20 or 0x7F or (>= 0x80 and <= 0x9F) => ForumTextError.ControlCharacter,
        // Line and paragraph separators break lines no reader typed and no \n-based rule sees.
        0x2028 or 0x2029 => ForumTextError.ControlCharacter,
        0x061C or 0x200E or 0x200F or (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069) => ForumTextError.DirectionOverride,
        _ when IsHiding(c) => ForumTextError.InvisibleCharacter,
        _ => null,
    };

    /// <summary>
    /// Unicode's Default_Ignorable_Code_Point (less the direction marks, told apart above) and the interlinear annotation
    /// controls: characters a reader does not see, which hide words from moderators and split names for spoofing. ZWNJ
    /// and ZWJ stay (emoji sequences, Persian and Indic spelling), as do variation selectors (emoji and CJK forms).
    /// </summary>
    private static bool IsHiding(int c) => c switch
    {
        0x00AD or 0x034F or 0x115F or 0x1160 or 0x17B4 or 0x17B5 or 0x180E or 0x3164 or 0xFEFF or 0xFFA0 => true,
        0x200B or (>= 0x2060 and <= 0x2065) or (>= 0x206A and <= 0x206F) => true,
        (>= 0xFFF0 and <= 0xFFF8) or (>= 0xFFF9 and <= 0xFFFB) => true,
        (>= 0x1BCA0 and <= 0x1BCA3) or (>= 0x1D173 and <= 0x1D17A) => true,
        // Tag characters and the unassigned rest of plane 14; its variation selectors supplement stays.
        >= 0xE0000 and <= 0xE0FFF => c is < 0xE0100 or > 0xE01EF,
        _ => false,
    };

    private enum Script { Other, Latin, LatinI, Cyrillic, Greek }

    /// <summary>
    /// A word is a run of letters (with the marks and joiners inside it). One mixing Latin and Cyrillic letters is
    /// spoofing ("Дирeктор", "Ивaнов"), except a Cyrillic word whose only Latin letters are i or I: on a keyboard without
    /// a Kazakh layout people type Latin i for Kazakh і (U+0456), and refusing "бiлiм" would refuse real parents. Greek
    /// among Latin or Cyrillic letters is refused the same way.
    /// </summary>
    private static void CheckWords(string text, SortedSet<ForumTextError> found)
    {
        bool latin = false, latinOtherThanI = false, cyrillic = false, greek = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLetter(rune))
            {
                switch (ScriptOf(rune.Value))
                {
                    case Script.LatinI: latin = true; break;
                    case Script.Latin: latin = latinOtherThanI = true; break;
                    case Script.Cyrillic: cyrillic = true; break;
                    case Script.Greek: greek = true; break;
                }
                continue;
            }
            if (InsideWord(rune))
            {
                continue;
            }
            if (Mixed(latin, latinOtherThanI, cyrillic, greek))
            {
                found.Add(ForumTextError.MixedScript);
                return;
            }
            latin = latinOtherThanI = cyrillic = greek = false;
        }
        if (Mixed(latin, latinOtherThanI, cyrillic, greek))
        {
            found.Add(ForumTextError.MixedScript);
        }
    }

    private static bool Mixed(bool latin, bool latinOtherThanI, bool cyrillic, bool greek) =>
        (greek && (latin || cyrillic)) || (cyrillic && latinOtherThanI);

    private static bool InsideWord(Rune rune) =>
        rune.Value is 0x200C or 0x200D
        || Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    // .NET has no Unicode Script property: the blocks of the three scripts (letters only reach here).
    private static Script ScriptOf(int c) => c switch
    {
        'i' or 'I' => Script.LatinI,
        0x00B5 => Script.Other,                              // the micro sign is common to all scripts
        <= 0x024F => Script.Latin,                           // Basic Latin to Latin Extended-B (ª º À–ɏ)
        <= 0x02AF => Script.Latin,                           // IPA extensions
        >= 0x0370 and <= 0x03FF => c is >= 0x03E2 and <= 0x03EF ? Script.Other : Script.Greek, // less the Coptic letters
        >= 0x0400 and <= 0x052F => Script.Cyrillic,          // Cyrillic and its supplement (ә ғ қ ң ө ұ ү һ і)
        >= 0x1C80 and <= 0x1C8F => Script.Cyrillic,
        >= 0x1E00 and <= 0x1EFF => Script.Latin,
        >= 0x1F00 and <= 0x1FFF => Script.Greek,
        >= 0x2C60 and <= 0x2C7F => Script.Latin,
        >= 0xA640 and <= 0xA69F => Script.Cyrillic,
        >= 0xA720 and <= 0xA7FF => Script.Latin,
        >= 0xAB30 and <= 0xAB64 => Script.Latin,
        0xAB65 => Script.Greek,
        >= 0xFF21 and <= 0xFF3A or >= 0xFF41 and <= 0xFF5A => Script.Latin, // full-width Latin
        >= 0x1E030 and <= 0x1E08F => Script.Cyrillic,
        _ => Script.Other,
    };
}
