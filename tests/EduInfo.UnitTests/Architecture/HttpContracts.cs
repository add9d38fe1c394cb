using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace EduInfo.UnitTests.Architecture;

/// <summary>
/// What an endpoint answers is an Api contract, never a Storage type: a stored record's columns may change without the
/// API changing under its clients. Walks each handler's declared result (generic arguments such as
/// <c>Results&lt;Ok&lt;T&gt;, ProblemHttpResult&gt;</c>, lists, and the properties of our own records) for types of
/// the Storage assembly.
/// </summary>
public static class HttpContracts
{
    /// <summary>"Handler → Storage type" for every handler among <paramref name="types"/> whose answer carries a Storage type.</summary>
    public static IReadOnlyList<string> StorageTypesAnswered(IEnumerable<Type> types) =>
        types.SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(m => IsResult(m.ReturnType))
            .SelectMany(m => StorageTypesIn(m.ReturnType, []).Select(s => $"{m.DeclaringType!.Name}.{m.Name} → {s.FullName}"))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

    private static bool IsResult(Type type) =>
        Unwrap(type) is { } answered && (typeof(IResult).IsAssignableFrom(answered) || answered.Namespace == "Microsoft.AspNetCore.Http.HttpResults");

    private static Type? Unwrap(Type type) =>
        type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>))
            ? type.GetGenericArguments()[0]
            : type;

    private static IEnumerable<Type> StorageTypesIn(Type type, HashSet<Type> seen)
    {
        if (!seen.Add(type))
        {
            yield break;
        }
        if (type.Assembly.GetName().Name == Assemblies.Storage)
        {
            yield return type;
        }
        var parts = type.IsArray ? [type.GetElementType()!] : type.IsGenericType ? type.GetGenericArguments() : [];
        var ownMembers = type.Namespace?.StartsWith("EduInfo.", StringComparison.Ordinal) == true && !type.IsEnum
            ? type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.PropertyType)
            : [];
        foreach (var found in parts.Concat(ownMembers).SelectMany(part => StorageTypesIn(part, seen)))
        {
            yield return found;
        }
    }
}
