namespace EduInfo.Storage.Registry;

/// <summary>
/// The shape of registry ids (nodes, organizations, classes, people, subjects): 1–64 Latin letters, digits, '-', '_'
/// or '.'. Anything else (a NUL byte, an injection string, a megabyte of text) cannot be an id, so it is "not found"
/// before it reaches the database.
/// </summary>
public static class RegistryIds
{
    public const int MaxLength = 64;

    public static bool IsWellFormed(string? id) =>
        id is { Length: > 0 and <= MaxLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
