using System.Text.Json;
using EduInfo.Storage.Journal;
using Npgsql;

namespace EduInfo.IntegrationTests.Infrastructure;

/// <summary>
/// Live summaries against <see cref="JournalRecount"/>: every field of every cell of every node given, as the API
/// returns them (<c>GET /api/v1/nodes/{id}/summary?term=&amp;subjectId=</c>). The cells read are those the recount has
/// and those the summary lists (its <c>terms</c> × <c>subjects</c>), so a cell only one side has is compared too.
/// </summary>
public static class RecountComparison
{
    /// <summary>node → (term, subject) → field → value; term 0 the year, subject "" all subjects.</summary>
    public sealed class NodeCells : Dictionary<string, Dictionary<(int Term, string SubjectId), IReadOnlyDictionary<string, long>>>
    {
        public NodeCells() : base(StringComparer.Ordinal)
        {
        }
    }

    /// <summary>Every mismatch between the recount and the live summaries, as "node/cell/field: expected …, actual …".</summary>
    public static async Task<IReadOnlyList<string>> MismatchesAsync(HttpClient http, NpgsqlDataSource dataSource, IReadOnlyList<string> nodes, DateOnly today)
    {
        var expected = await JournalRecount.ForNodeCellsAsync(dataSource, nodes, today);
        var actual = await ReadCellsAsync(http, expected);
        return Compare(expected, actual);
    }

    /// <summary>
    /// Reads through the API every cell of each node that the recount has or the summary lists. A response whose
    /// figures lack a field of <see cref="JournalRecount.Fields"/>, or carry one it does not know, fails: the recount
    /// must cover every figure.
    /// </summary>
    public static async Task<NodeCells> ReadCellsAsync(HttpClient http,
        IReadOnlyDictionary<string, IReadOnlyDictionary<(int Term, string SubjectId), IReadOnlyDictionary<string, long>>> expected, int clients = 4)
    {
        var actual = new NodeCells();
        var gate = new SemaphoreSlim(clients);
        var reads = expected.Select(async node =>
        {
            await gate.WaitAsync();
            try
            {
                var whole = await ReadCellAsync(http, node.Key, JournalRecount.Year);
                var terms = new[] { 0 }.Concat(whole.Body.GetProperty("terms").EnumerateArray().Select(t => t.GetInt32()));
                var subjects = new[] { "" }.Concat(whole.Body.GetProperty("subjects").EnumerateArray().Select(s => s.GetString()!));
                var keys = terms.SelectMany(t => subjects.Select(s => (t, s))).Concat(node.Value.Keys).ToHashSet();
                var cells = new Dictionary<(int, string), IReadOnlyDictionary<string, long>> { [JournalRecount.Year] = whole.Figures };
                foreach (var key in keys.Where(k => k != JournalRecount.Year))
                {
                    cells[key] = (await ReadCellAsync(http, node.Key, key)).Figures;
                }
                return (node.Key, cells);
            }
            finally
            {
                gate.Release();
            }
        });
        foreach (var (node, cells) in await Task.WhenAll(reads))
        {
            actual[node] = cells;
        }
        return actual;
    }

    private static async Task<(JsonElement Body, IReadOnlyDictionary<string, long> Figures)> ReadCellAsync(HttpClient http, string node, (int Term, string SubjectId) key)
    {
        var query = new List<string>();
        if (key.Term != 0)
        {
            query.Add($"term={key.Term}");
        }
        if (key.SubjectId != "")
        {
            query.Add($"subjectId={Uri.EscapeDataString(key.SubjectId)}");
        }
        var path = $"/api/v1/nodes/{Uri.EscapeDataString(node)}/summary" + (query.Count > 0 ? "?" + string.Join('&', query) : "");
        var (status, body, _) = await http.GetJsonAsync(path);
        Assert.True(status == 200, $"{path}: {status} {body}");
        var figures = body.GetProperty("figures").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64(), StringComparer.Ordinal);
        Assert.True(figures.Keys.Order(StringComparer.Ordinal).SequenceEqual(JournalRecount.Fields.Order(StringComparer.Ordinal)),
            $"{path}: the summary's figures ({string.Join(", ", figures.Keys.Except(JournalRecount.Fields))} beyond, " +
            $"{string.Join(", ", JournalRecount.Fields.Except(figures.Keys))} missing) are not the recount's fields");
        return (body, figures);
    }

    /// <summary>
    /// Every field of every cell that either side has, node by node: "node/term/subject/field: expected …, actual …"
    /// (term "year" and subject "all" for the whole). A cell or field one side lacks counts as zero there.
    /// </summary>
    public static IReadOnlyList<string> Compare(
        IReadOnlyDictionary<string, IReadOnlyDictionary<(int Term, string SubjectId), IReadOnlyDictionary<string, long>>> expected,
        IReadOnlyDictionary<string, Dictionary<(int Term, string SubjectId), IReadOnlyDictionary<string, long>>> actual)
    {
        var mismatches = new List<string>();
        foreach (var node in expected.Keys.Union(actual.Keys).Order(StringComparer.Ordinal))
        {
            var want = expected.GetValueOrDefault(node);
            var got = actual.GetValueOrDefault(node);
            if (got is null)
            {
                mismatches.Add($"{node}: not read");
                continue;
            }
            var keys = (want?.Keys ?? []).Union(got.Keys).OrderBy(k => k.Term).ThenBy(k => k.SubjectId, StringComparer.Ordinal);
            foreach (var key in keys)
            {
                var wantCell = want?.GetValueOrDefault(key);
                var gotCell = got.GetValueOrDefault(key);
                foreach (var field in JournalRecount.Fields)
                {
                    var e = wantCell?.GetValueOrDefault(field) ?? 0;
                    var a = gotCell?.GetValueOrDefault(field) ?? 0;
                    if (e != a)
                    {
                        mismatches.Add($"{node}/{(key.Term == 0 ? "year" : $"term {key.Term}")}/{(key.SubjectId == "" ? "all" : key.SubjectId)}/{field}: expected {e}, actual {a}");
                    }
                }
            }
        }
        return mismatches;
    }

    /// <summary>
    /// Fails with every mismatch listed (at most 150 shown, with the count), the lowest nodes first: a class that
    /// differs is the cause, its organization and areas only repeat it.
    /// </summary>
    public static void AssertNone(IReadOnlyList<string> mismatches, string what) =>
        Assert.True(mismatches.Count == 0,
            $"{what}: {mismatches.Count} figures differ from the journal recount:\n{string.Join('\n', mismatches.OrderBy(Depth).Take(150))}");

    // Areas are "KZ…", organizations "O…"; anything else is a class.
    private static int Depth(string mismatch) => mismatch.StartsWith("KZ", StringComparison.Ordinal) ? 2 : mismatch.StartsWith('O') ? 1 : 0;
}
