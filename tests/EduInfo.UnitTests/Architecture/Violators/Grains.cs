using EduInfo.Api.Security;

// Deliberate violations, never run: fed to the rules as if they were the Grains (DeliberateViolationTests).
namespace EduInfo.UnitTests.Architecture.Violators.Grains;

/// <summary>A grain that reaches up into the Api's options.</summary>
public sealed class GrainThatReadsApiOptions(AuthOptions options)
{
    public object Options => options;
}

/// <summary>A grain-side helper that stays in its layer.</summary>
public static class GrainHelper
{
    public static string Key(string id) => id.Trim();
}
