namespace EduInfo.Api.Problems;

/// <summary>Wire names: enumeration names in camelCase, as System.Text.Json writes them.</summary>
public static class JsonNaming
{
    public static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
