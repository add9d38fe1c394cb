namespace EduInfo.Api.Security;

/// <summary>A login: the account's login and password.</summary>
public sealed record TokenRequest(string? Login, string? Password);
