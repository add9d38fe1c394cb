using EduInfo.Grains.Interfaces.Actors;

namespace EduInfo.Api.Actors;

/// <summary>
/// Who is calling. Until token authentication lands, a development-only header stands in for the principal:
/// <c>X-Dev-Actor: user=t-0001; roles=teacher; scope=KZ</c> (or just the user id). It is honoured only when
/// Auth:DevelopmentActorHeader is true (the Development profile); never read from a request body.
/// </summary>
public sealed class ActorResolver(IConfiguration configuration)
{
    public const string HeaderName = "X-Dev-Actor";

    private readonly bool _headerAllowed = configuration.GetValue("Auth:DevelopmentActorHeader", false);

    public Actor? Resolve(HttpContext context)
    {
        if (!_headerAllowed || !context.Request.Headers.TryGetValue(HeaderName, out var values))
        {
            return null;
        }
        var header = values.ToString().Trim();
        if (header.Length is 0 or > 512)
        {
            return null;
        }

        string? user = null, scope = null;
        IReadOnlyList<string> roles = [];
        foreach (var part in header.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            if (eq < 0)
            {
                user ??= part;
                continue;
            }
            var value = part[(eq + 1)..].Trim();
            switch (part[..eq].Trim())
            {
                case "user": user = value; break;
                case "roles": roles = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries); break;
                case "scope": scope = value; break;
            }
        }
        return string.IsNullOrEmpty(user)
            ? null
            : new Actor(user, roles, scope ?? "KZ", context.Connection.RemoteIpAddress?.ToString());
    }
}
