using EduInfo.Domain.Forums;
using static EduInfo.Domain.Forums.ForumTextError;

namespace EduInfo.UnitTests.Forums;

public sealed class ForumTextTests
{
    [Theory]
    [InlineData("Сабақ кестесі қашан шығады?")]
    [InlineData("әғқңөұүһі ӘҒҚҢӨҰҮҺІ")]                       // Kazakh letters are Cyrillic
    [InlineData("Бiлiм күнi")]                                 // Latin i typed for Kazakh і
    [InlineData("ИНФОРМАТИКА пәнi, IT-мектеп, Wi-Fi")]         // scripts meet only across a hyphen or a space
    [InlineData("Директор Иванов и Ivanov")]
    [InlineData("Οδύσσεια және Ulysses")]                      // a whole Greek word
    [InlineData("Семья \U0001F468\u200D\U0001F469\u200D\U0001F467 \u2764\uFE0F")] // a ZWJ sequence, a variation selector
    [InlineData("می\u200Cخواهم")]                              // ZWNJ inside a Persian word
    [InlineData("Tab\tseparated")]
    [InlineData("Ёлка ё, 5 µм")]
    public void Ordinary_text_is_taken(string text)
    {
        var (taken, problems) = ForumText.Check("title", text, ForumText.MaxTitleLength, multiline: false);
        Assert.Empty(problems);
        Assert.Equal(text, taken);
    }

    [Theory]
    [InlineData(null, false, Required)]
    [InlineData("", false, Required)]
    [InlineData(" \n\t\r\n ", true, Required)]
    [InlineData("a\u0000b", true, ControlCharacter)]
    [InlineData("a\u0007b", true, ControlCharacter)]
    [InlineData("a\u001Bb", true, ControlCharacter)]
    [InlineData("a\u000Bb", true, ControlCharacter)]            // vertical tab
    [InlineData("a\u007Fb", true, ControlCharacter)]
    [InlineData("a\u0085b", true, ControlCharacter)]            // NEL, C1
    [InlineData("a\u009Bb", true, ControlCharacter)]            // CSI, C1
    [InlineData("a\u2028b", true, ControlCharacter)]
    [InlineData("a\nb", false, ControlCharacter)]               // a title is one line
    [InlineData("a\r\nb", false, ControlCharacter)]
    [InlineData("a\rb", false, ControlCharacter)]
    [InlineData("exe.\u202Efdp", false, DirectionOverride)]     // "exe.pdf" read backwards
    [InlineData("a\u202Ab", false, DirectionOverride)]
    [InlineData("a\u2066b\u2069", false, DirectionOverride)]
    [InlineData("a\u200Eb", false, DirectionOverride)]
    [InlineData("a\u200Fb", false, DirectionOverride)]
    [InlineData("a\u061Cb", false, DirectionOverride)]
    [InlineData("Ива\u200Bнов", false, InvisibleCharacter)]
    [InlineData("Ива\u2060нов", false, InvisibleCharacter)]
    [InlineData("Ива\uFEFFнов", false, InvisibleCharacter)]
    [InlineData("Ива\u00ADнов", false, InvisibleCharacter)]
    [InlineData("Ива\u180Eнов", false, InvisibleCharacter)]
    [InlineData("Ива\u034Fнов", false, InvisibleCharacter)]
    [InlineData("Ива\u2061нов", false, InvisibleCharacter)]
    [InlineData("Ива\u3164нов", false, InvisibleCharacter)]
    [InlineData("a\U000E0041\U000E0042", false, InvisibleCharacter)] // tag characters carry hidden ASCII
    [InlineData("a\U000E0001", false, InvisibleCharacter)]
    [InlineData("Дирeктор", false, MixedScript)]                // Latin e
    [InlineData("Ивaнов", false, MixedScript)]                  // Latin a
    [InlineData("Dirеctor", false, MixedScript)]                // Cyrillic е
    [InlineData("Бiлiмe", false, MixedScript)]                  // Latin i is forgiven, a Latin e is not
    [InlineData("Ιvanov", false, MixedScript)]                  // Greek capital iota
    [InlineData("Αлматы", false, MixedScript)]                  // Greek capital alpha
    [InlineData("αi", false, MixedScript)]                      // the i exception is for Cyrillic words only
    [InlineData("ok Ива\u0301нoв", false, MixedScript)]         // a combining mark does not end the word (Latin o)
    public void Each_kind_of_problem_is_told(string? text, bool multiline, ForumTextError error)
    {
        var (taken, problems) = ForumText.Check("body", text, ForumText.MaxBodyLength, multiline);
        Assert.Null(taken);
        Assert.Equal([new ForumTextProblem("body", error)], problems);
    }

    [Theory]
    [InlineData("\u202Eab\u200B\u200Bc\u202E", new[] { DirectionOverride, InvisibleCharacter })]
    [InlineData("Ивaнов\u0007 Дирeктор\u0007", new[] { ControlCharacter, MixedScript })]
    [InlineData("a\u200Bb\u0007\u202Eсмеx", new[] { ControlCharacter, DirectionOverride, InvisibleCharacter, MixedScript })]
    public void Each_kind_is_told_once_in_order(string text, ForumTextError[] errors)
    {
        var (_, problems) = ForumText.Check("title", text, ForumText.MaxTitleLength, multiline: false);
        Assert.Equal(errors, problems.Select(p => p.Error));
    }

    [Theory]
    [InlineData("  Тақырып \t", false, "Тақырып")]
    [InlineData("бірінші\r\nекінші\rүшінші\n", true, "бірінші\nекінші\nүшінші")]
    [InlineData("Е\u0308лка и\u0306", false, "Ёлка й")]         // composed (NFC)
    public void Text_is_normalized(string text, bool multiline, string expected) =>
        Assert.Equal(expected, ForumText.Check("title", text, ForumText.MaxTitleLength, multiline).Text);

    [Theory]
    [InlineData("a", ForumText.MaxTitleLength, false, true)]
    [InlineData("a", ForumText.MaxTitleLength + 1, false, false)]
    [InlineData("a", ForumText.MaxBodyLength, true, true)]
    [InlineData("a", ForumText.MaxBodyLength + 1, true, false)]
    [InlineData("😀", ForumText.MaxTitleLength / 2, false, true)]
    [InlineData("😀", ForumText.MaxTitleLength / 2 + 1, false, false)] // 101 text elements, 202 chars: chars count
    [InlineData("и\u0306", ForumText.MaxTitleLength, false, true)]     // 400 chars written, 200 after NFC
    public void The_length_is_counted_in_chars_after_normalization(string unit, int times, bool multiline, bool taken)
    {
        var text = string.Concat(Enumerable.Repeat(unit, times));
        var max = multiline ? ForumText.MaxBodyLength : ForumText.MaxTitleLength;
        var (result, problems) = ForumText.Check("t", text, max, multiline);
        Assert.Equal(taken, result is not null);
        Assert.Equal(taken ? [] : [new ForumTextProblem("t", TooLong)], problems);
    }

    // The code unit goes as a number: a lone surrogate in a string may not survive the test runner's serialization.
    [Theory]
    [InlineData("Ива", 0xD800, "нов")] // a high surrogate with no low one
    [InlineData("Ива", 0xDC00, "")]    // a lone low surrogate at the end
    public void A_lone_surrogate_is_refused_not_thrown(string before, int surrogate, string after) =>
        Assert.Equal([new ForumTextProblem("t", ControlCharacter)],
            ForumText.Check("t", before + (char)surrogate + after, ForumText.MaxTitleLength, multiline: false).Problems);
}
