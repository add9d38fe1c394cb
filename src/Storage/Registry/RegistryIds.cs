namespace EduInfo.Storage.Registry;

/// <summary>
/// The shape of registry ids (nodes, organizations, classes, people, subjects): 1–64 Latin letters, digits, '-', '_'
/// or '.'. Anything else (a NUL byte, an injection string, a megabyte of text) cannot be an id, so it is "not found"
/// before it reaches the database.
/// </summary>
public static class RegistryIds
{
    public const int MaxLength = EduInfo.Domain.Registry.RegistryIdRules.MaxLength;

    /// <summary>The Domain's rule (<c>RegistryIdRules</c>), which a new organization's id is checked by too.</summary>
    public static bool IsWellFormed(string? id) => EduInfo.Domain.Registry.RegistryIdRules.IsWellFormed(id);
}
