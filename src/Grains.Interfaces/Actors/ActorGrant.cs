namespace EduInfo.Grains.Interfaces.Actors;

/// <summary>A role held over a scope: a node (district, region, <c>KZ</c>), an organization, a class, or a person.</summary>
[GenerateSerializer, Immutable]
public sealed record ActorGrant([property: Id(0)] string Role, [property: Id(1)] string ScopeId);
