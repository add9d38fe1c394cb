using System.Security.Claims;
using System.Text.Encodings.Web;
using EduInfo.Api.Actors;
using EduInfo.Grains.Interfaces.Actors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace EduInfo.Api.Security;

/// <summary>
/// Development and tests only (Auth:DevelopmentActorHeader): authenticates a request from the header
/// <c>X-Dev-Actor: user=…; person=…; roles=role@scope,…</c> into the same claims a token carries.
/// Not registered at all when the setting is off.
/// </summary>
public sealed class DevelopmentActorAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "DevelopmentActor";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ActorResolver.HeaderName, out var values))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        var header = values.ToString().Trim();
        if (header.Length is 0 or > 512)
        {
            return Task.FromResult(AuthenticateResult.Fail("Malformed development actor header."));
        }
        string? user = null, person = null;
        var claims = new List<Claim>();
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
                case "person": person = value; break;
                case "roles":
                    claims.AddRange(value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                        .Select(r => new Claim(EduInfoClaims.Grant, r.Contains('@') ? r : r + "@KZ")));
                    break;
            }
        }
        if (string.IsNullOrEmpty(user))
        {
            return Task.FromResult(AuthenticateResult.Fail("The development actor header names no user."));
        }
        claims.Add(new Claim(EduInfoClaims.Subject, user));
        claims.Add(new Claim(EduInfoClaims.Person, person ?? user));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, EduInfoClaims.Subject, null));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    /// <summary>True when a grant claim names a known role and a scope.</summary>
    public static bool IsGrant(string value) => value.IndexOf('@') is > 0 and var at && at < value.Length - 1 && Role.All.Contains(value[..at]);
}
