using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using EduInfo.Storage.Security;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EduInfo.Api.Security;

/// <summary>Signs short-lived access tokens and issues rotating refresh tokens (stored hashed).</summary>
public sealed class TokenIssuer(IOptions<AuthOptions> options, AccountStore accounts, TimeProvider clock)
{
    private readonly JsonWebTokenHandler _handler = new();

    public static SymmetricSecurityKey SigningKey(AuthOptions options) =>
        options.SigningKey is { Length: >= 32 } key
            ? new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key))
            : throw new InvalidOperationException("Auth:SigningKey must be set to at least 32 characters.");

    public async Task<TokenResponse> IssueAsync(Account account, Guid? family, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var access = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            Subject = new ClaimsIdentity(ActorClaims.For(account)),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + settings.AccessTokenLifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(SigningKey(settings), SecurityAlgorithms.HmacSha256),
        });

        var refresh = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        await accounts.StoreRefreshTokenAsync(HashRefreshToken(refresh), account.Id, family ?? Guid.NewGuid(), now + settings.RefreshTokenLifetime, cancellationToken);
        return new TokenResponse(access, "Bearer", (int)settings.AccessTokenLifetime.TotalSeconds, refresh);
    }

    public static byte[] HashRefreshToken(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
