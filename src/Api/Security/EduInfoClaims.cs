namespace EduInfo.Api.Security;

/// <summary>Claim names in EduInfo tokens.</summary>
public static class EduInfoClaims
{
    public const string Subject = "sub";
    /// <summary>"role@scope", one claim per grant.</summary>
    public const string Grant = "grant";
    /// <summary>The registry person the account is (teacher, parent or student id).</summary>
    public const string Person = "person";
}
