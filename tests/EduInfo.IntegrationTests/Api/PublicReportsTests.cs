using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.Api.Reads;
using EduInfo.Api.Security;
using EduInfo.Domain.Disclosure;
using EduInfo.Domain.Metrics;
using EduInfo.Domain.Registry;
using Microsoft.Extensions.DependencyInjection;

namespace EduInfo.IntegrationTests.Api;

/// <summary>Open reports: anonymous aggregates, small cells withheld, nothing personal, no classes.</summary>
public sealed class PublicReportsTests(ApiHost api) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task The_republic_is_public_and_aggregate_only()
    {
        var response = await api.Http.GetJsonAsync("/api/v1/public/nodes/KZ/summary?lang=en", actor: null);
        Assert.Equal(200, response.Status);
        Assert.False(response.Body.GetProperty("suppressed").GetBoolean());
        Assert.Equal(await api.Db.ScalarAsync<long>("SELECT count(DISTINCT student_id) FROM enrolments"), response.Body.GetProperty("students").GetInt64());
        Assert.Equal("Republic of Kazakhstan", response.Body.GetProperty("name").GetString());
        var text = response.Body.GetRawText();
        Assert.DoesNotContain("iin", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("studentId", text);
    }

    [Fact]
    public async Task Among_a_region_s_children_the_empty_centre_is_withheld_and_needs_no_partner()
    {
        // Each region of the tiny country has two districts and a college with 16 students each, and an
        // additional-education centre with none: withheld as under ten, but "nobody" is no one's secret, so the region
        // total minus the others (zero) gives nothing away and no sibling is withheld with it (docs/disclosure.md).
        var region = api.Registry.Data.Nodes.First(n => n.Kind == "region").Id;
        var response = await api.Http.GetJsonAsync($"/api/v1/public/nodes/{region}/children", actor: null);
        Assert.Equal(200, response.Status);
        var children = response.Body.EnumerateArray().ToList();
        var hidden = children.Where(c => c.GetProperty("suppressed").GetBoolean()).ToList();
        var centre = api.Registry.Data.Organizations.Single(o => o.NodeId == region && o.Kind == "additional").Id;
        Assert.Equal([centre], hidden.Select(c => c.GetProperty("nodeId").GetString()));
        Assert.All(hidden, c => Assert.Equal(System.Text.Json.JsonValueKind.Null, c.GetProperty("students").ValueKind));
        Assert.All(hidden, c => Assert.Equal(System.Text.Json.JsonValueKind.Null, c.GetProperty("rates").ValueKind));
        Assert.All(children.Except(hidden), c => Assert.True(c.GetProperty("students").GetInt64() >= 10));
    }

    [Fact]
    public async Task Classes_are_not_public_and_unknown_nodes_are_404()
    {
        var cls = api.Registry.Data.Classes[0].Id;
        Assert.Equal(404, (await api.Http.GetJsonAsync($"/api/v1/public/nodes/{cls}/summary", actor: null)).Status);
        Assert.Equal(404, (await api.Http.GetJsonAsync("/api/v1/public/nodes/NOPE/children", actor: null)).Status);
        var school = api.Registry.Data.Organizations.First(o => o.Kind == "school").Id;
        var children = await api.Http.GetJsonAsync($"/api/v1/public/nodes/{school}/children", actor: null);
        Assert.Equal(200, children.Status);
        Assert.Equal(0, children.Body.GetArrayLength());
    }
}

