using System.Globalization;
using System.Text;
using EduInfo.Grains.Interfaces.Localization;
using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.Storage.Journal;
using MiniExcelLibs;

namespace EduInfo.IntegrationTests.Api;

/// <summary>
/// The classic report forms through HTTP and PostgreSQL: a school's two classes get known term-2 marks (formative only:
/// 9 → 5, 7 → 4, 5 → 3, 3 → 2), roll-calls, a transfer, a leaving and the term's close; every cell of the XLSX is then
/// checked against the journal recount and the counts worked by hand below, the CSV holds the same values, an area's
/// total is the sum of its rows, and the summary's rule decides who downloads (audited as node.report).
/// </summary>
/// <remarks>
/// Class A (grade 5; subjects X and Y) and class B (grade 9; subject Z), eight pupils each; b7 moves from B to A on
/// 10 Nov, a7 leaves A on 20 Nov, the term is closed on 27 Nov (today: the count day).
/// <list type="bullet">
/// <item>A: a0 X5 Y5 all 5; a1 X5 Y4 good; a2 X3 Y5 one 3; a3 X3 Y3 two 3s; a4 X2 Y5 failing; a5 X5 Y н/а not
/// attested; a6 X2 Y н/а failing (a 2 wins); b7 н/а н/а not attested; a7 left → assessed 8, 1/1/1/2/2, success 4/8 =
/// 50.0 %, quality 2/8 = 25.0 %.</item>
/// <item>B: b0 5, b1 4, b2 3, b3 2, b4–b6 н/а → assessed 7, 1/1/1/1/3, success 3/7 = 42.9 %, quality 2/7 = 28.6 %.</item>
/// <item>Headcount in term 2 (2 Nov – today): A 8 at the start, 1 arrived (b7), 1 left (a7), 8 at the end; B 8, 0, 1, 7.</item>
/// <item>Roll-calls on Thu 19 Nov. A, X, periods 2 and 3 (9 seats each: a0–a7 and b7): p2 a1 н, a2 late, a3 п, a4 б, b7
/// н; p3 a1 н, a4 б, a5 п → 2 lessons, 18 seats, н 3, п 2, б 2, late 1, attended 11 (61.1 %), whole days missed 2 (a1,
/// a4). B, Z, period 2 (7 seats): b0 б, b1 late → 1, 7, б 1, late 1, attended 6 (85.7 %), 1 day (b0).</item>
/// </list>
/// </remarks>
public sealed class ReportTests : IClassFixture<ApiHost>
{
    private readonly ApiHost api;
    private readonly string school, district, region, a, b;
    private readonly DemoRegistry.Teaching x, y, z;

    public ReportTests(ApiHost api)
    {
        this.api = api;
        var data = api.Registry.Data;
        x = api.Registry.InSchoolClass(0);
        school = data.Classes.Single(c => c.Id == x.ClassId).OrganizationId;
        a = x.ClassId;
        y = api.Registry.Teachings().First(t => t.ClassId == a && t.SubjectId != x.SubjectId);
        b = data.Classes.Single(c => c.OrganizationId == school && c.Id != a).Id;
        z = api.Registry.Teachings().First(t => t.ClassId == b);
        district = data.Organizations.Single(o => o.Id == school).NodeId;
        region = data.Nodes.Single(n => n.Id == district).ParentId!;
    }

    private static readonly SemaphoreSlim Once = new(1, 1);
    private static readonly HashSet<ApiHost> Written = [];

