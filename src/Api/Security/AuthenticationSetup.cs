using System.Security.Cryptography;
using EduInfo.Api.Actors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Net.Http.Headers;

namespace EduInfo.Api.Security;

public static class AuthenticationSetup
{
    private const string Selector = "EduInfo";

    /// <summary>
    /// JWT bearer tokens signed by this Api (HMAC) or by a configured external identity provider (RSA keys), each
    /// issuer with its own keys; the browser session cookie; in Development and tests also the X-Dev-Actor header.
    /// </summary>
    public static WebApplicationBuilder AddEduInfoAuthentication(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Auth");
        builder.Services.Configure<AuthOptions>(section);
        var options = section.Get<AuthOptions>() ?? new AuthOptions();
        // An allow-list, not a deny-list: Kubernetes, Cluster or a misspelt environment name must not let a header name the caller.
        if (options.DevelopmentActorHeader && !builder.Environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"Auth:DevelopmentActorHeader names callers without a token: it is for tests, accepted in Development only, refused in '{builder.Environment.EnvironmentName}'.");
        }
        var ownKey = TokenIssuer.SigningKey(options);
        var external = options.External is { Issuer.Length: > 0 } e ? e : null;
        var externalKeys = external?.SigningKeysPem.Select(pem =>
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return (SecurityKey)new RsaSecurityKey(rsa);
        }).ToList() ?? [];

        var authentication = builder.Services.AddAuthentication(Selector)
            // A request with an Authorization header is a token's (never also a cookie's); the browser has only its cookie.
            .AddPolicyScheme(Selector, "Bearer token, browser session or development header", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(HeaderNames.Authorization) ? JwtBearerDefaults.AuthenticationScheme
                : options.DevelopmentActorHeader && context.Request.Headers.ContainsKey(ActorResolver.HeaderName) ? DevelopmentActorAuthentication.SchemeName
                : BrowserSession.Scheme)
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuers = external is null ? [options.Issuer] : [options.Issuer, external.Issuer],
                    ValidAudiences = external is null ? [options.Audience] : [options.Audience, external.Audience],
                    // Each issuer is trusted only with its own keys.
                    IssuerSigningKeyResolver = (_, token, _, _) => token switch
                    {
                        JsonWebToken jwt when jwt.Issuer == options.Issuer => [ownKey],
                        JsonWebToken jwt when external is not null && jwt.Issuer == external.Issuer => externalKeys,
                        _ => [],
                    },
                    NameClaimType = EduInfoClaims.Subject,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
            })
            .AddBrowserSession(options);
        if (options.DevelopmentActorHeader)
        {
            authentication.AddScheme<AuthenticationSchemeOptions, DevelopmentActorAuthentication>(DevelopmentActorAuthentication.SchemeName, null);
        }
        builder.Services.AddAuthorization();
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddSingleton<AccountSignIn>();
        builder.AddEduInfoDataProtection();
        builder.AddEduInfoAntiforgery();
        return builder;
    }
}