/// <summary>
/// The attacker of the open report (issue 21, item 2): gathers every cell the public API publishes — every node's total,
/// every area's breakdown in every dimension, every area's weekly trend — and, with every additive relation among all
/// cells (the relations of the true tree, organizations' slices and weeks as unknowns), solves the published system by
/// exact linear algebra: no cell of fewer than ten pupils is determined.
/// </summary>
public sealed class PublicDisclosureAttackTests(ApiHost api) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task No_small_cell_can_be_computed_from_everything_published()
    {
        // The truth, for the sizes of the cells only: the summaries the grains hold.
        var truth = (await api.Services.GetRequiredService<PublicDisclosure>().ViewAsync(SummaryKey.Total, CancellationToken.None)).Tree;
        // Two captured Fridays equal to today's figures (today is Friday 27 November): each area's trend has two weeks,
        // and the attacker may rightly assume nothing changed — every week's point is today's total.
        var figures = truth.Summaries.ToDictionary(s => s.Key, s => s.Value.Figures);
        await TrendHistory.CaptureAsync(api, [], (new DateOnly(2026, 11, 13), figures), (new DateOnly(2026, 11, 20), figures));
        long Size(string id) => truth.Summaries[id].Figures.Students;
        long SliceSize(string id, string dimension, string value) =>
            truth.Summaries[id].Breakdowns?.Where(b => b.Term == SummaryKey.Year && Breakdown.NameOf(b.Dimension) == dimension && b.Value == value)
                .Sum(b => b.Figures.Students) ?? 0;

        // The attacker's own model, from the anonymous API alone: the tree from the children lists, every cell it is
        // given, every cell it is not (a withheld row, an organization's slices and weeks) as an unknown, and every sum it
        // knows to hold.
        var attacker = new AttackerModel();
        var queue = new Queue<(string Id, bool Area)>([("KZ", true)]);
        var areas = new List<(string Id, List<(string Id, bool Area)> Children)>();
        while (queue.TryDequeue(out var node))
        {
            var summary = await api.Http.GetJsonAsync($"/api/v1/public/nodes/{node.Id}/summary", actor: null);
            Assert.Equal(200, summary.Status);
            var total = attacker.Cell($"T:{node.Id}", Size(node.Id));
            attacker.Learn(total, summary.Body.GetProperty("suppressed").GetBoolean() ? null : summary.Body.GetProperty("students").GetInt64());
            if (!node.Area)
            {
                Assert.Equal(404, (await api.Http.GetJsonAsync($"/api/v1/public/nodes/{node.Id}/breakdowns?dimension=sex", actor: null)).Status);
                Assert.Equal(404, (await api.Http.GetJsonAsync($"/api/v1/public/nodes/{node.Id}/trend?metric=students", actor: null)).Status);
                continue;
            }
            var children = (await api.Http.GetJsonAsync($"/api/v1/public/nodes/{node.Id}/children", actor: null)).Body.EnumerateArray()
                .Select(c => (c.GetProperty("nodeId").GetString()!, c.GetProperty("kind").GetString() != "organization")).ToList();
            areas.Add((node.Id, children));
            children.ForEach(queue.Enqueue);
            var trend = await api.Http.GetJsonAsync($"/api/v1/public/nodes/{node.Id}/trend?metric=students", actor: null);
            var weeks = trend.Body.GetProperty("weeks").EnumerateArray().ToList();
            Assert.Equal(["2026-11-09", "2026-11-16"], weeks.Select(w => w.GetProperty("weekOf").GetString()));
            foreach (var (week, k) in weeks.Select((w, k) => (w, k)))
            {
                attacker.Learn(attacker.Cell($"W{k}:{node.Id}", Size(node.Id)), week.GetProperty("suppressed").GetBoolean() ? null : (long)week.GetProperty("value").GetDecimal());
            }
        }
        var values = new Dictionary<(string Area, string Dimension), List<string>>();
        foreach (var (area, _) in areas)
        {
            foreach (var dimension in Breakdown.Dimensions.Select(Breakdown.NameOf))
            {
                var rows = (await api.Http.GetJsonAsync($"/api/v1/public/nodes/{area}/breakdowns?dimension={dimension}", actor: null)).Body.GetProperty("rows").EnumerateArray().ToList();
                values[(area, dimension)] = [.. rows.Select(r => r.GetProperty("value").GetString()!)];
                foreach (var row in rows)
                {
                    var value = row.GetProperty("value").GetString()!;
                    attacker.Learn(attacker.Cell($"S:{area}:{dimension}:{value}", SliceSize(area, dimension, value)),
                        row.GetProperty("suppressed").GetBoolean() ? null : row.GetProperty("students").GetInt64());
                }
            }
        }
        foreach (var (area, children) in areas)
        {
            foreach (var kind in new[] { "T", "W0", "W1" })
            {
                attacker.Sum($"{kind}:{area}", children.Select(c => $"{kind}:{c.Id}"));
            }
            foreach (var dimension in Breakdown.Dimensions.Select(Breakdown.NameOf))
            {
                attacker.Sum($"T:{area}", values[(area, dimension)].Select(v => $"S:{area}:{dimension}:{v}"));
                foreach (var value in values[(area, dimension)])
                {
                    // An area child's slice where it lists the value (elsewhere none); an organization's, unknown, always.
                    attacker.Sum($"S:{area}:{dimension}:{value}", children
                        .Where(c => !c.Area || values[(c.Id, dimension)].Contains(value))
                        .Select(c => attacker.Name(c.Area ? $"S:{c.Id}:{dimension}:{value}" : $"S:{c.Id}:{dimension}:{value}", SliceSize(c.Id, dimension, value))));
                }
                foreach (var organization in children.Where(c => !c.Area))
                {
                    attacker.Sum($"T:{organization.Id}", values[(area, dimension)].Select(v => attacker.Name($"S:{organization.Id}:{dimension}:{v}", SliceSize(organization.Id, dimension, v))));
                }
            }
        }
        foreach (var (id, _) in truth.Summaries)
        {
            attacker.Sum($"T:{id}", [attacker.Name($"W0:{id}", Size(id))]);
            attacker.Sum($"T:{id}", [attacker.Name($"W1:{id}", Size(id))]);
        }

        var (table, known) = attacker.Table();
        var unknown = Enumerable.Range(0, table.Cells.Count).Where(i => !known.ContainsKey(i)).ToHashSet();
        Assert.All(known, k => Assert.Equal(table.Cells[k.Key], k.Value)); // what is published is true
        Assert.DoesNotContain(known.Keys, i => table.Cells[i] < SmallCellSuppression.DefaultThreshold);
        // The secrets: cells of one to nine pupils, published or not (an empty cell is withheld too, but "nobody" is no one's mark).
        var secrets = unknown.Where(i => ComplementarySuppression.IsSecret(table.Cells[i], SmallCellSuppression.DefaultThreshold)).ToHashSet();
        Assert.NotEmpty(secrets);
        Assert.Empty(LinearAttack.Determined(table, unknown).Intersect(secrets));
        // Much is published, and the report has risk: withholding only the small cells would let the attacker compute some.
        Assert.True(known.Count > attacker.Offered / 2, $"{known.Count} of the {attacker.Offered} cells answered for are published");
        var naive = unknown.Where(i => table.Cells[i] < SmallCellSuppression.DefaultThreshold || attacker.NeverPublished(i)).ToHashSet();
        Assert.NotEmpty(LinearAttack.Determined(table, naive).Intersect(secrets));
    }

    /// <summary>The attacker's cells (named, with their true sizes for the verdict), what he was given, and the sums he knows.</summary>
    private sealed class AttackerModel
    {
        private readonly Dictionary<string, int> _cells = new(StringComparer.Ordinal);
        private readonly List<long> _sizes = [];
        private readonly Dictionary<int, long> _known = [];
        private readonly HashSet<int> _offered = [];
        private readonly List<(string Total, List<string> Parts)> _sums = [];

        public int Cell(string name, long size)
        {
            if (!_cells.TryGetValue(name, out var i))
            {
                _cells[name] = i = _sizes.Count;
                _sizes.Add(size);
            }
            return i;
        }

        /// <summary>A cell the API answers for: its value, or null when withheld.</summary>
        public void Learn(int cell, long? value)
        {
            _offered.Add(cell);
            if (value is { } v)
            {
                _known[cell] = v;
            }
        }

        /// <summary>A cell the API never answers for (an organization's slice or week), named here so that it exists.</summary>
        public string Name(string name, long size)
        {
            Cell(name, size);
            return name;
        }

        public bool NeverPublished(int cell) => !_offered.Contains(cell);

        /// <summary>How many cells the API answered for, published or withheld.</summary>
        public int Offered => _offered.Count;

        public void Sum(string total, IEnumerable<string> parts) => _sums.Add((total, [.. parts]));

        public (DisclosureTable Table, IReadOnlyDictionary<int, long> Known) Table()
        {
            var relations = new List<CellRelation>();
            foreach (var (total, parts) in _sums.Where(s => s.Parts.Count > 0))
            {
                var cells = parts.Select(p => _cells[p]).ToList();
                // A sum that does not add up in truth (pupils without a recorded sex) has an unknown rest: the attacker knows it is there.
                var rest = _sizes[_cells[total]] - cells.Sum(c => _sizes[c]);
                relations.Add(new CellRelation(_cells[total], rest == 0 ? cells : [.. cells, Cell($"R{relations.Count}", Math.Abs(rest))]));
            }
            return (new DisclosureTable([.. _sizes], relations), _known);
        }
    }

    [Fact]
    public async Task The_breakdowns_trend_and_children_come_as_csv_files_in_the_reader_s_language()
    {
        var region = api.Registry.Data.Nodes.First(n => n.Kind == "region").Id;
        var children = await api.Http.GetAsync($"/api/v1/public/nodes/{region}/children.csv?lang=ru");
        Assert.Equal(System.Net.HttpStatusCode.OK, children.StatusCode);
        Assert.Equal("text/csv", children.Content.Headers.ContentType?.MediaType);
        var text = await children.Content.ReadAsStringAsync();
        var lines = text.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Идентификатор,", lines[0]);
        var json = await api.Http.GetJsonAsync($"/api/v1/public/nodes/{region}/children", actor: null);
        Assert.Equal(json.Body.GetArrayLength() + 1, lines.Length);
        Assert.Contains(lines.Skip(1), l => l.Contains("скрыто", StringComparison.Ordinal));

        var breakdown = await api.Http.GetAsync($"/api/v1/public/nodes/{region}/breakdowns.csv?dimension=grade&lang=kk");
        Assert.Equal(System.Net.HttpStatusCode.OK, breakdown.StatusCode);
        Assert.Contains("сынып", await breakdown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var school = api.Registry.Data.Organizations.First(o => o.Kind == "school").Id;
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await api.Http.GetAsync($"/api/v1/public/nodes/{school}/trend.csv?metric=quality")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await api.Http.GetAsync($"/api/v1/public/nodes/{region}/trend.csv?metric=nope")).StatusCode);
    }

    [Fact]
    public async Task A_term_and_a_subject_filter_the_public_figures()
    {
        var subject = await api.Db.ScalarAsync<string>("SELECT id FROM subjects ORDER BY id LIMIT 1");
        var year = await api.Http.GetJsonAsync("/api/v1/public/nodes/KZ/summary", actor: null);
        var term = await api.Http.GetJsonAsync("/api/v1/public/nodes/KZ/summary?term=2", actor: null);
        var bySubject = await api.Http.GetJsonAsync($"/api/v1/public/nodes/KZ/summary?term=2&subjectId={subject}", actor: null);
        Assert.Equal(200, bySubject.Status);
        // Term 2 of the school calendar counts the schools' pupils (colleges count semesters); a subject, those who study it.
        var schools = await api.Db.ScalarAsync<long>(
            "SELECT count(DISTINCT e.student_id) FROM enrolments e JOIN classes c ON c.id = e.class_id JOIN organizations o ON o.id = c.organization_id WHERE o.kind = 'school'");
        Assert.Equal(schools, term.Body.GetProperty("students").GetInt64());
        Assert.True(term.Body.GetProperty("students").GetInt64() < year.Body.GetProperty("students").GetInt64());
        // No journal here: a subject's cell is empty, withheld like any cell under ten.
        Assert.True(bySubject.Body.GetProperty("suppressed").GetBoolean()
            || bySubject.Body.GetProperty("students").GetInt64() <= term.Body.GetProperty("students").GetInt64());
        var bad = await api.Http.GetJsonAsync("/api/v1/public/nodes/KZ/children?term=9&subjectId=%3Cscript%3E", actor: null);
        Assert.Equal(400, bad.Status);
        Assert.Equal(["subjectId:idMalformed", "term:termOutOfRange"],
            bad.Body.GetProperty("errors").EnumerateArray().Select(e => $"{e.GetProperty("field").GetString()}:{e.GetProperty("code").GetString()}").Order(StringComparer.Ordinal));
    }
}
