namespace EduInfo.Grains.Interfaces.Actors;

/// <summary>
/// Who is acting: carried with every write and every personal-data read down to the grains. Built by the Api from the
/// authenticated principal (the token's subject, grants and person), never from a request body.
/// </summary>
/// <param name="UserId">The account.</param>
/// <param name="Grants">Roles held over scopes of the hierarchy.</param>
/// <param name="PersonId">The registry person this account is (a teacher's id for journal writes), if any.</param>
/// <param name="ClientAddress">Where the request came from, for the audit log.</param>
[GenerateSerializer, Immutable]
public sealed record Actor(
    [property: Id(0)] string UserId,
    [property: Id(1)] IReadOnlyList<ActorGrant> Grants,
    [property: Id(2)] string? PersonId,
    [property: Id(3)] string? ClientAddress)
{
    /// <summary>The distinct role names, for the audit log.</summary>
    public IReadOnlyList<string> Roles => Grants.Select(g => g.Role).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>A teacher acting as themselves (the person is the teacher).</summary>
    public static Actor Teacher(string teacherId, string organizationId, string? clientAddress = null) =>
        new(teacherId, [new ActorGrant(Role.Teacher, organizationId)], teacherId, clientAddress);
}
