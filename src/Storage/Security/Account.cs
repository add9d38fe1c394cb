namespace EduInfo.Storage.Security;

/// <summary>A user account with its grants, as the token endpoint needs it.</summary>
public sealed record Account(
    string Id,
    string Login,
    string PasswordHash,
    string? PersonId,
    int FailedLogins,
    DateTimeOffset? LockedUntil,
    bool Disabled,
    IReadOnlyList<Grant> Grants);
