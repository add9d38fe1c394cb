using EduInfo.Domain.YearEnd;

namespace EduInfo.UnitTests.Domain;

/// <summary>The verification code printed on an education document: 160 bits in Crockford's base32, read back forgivingly but never loosely.</summary>
public sealed class VerificationCodeTests
{
    private static readonly byte[] Known = [.. Enumerable.Range(0, 20).Select(i => (byte)(i * 13 + 7))];

    [Fact]
    public void Twenty_bytes_make_thirty_two_characters_of_the_alphabet_and_every_bit_counts()
    {
        var code = VerificationCode.Of(Known);
        Assert.Equal(32, code.Length);
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{32}$", code);
        for (var bit = 0; bit < 160; bit++)
        {
            var flipped = Known.ToArray();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.NotEqual(code, VerificationCode.Of(flipped));
        }
        Assert.Equal(new string('0', 32), VerificationCode.Of(new byte[20]));
        Assert.Equal(new string('Z', 32), VerificationCode.Of([.. Enumerable.Repeat((byte)0xFF, 20)]));
        Assert.Throws<ArgumentException>(() => VerificationCode.Of(new byte[16]));
    }

    [Fact]
    public void Printed_in_groups_of_four_and_read_back_as_typed()
    {
        var code = VerificationCode.Of(Known);
        var printed = VerificationCode.Display(code);
        Assert.Equal(39, printed.Length);
        Assert.Equal(8, printed.Split('-').Length);
        Assert.True(VerificationCode.TryParse(printed, out var back));
        Assert.Equal(code, back);
        Assert.True(VerificationCode.TryParse(" " + printed.ToLowerInvariant().Replace("-", " ") + " ", out back));
        Assert.Equal(code, back);
    }

    public static TheoryData<string, string?, string?> Inputs => new()
    {
        { "O and o read as zero, I i L l as one", "OoIiLl" + new string('2', 26), "001111" + new string('2', 26) },
        { "null", null, null },
        { "empty", "", null },
        { "one character short", new string('A', 31), null },
        { "one character long", new string('A', 33), null },
        { "U is not in the alphabet", "U" + new string('A', 31), null },
        { "a Cyrillic А that looks Latin", "А" + new string('A', 31), null },
        { "a dotless ı that upper-cases to I", "ı" + new string('A', 31), null },
        { "a zero-width space", "\u200B" + new string('A', 32), null },
        { "markup", "<script>" + new string('A', 24), null },
        { "SQL", "' OR 1=1 --" + new string('A', 21), null },
        { "far too long", new string('-', 81), null },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Reads_only_what_can_be_a_code(string why, string? input, string? expected)
    {
        Assert.True(VerificationCode.TryParse(input, out var code) == (expected is not null), why);
        Assert.Equal(expected ?? "", code);
    }

    [Theory]
    [InlineData("Байжанов", "Асхат", "Серикович", "Б. А. С.")]
    [InlineData("Ömirzaq", "aiym", null, "Ö. A.")]
    [InlineData("Нұрлан", "Әсел", "  ", "Н. Ә.")]
    public void The_holder_is_named_by_initials_only(string last, string first, string? middle, string expected) =>
        Assert.Equal(expected, DocumentHolder.Initials(last, first, middle));
}
