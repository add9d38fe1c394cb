namespace EduInfo.Storage.Security;

/// <summary>An account to create, with its password already hashed.</summary>
public sealed record NewAccount(string Id, string Login, string PasswordHash, string? PersonId, IReadOnlyList<Grant> Grants);
