using System.Security.Cryptography;
using System.Text.Json;

namespace EduInfo.Grains.Rules;

/// <summary>
/// A digest of a rules grain's documents, by their content: equal documents give equal digests on every silo and after
/// any reactivation, so a class can tell whether the rules it was built on are still the ones in force.
/// </summary>
public static class RulesDigest
{
    public static string Of<T>(T documents) => Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(documents)));
}
