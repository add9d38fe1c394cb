using EduInfo.Storage.Registry;
using Orleans;

// Deliberate violations, never run: fed to the rules as if they were Grains.Interfaces (DeliberateViolationTests).
namespace EduInfo.UnitTests.Architecture.Violators.Interfaces;

/// <summary>A storage row served as the contract (issue 14: no Storage type is a contract).</summary>
public interface IGrainServingStorageRows : IGrainWithStringKey
{
    Task<StudentCard?> Card();
}

/// <summary>An implementation with state in the contract project.</summary>
public sealed class CachingService
{
    private readonly Dictionary<string, string> _cache = [];

    public string? Find(string key) => _cache.GetValueOrDefault(key);
}

/// <summary>What the contract holds: grain interfaces and static helpers.</summary>
public interface IGrainContract : IGrainWithStringKey
{
    Task<int> Count();
}

public static class ContractKeys
{
    public static string Of(string year, string kind) => $"{year}/{kind}";
}
