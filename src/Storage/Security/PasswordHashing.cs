using System.Globalization;
using System.Security.Cryptography;

namespace EduInfo.Storage.Security;

/// <summary>
/// Passwords stored with PBKDF2-HMAC-SHA512 (a standard slow hash; 210,000 iterations as OWASP advises for
/// SHA-512), a random 16-byte salt per password, in the self-describing form <c>pbkdf2-sha512$iterations$salt$hash</c>,
/// so the cost can rise later without invalidating stored hashes.
/// </summary>
public static class PasswordHashing
{
    public const int DefaultIterations = 210_000;
    private const string Scheme = "pbkdf2-sha512";
    private const int HashBytes = 32;
    private const int MinHashBytes = 16;
    private const int MaxIterations = 10_000_000;

    public static string Hash(string password, int iterations = DefaultIterations)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA512, HashBytes);
        return $"{Scheme}${iterations.ToString(CultureInfo.InvariantCulture)}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    /// <summary>True when <paramref name="password"/> matches; compares in constant time.</summary>
    public static bool Verify(string password, string stored)
    {
        var parts = stored.Split('$');
        // A garbled count must not make a login hang, nor a short or empty hash match (empty spans compare equal).
        if (parts.Length != 4 || parts[0] != Scheme || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations)
            || iterations is < 1 or > MaxIterations)
        {
            return false;
        }
        try
        {
            var salt = Convert.FromBase64String(parts[2]);
            var expected = Convert.FromBase64String(parts[3]);
            if (expected.Length < MinHashBytes)
            {
                return false;
            }
            var actual = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA512, expected.Length);
            return CryptographicOperations.FixedTimeEquals(actual, expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
