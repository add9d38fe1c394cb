using EduInfo.Domain.Metrics;
using System.Text.Json;

namespace EduInfo.IntegrationTests.Infrastructure;

/// <summary>
/// "A parent is the sum of its children", checked on the API's answers: every numeric field of <c>figures</c> is read
/// from the JSON and added here, never through <c>SummaryFigures.Sum</c> or its <c>operator +</c>, which are the
/// production code under test (a field the operator forgot would be forgotten on both sides of the comparison).
/// </summary>
public static class JsonFigures
{
    /// <summary>The numeric fields of a summary's <c>figures</c>, by JSON name; a field that is not an integer fails.</summary>
    public static IReadOnlyDictionary<string, long> Of(JsonElement summary)
    {
        var figures = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var field in summary.GetProperty("figures").EnumerateObject())
        {
            Assert.True(field.Value.ValueKind == JsonValueKind.Number && field.Value.TryGetInt64(out _),
                $"figures.{field.Name} is {field.Value}, not an integer");
            figures[field.Name] = field.Value.GetInt64();
        }
        return figures;
    }

    /// <summary>Field by field, the sum of the children's figures (every field any child has).</summary>
    public static IReadOnlyDictionary<string, long> Sum(IEnumerable<JsonElement> summaries)
    {
        var sum = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var figures in summaries.Select(Of))
        {
            foreach (var (field, value) in figures)
            {
                sum[field] = checked(sum.GetValueOrDefault(field) + value);
            }
        }
        return sum;
    }

    /// <summary>
    /// The parent's figures equal the sum of its children's, for every field either side has, except
    /// <paramref name="except"/> (an organization counts itself in <c>organizations</c>; its classes do not). Returns
    /// how many fields were non-zero, so a caller can show that it compared something.
    /// </summary>
    public static int AssertParentIsSum(JsonElement parent, IReadOnlyCollection<JsonElement> children, string context, params string[] except)
    {
        var figures = Of(parent);
        Assert.True(figures.Count > 0, $"{context}: the summary has no figures");
        var sum = Sum(children);
        if (children.Count > 0)
        {
            Assert.True(figures.Keys.Order(StringComparer.Ordinal).SequenceEqual(sum.Keys.Order(StringComparer.Ordinal)),
                $"{context}: the parent's fields [{string.Join(", ", figures.Keys)}] are not its children's [{string.Join(", ", sum.Keys)}]");
        }
        var nonZero = 0;
        foreach (var (field, value) in figures.Where(f => !except.Contains(f.Key)))
        {
            var added = sum.GetValueOrDefault(field);
            Assert.True(value == added, $"{context}: {field} is {value}, its children add up to {added}");
            nonZero += value != 0 ? 1 : 0;
        }
        return nonZero;
    }

    /// <summary>
    /// For <paramref name="nodeId"/>, every cell that it or a child lists (the year and each term, all subjects and
    /// each subject) is the sum of that cell over its children, all read through HTTP. Returns the children and the
    /// number of non-zero fields compared.
    /// </summary>
    public static async Task<(IReadOnlyList<JsonElement> Children, int NonZero)> AssertEveryCellIsSumAsync(HttpClient http, string nodeId, params string[] except)
    {
        var total = await ReadAsync(http, $"/api/v1/nodes/{nodeId}/summary");
        var children = (await ReadAsync(http, $"/api/v1/nodes/{nodeId}/children")).EnumerateArray().ToList();
        var listed = children.Append(total).ToList();
        var terms = listed.SelectMany(s => s.GetProperty("terms").EnumerateArray().Select(t => $"term={t.GetInt32()}")).Distinct().Order(StringComparer.Ordinal);
        var subjects = listed.SelectMany(s => s.GetProperty("subjects").EnumerateArray().Select(t => $"subjectId={t.GetString()}")).Distinct().Order(StringComparer.Ordinal);
        var nonZero = AssertParentIsSum(total, children, nodeId, except);
        var cellQueries = terms.Prepend("").SelectMany(t => subjects.Prepend("").Select(s => string.Join('&', new[] { t, s }.Where(x => x.Length > 0))));
        foreach (var query in cellQueries.Where(q => q.Length > 0))
        {
            var parent = await ReadAsync(http, $"/api/v1/nodes/{nodeId}/summary?{query}");
            var cells = (await ReadAsync(http, $"/api/v1/nodes/{nodeId}/children?{query}")).EnumerateArray().ToList();
            nonZero += AssertParentIsSum(parent, cells, $"{nodeId}?{query}", except);
        }
        return (children, nonZero);
    }

    private static async Task<JsonElement> ReadAsync(HttpClient http, string path)
    {
        var response = await http.GetJsonAsync(path);
        Assert.True(response.Status == 200, $"{path}: {response.Status} {response.Body}");
        return response.Body;
    }
}
