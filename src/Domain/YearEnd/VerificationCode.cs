namespace EduInfo.Domain.YearEnd;

/// <summary>
/// The code printed on an education document to check it online (issue 20): 160 random bits in Crockford's base32
/// (no I, L, O, U: nothing to misread), 32 characters shown in groups of four. Typed back, case, spaces and hyphens do
/// not matter, and the letters people confuse with digits read as those digits. Pure: the random bytes come from the caller.
/// </summary>
public static class VerificationCode
{
    public const int RandomBytes = 20;
    public const int Length = RandomBytes * 8 / 5;

    /// <summary>Longer input is refused before it is read: a code with every separator doubled is still far shorter.</summary>
    public const int MaxInputLength = 80;

    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>The canonical code (32 characters, no separators) of 20 random bytes.</summary>
    public static string Of(ReadOnlySpan<byte> random)
    {
        if (random.Length != RandomBytes)
        {
            throw new ArgumentException($"A verification code takes {RandomBytes} random bytes.", nameof(random));
        }
        var chars = new char[Length];
        int buffer = 0, bits = 0, at = 0;
        foreach (var b in random)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                chars[at++] = Alphabet[(buffer >> bits) & 31];
            }
        }
        return new string(chars);
    }

    /// <summary>The code as printed: groups of four joined by hyphens.</summary>
    public static string Display(string canonical) =>
        string.Join('-', Enumerable.Range(0, (canonical.Length + 3) / 4).Select(i => canonical.Substring(i * 4, Math.Min(4, canonical.Length - i * 4))));

    /// <summary>The canonical code a person typed, or false when it cannot be one (wrong length or a character outside the alphabet).</summary>
    public static bool TryParse(string? input, out string canonical)
    {
        canonical = "";
        if (string.IsNullOrEmpty(input) || input.Length > MaxInputLength)
        {
            return false;
        }
        var chars = new List<char>(Length);
        foreach (var c in input)
        {
            if (c is '-' or ' ')
            {
                continue;
            }
            // ASCII only: no other script's letter upper-cases into the alphabet.
            if (!char.IsAscii(c))
            {
                return false;
            }
            var upper = char.ToUpperInvariant(c) switch
            {
                'O' => '0',
                'I' or 'L' => '1',
                var u => u,
            };
            if (!Alphabet.Contains(upper) || chars.Count == Length)
            {
                return false;
            }
            chars.Add(upper);
        }
        if (chars.Count != Length)
        {
            return false;
        }
        canonical = new string([.. chars]);
        return true;
    }
}
