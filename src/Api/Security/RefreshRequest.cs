namespace EduInfo.Api.Security;

/// <summary>A refresh: the refresh token from the last token response (single use).</summary>
public sealed record RefreshRequest(string? RefreshToken);