    /// <summary>The journal of the remarks, written once per host (the tests of this class share it).</summary>
    private async Task WriteJournalAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (!Written.Add(api))
            {
                return;
            }
            var head = $"user=report-head; roles=head@{school}";
            var (b7, a7) = (z.Roster[7], x.Roster[7]);
            await PostAsync($"/api/v1/students/{b7}/transfers", new { toClassId = a, date = "2026-11-10", reason = "Parents' request" }, head);
            await PostAsync($"/api/v1/students/{a7}/leaving", new { date = "2026-11-20", reason = "Moved to Almaty" }, head);
            await MarksAsync(x, (0, 9), (1, 9), (2, 5), (3, 5), (4, 3), (5, 9), (6, 3));
            await MarksAsync(y, (0, 9), (1, 7), (2, 9), (3, 5), (4, 9));
            await MarksAsync(z, (0, 9), (1, 7), (2, 5), (3, 3));
            await LessonsAsync(x, a, (2, [("unexcused", x.Roster[1]), ("late", x.Roster[2]), ("excused", x.Roster[3]), ("sick", x.Roster[4]), ("unexcused", b7)]),
                (3, [("unexcused", x.Roster[1]), ("sick", x.Roster[4]), ("excused", x.Roster[5])]));
            await LessonsAsync(z, b, (2, [("sick", z.Roster[0]), ("late", z.Roster[1])]));
            await PostAsync($"/api/v1/classes/{a}/terms/2/close", new { }, head);
            await PostAsync($"/api/v1/classes/{b}/terms/2/close", new { }, head);
            await Convergence.RepublicCoversTheJournalAsync(api.Http, api.Db, TimeSpan.FromSeconds(60));
        }
        finally
        {
            Once.Release();
        }
    }

    private async Task PostAsync(string path, object body, string actor)
    {
        var response = await api.Http.PostJsonAsync(path, body, actor);
        Assert.True(response.Status is 200 or 201, $"{path}: {response.Status} {response.Body}");
    }

    private Task MarksAsync(DemoRegistry.Teaching t, params (int Student, int Score)[] marks) =>
        PostAsync($"/api/v1/classes/{t.ClassId}/marks", new
        {
            entries = marks.Select(m => new { entryId = Guid.NewGuid(), studentId = t.Roster[m.Student], subjectId = t.SubjectId, date = "2026-11-16", kind = "formative", score = m.Score }).ToArray(),
        }, $"user={t.TeacherId}; roles=teacher");

    private Task LessonsAsync(DemoRegistry.Teaching t, string classId, params (int Period, (string Code, string Student)[] Absent)[] lessons) =>
        PostAsync($"/api/v1/classes/{classId}/lessons", new
        {
            entries = lessons.Select(l => new
            {
                entryId = Guid.NewGuid(), subjectId = t.SubjectId, date = "2026-11-19", period = l.Period,
                absentees = l.Absent.Select(s => new { studentId = s.Student, code = s.Code }).ToArray(),
            }).ToArray(),
        }, $"user={t.TeacherId}; roles=teacher");

    [Fact]
    public async Task Every_cell_of_an_organization_s_forms_is_the_recount_s_and_the_hand_counted_one()
    {
        await WriteJournalAsync();
        var recount = await JournalRecount.ForNodeCellsAsync(api.Db.DataSource, [a, b, school], TestClock.Today);
        var names = api.Registry.Data.Classes.Where(c => c.OrganizationId == school).ToDictionary(c => c.Id, c => $"{c.Grade}{c.Letter}");
        var schoolName = await api.Db.ScalarAsync<string>("SELECT name_ru FROM organizations WHERE id = @o", ("o", school));

        foreach (var (filter, term, subject) in new[] { ("term=2", 2, ""), ($"term=2&subjectId={x.SubjectId}", 2, x.SubjectId), ("term=year", 0, ""), ("term=1", 1, "") })
        {
            Headcount Moves(Headcount term2, Headcount term1) => term == 1 ? term1 : term2;
            var (moveA, moveB) = (Moves(new(8, 1, 1, 8), new(8, 0, 0, 8)), Moves(new(8, 0, 1, 7), new(8, 0, 0, 8)));
            var progress = await DownloadAsync($"/api/v1/nodes/{school}/reports/progress?format=xlsx&lang=ru&{filter}");
            var attendance = await DownloadAsync($"/api/v1/nodes/{school}/reports/attendance?format=xlsx&lang=ru&{filter}");
            var cell = (string node) => recount[node].GetValueOrDefault((term, subject)) ?? new Dictionary<string, long>();
            // Grade 5 (A), its subtotal, grade 9 (B), its subtotal, the school.
            var rows = new (string Level, string Name, string Node, Headcount Moves)[]
            {
                ("Класс", names[a], a, moveA), ("Итого по параллели", "5-е классы", a, moveA),
                ("Класс", names[b], b, moveB), ("Итого по параллели", "9-е классы", b, moveB),
                ("Всего", schoolName, school, moveA + moveB),
            };
            Assert.Equal(rows.Length + 2, progress.Count);
            Assert.Equal(rows.Length + 2, attendance.Count);
            var because = $"{filter}";
            Assert.StartsWith($"Отчёт об успеваемости: {schoolName} · ", (string)progress[0][0]!);
            Assert.Equal(Messages.Get("report.column.atStart", "ru"), progress[1][2]);
            for (var i = 0; i < rows.Length; i++)
            {
                var (level, name, node, moves) = rows[i];
                Assert.True(ExpectedProgress(level, name, cell(node), moves).SequenceEqual(progress[i + 2]), $"{because} progress row {i}: {string.Join("|", progress[i + 2])}");
                Assert.True(ExpectedAttendance(level, name, cell(node), subject).SequenceEqual(attendance[i + 2]), $"{because} attendance row {i}: {string.Join("|", attendance[i + 2])}");
                if (subject == "")
                {
                    Assert.Equal(moves.AtEnd, cell(node)["students"]); // the registry's end is the summary's headcount
                }
            }
        }

        // The hand count of the remarks, term 2 over all subjects: A, B and the school.
        var term2 = await DownloadAsync($"/api/v1/nodes/{school}/reports/progress?format=xlsx&term=2");
        Assert.Equal(Row(8, 1, 1, 8, 8, 1, 1, 1, 2, 2, 50.0m, 25.0m), term2[2].Skip(2));
        Assert.Equal(Row(8, 0, 1, 7, 7, 1, 1, 1, 1, 3, 42.9m, 28.6m), term2[4].Skip(2));
        Assert.Equal(Row(16, 1, 2, 15, 15, 2, 2, 2, 3, 5, 46.7m, 26.7m), term2[6].Skip(2));
        var attendance2 = await DownloadAsync($"/api/v1/nodes/{school}/reports/attendance?format=xlsx&term=2");
        Assert.Equal(Row(2, 18, 3, 2, 2, 2, 1, 61.1m), attendance2[2].Skip(2));
        Assert.Equal(Row(1, 7, 0, 0, 1, 1, 1, 85.7m), attendance2[4].Skip(2));
        Assert.Equal(Row(3, 25, 3, 2, 3, 3, 2, 68.0m), attendance2[6].Skip(2));
        // One subject: per student in it (X: a0, a1, a5 5; a2, a3 3; a4, a6 2; b7 н/а); whole days are not a subject's.
        var subjectX = await DownloadAsync($"/api/v1/nodes/{school}/reports/progress?format=xlsx&term=2&subjectId={x.SubjectId}");
        Assert.Equal(Row(8, 1, 1, 8, 8, 3, 0, 2, 2, 1, 62.5m, 37.5m), subjectX[2].Skip(2));
        Assert.Null((await DownloadAsync($"/api/v1/nodes/{school}/reports/attendance?format=xlsx&term=2&subjectId={x.SubjectId}"))[2][7]);
    }

    [Fact]
    public async Task The_csv_holds_the_xlsx_s_values_and_an_area_s_total_is_the_sum_of_its_rows()
    {
        await WriteJournalAsync();
        foreach (var node in new[] { school, district, region, a })
        {
            foreach (var form in new[] { "progress", "attendance" })
            {
                foreach (var language in new[] { "kk", "ru", "en" })
                {
                    var path = $"/api/v1/nodes/{node}/reports/{form}?term=2&lang={language}";
                    var xlsx = await DownloadAsync(path + "&format=xlsx");
                    var csv = await DownloadAsync(path + "&format=csv");
                    Assert.Equal(xlsx.Count, csv.Count);
                    for (var i = 0; i < xlsx.Count; i++)
                    {
                        Assert.True(xlsx[i].SequenceEqual(csv[i]), $"{path} line {i}: {string.Join("|", xlsx[i])} ≠ {string.Join("|", csv[i])}");
                    }
                    Assert.Equal(Messages.Get($"report.column.name", language), xlsx[1][1]);
                    Assert.Equal(Messages.Get("report.level.Total", language), xlsx[^1][0]);
                }
            }
        }

        // The region: its organizations (directly, then by district with a subtotal each), its total = their sum.
        var recount = await JournalRecount.ForNodeCellsAsync(api.Db.DataSource, [region, district], TestClock.Today);
        foreach (var form in new[] { "progress", "attendance" })
        {
            var rows = (await DownloadAsync($"/api/v1/nodes/{region}/reports/{form}?format=xlsx&lang=en&term=2"))[2..];
            var organizations = rows.Where(r => (string?)r[0] == "Organization").ToList();
            var districts = rows.Where(r => (string?)r[0] == "Area subtotal").ToList();
            Assert.Equal(api.Registry.Data.Organizations.Count(o => o.NodeId == region || api.Registry.Data.Nodes.Any(n => n.Id == o.NodeId && n.ParentId == region)),
                organizations.Count);
            Assert.Equal(api.Registry.Data.Nodes.Count(n => n.ParentId == region), districts.Count);
            var total = rows[^1];
            // Counts add up; a rate (the last columns, a decimal with a point) does not, and is the recount's.
            var counts = form == "progress" ? Enumerable.Range(2, 10) : Enumerable.Range(2, 7);
            foreach (var column in counts)
            {
                Assert.Equal(organizations.Sum(r => (decimal?)r[column] ?? 0), (decimal?)total[column] ?? 0);
                Assert.Equal(districts.Sum(r => (decimal?)r[column] ?? 0), organizations.Where(r => !IsDirect(r)).Sum(r => (decimal?)r[column] ?? 0));
            }
            var figures = recount[region][(2, "")];
            var (at, first, second) = form == "progress" ? (6, "studentsAssessed", "studentsExcellent") : (2, "lessonsHeld", "seatsHeld");
            Assert.Equal(figures.GetValueOrDefault(first), (decimal?)total[at]);
            Assert.Equal(figures.GetValueOrDefault(second), (decimal?)total[at + 1]);
        }

        bool IsDirect(IReadOnlyList<object?> row) => api.Registry.Data.Organizations.Any(o => o.NodeId == region && o.NameEn == (string?)row[1]);
    }

    [Fact]
    public async Task The_summary_s_rule_decides_who_downloads_and_every_report_is_audited()
    {
        var otherDistrict = api.Registry.Data.Nodes.First(n => n.Kind == "district" && n.Id != district).Id;
        var parent = api.Registry.Data.StudentParents.First(p => p.StudentId == x.Roster[0]).ParentId;
        foreach (var form in new[] { "progress", "attendance" })
        {
            var path = $"/api/v1/nodes/{district}/reports/{form}";
            Assert.Equal(401, (await api.Http.GetJsonAsync(path, actor: null)).Status);
            Assert.Equal(403, (await api.Http.GetJsonAsync(path, $"user=do; roles=district_officer@{otherDistrict}")).Status);
            Assert.Equal(403, (await api.Http.GetJsonAsync(path, $"user=hd; roles=head@{school}")).Status);
            Assert.Equal(403, (await api.Http.GetJsonAsync($"/api/v1/nodes/{school}/reports/{form}", $"user=p; person={parent}; roles=parent@{parent}")).Status);
            Assert.Equal(404, (await api.Http.GetJsonAsync($"/api/v1/nodes/NO-SUCH-NODE/reports/{form}")).Status);
            var bad = await api.Http.GetJsonAsync($"{path}?term=9&format=pdf&subjectId=%3Cjunk%3E", acceptLanguage: "ru");
            Assert.Equal((400, "application/problem+json"), (bad.Status, bad.ContentType));
            Assert.Equal(["format", "subjectId", "term"], bad.Body.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).Order());
        }
        Assert.Equal(0, await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'node.report' AND actor_id IN ('do', 'hd', 'p')"));

        var officer = $"user=report-officer; roles=district_officer@{district}";
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/nodes/{school}/reports/attendance?format=xlsx&term=2&subjectId={x.SubjectId}");
        request.Headers.Add(HttpExtensions.ActorHeader, officer);
        using var response = await api.Http.SendAsync(request);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"eduinfo-{school}-attendance-term2-{x.SubjectId}-{TestClock.Today:yyyy-MM-dd}.xlsx",
            response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.Equal(200, (await api.Http.GetJsonAsync($"/api/v1/nodes/{district}/reports/progress?term=year", officer)).Status);
        var audited = await api.Db.ScalarAsync<string>("""
            SELECT string_agg(target_id || ' ' || coalesce(organization_id, '-') || ' ' || (detail->>'form') || ' ' || (detail->>'format') || ' '
                              || coalesce(detail->>'term', '-') || ' ' || coalesce(detail->>'subjectId', '-'), '; ' ORDER BY id)
            FROM audit_log WHERE action = 'node.report' AND outcome = 'ok' AND actor_id = 'report-officer'
            """);
        Assert.Equal($"{school} {school} attendance xlsx 2 {x.SubjectId}; {district} - progress csv - -", audited);
    }

    private sealed record Headcount(long AtStart, long Arrived, long Left, long AtEnd)
    {
        public static Headcount operator +(Headcount p, Headcount q) => new(p.AtStart + q.AtStart, p.Arrived + q.Arrived, p.Left + q.Left, p.AtEnd + q.AtEnd);
    }

    private static object?[] Row(params decimal[] values) => [.. values.Select(v => (object?)v)];

    /// <summary>A progress row from the recount's cell: groups per student, good = qualified − excellent, rates with one decimal.</summary>
    private static List<object?> ExpectedProgress(string level, string name, IReadOnlyDictionary<string, long> f, Headcount moves)
    {
        decimal F(string field) => f.GetValueOrDefault(field);
        return [level, name, (decimal)moves.AtStart, (decimal)moves.Arrived, (decimal)moves.Left, (decimal)moves.AtEnd, F("studentsAssessed"), F("studentsExcellent"),
            F("studentsQualified") - F("studentsExcellent"), F("studentsWithOneThree"), F("studentsFailing"), F("studentsNotAttested"),
            Rate(F("studentsSucceeding"), F("studentsAssessed")), Rate(F("studentsQualified"), F("studentsAssessed"))];
    }

    private static List<object?> ExpectedAttendance(string level, string name, IReadOnlyDictionary<string, long> f, string subject)
    {
        decimal F(string field) => f.GetValueOrDefault(field);
        return [level, name, F("lessonsHeld"), F("seatsHeld"), F("absentUnexcused"), F("absentExcused"), F("absentSick"),
            subject == "" ? F("fullDaysMissed") : null, F("late"), Rate(F("attended"), F("seatsHeld"))];
    }

    private static decimal? Rate(decimal part, decimal whole) => whole == 0 ? null : Math.Round(100m * part / whole, 1, MidpointRounding.AwayFromZero);

    /// <summary>A report's lines, whichever its format: the title, the header, the rows; texts as strings, numbers as decimals, empty as null.</summary>
    private async Task<List<IReadOnlyList<object?>>> DownloadAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(HttpExtensions.ActorHeader, HttpExtensions.Analyst);
        using var response = await api.Http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.True((int)response.StatusCode == 200, $"{path}: {(int)response.StatusCode} {Encoding.UTF8.GetString(body)}");
        if (response.Content.Headers.ContentType!.MediaType == "text/csv")
        {
            Assert.Equal(Encoding.UTF8.GetPreamble(), body[..3]);
            return [.. ExportTests.CsvRecords(Encoding.UTF8.GetString(body[3..]))
                .Select((line, n) => (IReadOnlyList<object?>)[.. line.Select((cell, i) => n < 2 || i < 2 ? (object?)cell : cell.Length == 0 ? null
                    : decimal.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture))])];
        }
        var width = MiniExcel.GetColumns(new MemoryStream(body), useHeaderRow: false).Count();
        return [.. MiniExcel.Query(new MemoryStream(body), useHeaderRow: false).Cast<IDictionary<string, object?>>()
            .Select((row, n) => (IReadOnlyList<object?>)[.. row.Values.Take(n == 0 ? 1 : width).Select(v => v switch
            {
                null => null,
                string s => (object?)s,
                var number => Convert.ToDecimal(number, CultureInfo.InvariantCulture),
            })])];
    }
}
