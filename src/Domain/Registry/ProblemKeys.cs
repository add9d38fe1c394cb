using EduInfo.Domain.Csv;

namespace EduInfo.Domain.Registry;

/// <summary>
/// The message key of each refusal code, one place for every caller that renders it: the API's problems, a school's
/// upload and the operator's import answer the same fault with the same text.
/// </summary>
public static class ProblemKeys
{
    public static string Of(PupilError error) => $"pupil.error.{error}";

    public static string Of(StaffError error) => $"staff.error.{Camel(error.ToString())}";

    /// <summary>An organization profile's refusal (<see cref="OrganizationProfileValidator"/>).</summary>
    public static string OfProfile(RegistryError error) => $"organization.error.{Camel(error.ToString())}";

    public static string Of(CsvError error) => $"import.error.{error}";

    /// <summary>The code on the wire: the key's last part in camelCase ("pupil.error.IinInvalid" → "iinInvalid").</summary>
    public static string CodeOf(string key) => Camel(key[(key.LastIndexOf('.') + 1)..]);

    private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
