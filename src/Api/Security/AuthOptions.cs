namespace EduInfo.Api.Security;

/// <summary>Authentication settings (configuration section "Auth").</summary>
public sealed class AuthOptions
{
    /// <summary>Issuer of the tokens this Api signs.</summary>
    public string Issuer { get; set; } = "eduinfo";

    public string Audience { get; set; } = "eduinfo-api";

    /// <summary>HMAC-SHA256 key (at least 32 bytes of text). Required outside Development; never commit a production key.</summary>
    public string? SigningKey { get; set; }

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Failed logins in a row that lock an account, and for how long.</summary>
    public int LockoutThreshold { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A browser session ends after this long without a request (sliding).</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A browser session ends this long after sign-in, however busy.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How often a browser session re-reads its account (removed, disabled, locked, grants changed).</summary>
    public TimeSpan SessionRecheck { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Development and tests only: the X-Dev-Actor header stands in for a token.</summary>
    public bool DevelopmentActorHeader { get; set; }

    /// <summary>An external identity provider whose tokens are accepted too (issuer, audience, RSA public keys in PEM).</summary>
    public ExternalIdentityProvider? External { get; set; }
}
