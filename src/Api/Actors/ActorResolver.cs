using EduInfo.Api.Security;
using EduInfo.Grains.Interfaces.Actors;

namespace EduInfo.Api.Actors;

/// <summary>
/// Who is calling, from the authenticated principal: the token's subject, its grants ("role@scope") and person
/// (or, in Development and tests, the same claims from the X-Dev-Actor header). Never from a request body.
/// </summary>
public sealed class ActorResolver
{
    public const string HeaderName = "X-Dev-Actor";

    public Actor? Resolve(HttpContext context)
    {
        var principal = context.User;
        if (principal.Identity?.IsAuthenticated != true || principal.FindFirst(EduInfoClaims.Subject)?.Value is not { Length: > 0 } subject)
        {
            return null;
        }
        var grants = principal.FindAll(EduInfoClaims.Grant)
            .Where(c => DevelopmentActorAuthentication.IsGrant(c.Value))
            .Select(c => new ActorGrant(c.Value[..c.Value.IndexOf('@')], c.Value[(c.Value.IndexOf('@') + 1)..]))
            .ToList();
        return new Actor(subject, grants, principal.FindFirst(EduInfoClaims.Person)?.Value, context.Connection.RemoteIpAddress?.ToString());
    }
}
