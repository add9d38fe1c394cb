namespace EduInfo.Api.Security;

/// <summary>An access token (JWT, bearer) with its lifetime in seconds, and a single-use refresh token.</summary>
public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn, string RefreshToken);
