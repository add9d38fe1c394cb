namespace EduInfo.Grains.Interfaces.Actors;

/// <summary>
/// Who is acting: carried with every write and every personal-data read down to the grains.
/// Built from the authenticated principal by the Api, never from a request body.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Actor(
    [property: Id(0)] string UserId,
    [property: Id(1)] IReadOnlyList<string> Roles,
    [property: Id(2)] string ScopeNodeId,
    [property: Id(3)] string? ClientAddress)
{
    public bool HasRole(string role) => Roles.Contains(role, StringComparer.Ordinal);
}
