using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace EduInfo.Api.Problems;

/// <summary>
/// Names what in a request body could not be bound, like every other 400: the JSON path of the failure, walked against
/// the endpoint's request type, gives the field and the type it must have; the type gives a specific code
/// (<c>scoreNotInteger</c>, <c>dateInvalid</c>, <c>entryIdInvalid</c>, <c>fieldUnknown</c>, <c>fieldDuplicate</c>, …).
/// </summary>
public static partial class BindingProblems
{
    public sealed record Problem(string Field, string Code, BindingError Error);

    public static Problem Classify(Exception exception, Type? requestType, JsonSerializerOptions options)
    {
        var json = Find<JsonException>(exception);
        if (json?.Path is not { Length: > 1 } path || requestType is null)
        {
            return Body;
        }
        var segments = Segments().Matches(path).Select(m => m.Groups["name"].Success ? m.Groups["name"].Value
            : m.Groups["quoted"].Success ? m.Groups["quoted"].Value.Replace("''", "'", StringComparison.Ordinal) : null).ToList();
        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        var type = requestType;
        string? name = null;
        foreach (var segment in segments)
        {
            var info = options.GetTypeInfo(Underlying(type));
            if (segment is null)
            {
                if (info.ElementType is not { } element)
                {
                    return Body;
                }
                type = element;
                continue;
            }
            if (info.Kind != JsonTypeInfoKind.Object || info.Properties.FirstOrDefault(p => p.Name == segment) is not { } property)
            {
                return new Problem(field, Camel(BindingError.FieldUnknown), BindingError.FieldUnknown);
            }
            (type, name) = (property.PropertyType, segment);
        }
        // The serializer says so in no other way: a duplicate carries no inner exception and a message of its own.
        if (json.InnerException is null && json.Message.StartsWith("Duplicate property", StringComparison.Ordinal))
        {
            return new Problem(field, Camel(BindingError.FieldDuplicate), BindingError.FieldDuplicate);
        }
        if (name is null)
        {
            return Body;
        }
        var error = Underlying(type) switch
        {
            var t when t == typeof(int) || t == typeof(long) || t == typeof(short) || t == typeof(byte) => BindingError.NotInteger,
            var t when t == typeof(DateOnly) || t == typeof(DateTime) || t == typeof(DateTimeOffset) => BindingError.DateInvalid,
            var t when t == typeof(Guid) => BindingError.UuidInvalid,
            _ => BindingError.ValueInvalid,
        };
        return new Problem(field, name + (error == BindingError.NotInteger ? "NotInteger" : "Invalid"), error);
    }

    private static readonly Problem Body = new("", Camel(BindingError.BodyMalformed), BindingError.BodyMalformed);

    private static string Camel(BindingError error) => JsonNaming.Camel(error.ToString());

    private static Type Underlying(Type type) => Nullable.GetUnderlyingType(type) ?? type;

    private static T? Find<T>(Exception? exception) where T : Exception
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }
        return null;
    }

    // "$.entries[0]['odd.name'].score": property names, quoted names and array indexes (null).
    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\['(?<quoted>(?:[^']|'')*)'\]|\[(?<index>\d+)\]")]
    private static partial Regex Segments();
}
