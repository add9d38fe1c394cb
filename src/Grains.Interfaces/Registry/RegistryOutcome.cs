using EduInfo.Domain.Registry;

namespace EduInfo.Grains.Interfaces.Registry;

/// <summary>The answer to a registry write: done, or refused with every problem found and nothing written.</summary>
[GenerateSerializer, Immutable]
public sealed record RegistryOutcome([property: Id(0)] IReadOnlyList<RegistryProblem> Problems)
{
    public static readonly RegistryOutcome Done = new([]);

    public bool Accepted => Problems.Count == 0;

    /// <summary>True when the class or node itself does not exist (HTTP 404).</summary>
    public bool IsNotFound => Problems.Any(p => p.Error == RegistryError.NotFound);
}
