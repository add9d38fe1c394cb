using System.Text.Json;
using EduInfo.IntegrationTests.Infrastructure;

namespace EduInfo.IntegrationTests.Assessment;

/// <summary>
/// Term marks through the HTTP API, with hand-computed values: the summary's term and subject cells, the diary's
/// standings, the term close (final marks, н/а, later entries refused) and the reopening.
/// </summary>
public sealed class TermMarksApiTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static string Teacher(DemoRegistry.Teaching t) => $"user={t.TeacherId}; roles=teacher";

    private string Head(DemoRegistry.Teaching t) =>
        $"user=head-{t.ClassId}; roles=head@{api.Registry.Data.Classes.Single(c => c.Id == t.ClassId).OrganizationId}";

    private static object Formative(DemoRegistry.Teaching t, int student, int score, string date = "2026-11-16") =>
        new { entryId = Guid.NewGuid(), studentId = t.Roster[student], subjectId = t.SubjectId, date, kind = "formative", score };

    private static object Summative(DemoRegistry.Teaching t, int student, string kind, int score, int maxScore, string date = "2026-11-18") =>
        new { entryId = Guid.NewGuid(), studentId = t.Roster[student], subjectId = t.SubjectId, date, kind, score, maxScore };

    private async Task PostMarksAsync(DemoRegistry.Teaching t, params object[] entries)
    {
        var response = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/marks", new { entries }, Teacher(t));
        Assert.True(response.Status == 200, $"{response.Status} {response.Body}");
    }

    private async Task<JsonElement> CellAsync(string nodeId, string query)
    {
        var response = await api.Http.GetJsonAsync($"/api/v1/nodes/{nodeId}/summary?{query}");
        Assert.True(response.Status == 200, $"{response.Status} {response.Body}");
        return response.Body;
    }

    private async Task<JsonElement> StandingAsync(DemoRegistry.Teaching t, int student, int term)
    {
        var diary = await api.Http.GetJsonAsync($"/api/v1/students/{t.Roster[student]}/diary", Head(t));
        Assert.True(diary.Status == 200, $"{diary.Status} {diary.Body}");
        return diary.Body.GetProperty("standings").EnumerateArray()
            .Single(s => s.GetProperty("subjectId").GetString() == t.SubjectId && s.GetProperty("term").GetInt32() == term);
    }

    private static long F(JsonElement summary, string field) => summary.GetProperty("figures").GetProperty(field).GetInt64();

    private static decimal? R(JsonElement summary, string rate) =>
        summary.GetProperty("rates").GetProperty(rate) is { ValueKind: JsonValueKind.Number } v ? v.GetDecimal() : null;

    [Fact]
    public async Task Term_marks_follow_the_policy_and_the_term_close_makes_them_final()
    {
        var t = api.Registry.InSchoolClass(2);
        await PostMarksAsync(t,
            // Student 0: FO (8 + 9) / 20 = 85 %, SOR 15/20 = 75 %, SOCH 18/25 = 72 % → 21.25 + 18.75 + 36 = 76 → 4.
            Formative(t, 0, 8), Formative(t, 0, 9, "2026-11-17"), Summative(t, 0, "section", 15, 20), Summative(t, 0, "term", 18, 25, "2026-11-20"),
            // Student 1: 100 % everywhere → 5.
            Formative(t, 1, 10), Summative(t, 1, "section", 20, 20), Summative(t, 1, "term", 25, 25, "2026-11-20"),
            // Student 2: FO 30 %, SOR 25 %, SOCH 40 % → 7.5 + 6.25 + 20 = 33.75 → 34 → 2.
            Formative(t, 2, 3), Summative(t, 2, "section", 5, 20), Summative(t, 2, "term", 10, 25, "2026-11-20"),
            // Student 3: a formative mark only, while the section and term summatives were held for the class: pending.
            Formative(t, 3, 7),
            // Student 5: FO 70 %, SOR 60 %, SOCH 64 % → 17.5 + 15 + 32 = 64.5 → 65 (half up, never to even) → 4.
            Formative(t, 5, 7), Summative(t, 5, "section", 12, 20), Summative(t, 5, "term", 16, 25, "2026-11-20"));
        // Students 4, 6 and 7 have nothing yet: left out while the term is open.

        var open = await CellAsync(t.ClassId, $"term=2&subjectId={t.SubjectId}");
        Assert.Equal(2, open.GetProperty("term").GetInt32());
        Assert.Equal(t.SubjectId, open.GetProperty("subjectId").GetString());
        Assert.Equal((1, 0, 2, 1), (F(open, "termMarks2"), F(open, "termMarks3"), F(open, "termMarks4"), F(open, "termMarks5")));
        Assert.Equal(4, F(open, "termResults"));
        Assert.Equal(4 + 5 + 2 + 4, F(open, "termMarkSum"));
        Assert.Equal(76 + 100 + 34 + 65, F(open, "termPercentSum"));
        Assert.Equal(1, F(open, "pendingResults"));
        Assert.Equal(0, F(open, "notAttested"));
        Assert.Equal((4, 3, 3), (F(open, "studentsAssessed"), F(open, "studentsSucceeding"), F(open, "studentsQualified")));
        Assert.Equal(75m, R(open, "successRate"));
        Assert.Equal(75m, R(open, "knowledgeQuality"));
        Assert.Equal(3.75m, R(open, "averageTermMark"));
        Assert.Equal(68.75m, R(open, "averageTermPercent"));

        var standing = await StandingAsync(t, 0, 2);
        Assert.Equal("marked", standing.GetProperty("outcome").GetString());
        Assert.False(standing.GetProperty("final").GetBoolean());
        Assert.Equal(85m, standing.GetProperty("formativePercent").GetDecimal());
        Assert.Equal(75m, standing.GetProperty("sectionPercent").GetDecimal());
        Assert.Equal(72m, standing.GetProperty("termSummativePercent").GetDecimal());
        Assert.Equal(76, standing.GetProperty("percent").GetInt32());
        Assert.Equal(4, standing.GetProperty("mark").GetInt32());
        Assert.Equal(50m, standing.GetProperty("weightsUsed").GetProperty("term").GetDecimal());
        Assert.Equal(64.5m, (await StandingAsync(t, 5, 2)).GetProperty("exactPercent").GetDecimal());
        Assert.Equal(65, (await StandingAsync(t, 5, 2)).GetProperty("percent").GetInt32());
        var pending = await StandingAsync(t, 3, 2);
        Assert.Equal("pending", pending.GetProperty("outcome").GetString());
        Assert.Equal(["section", "term"], pending.GetProperty("pendingComponents").EnumerateArray().Select(c => c.GetString()!).ToArray());

        // The head closes the term: the marks become final, the pending student and those without marks are н/а.
        var close = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/terms/2/close", new { }, Head(t));
        Assert.True(close.Status == 200, $"{close.Status} {close.Body}");
        var closed = await CellAsync(t.ClassId, $"term=2&subjectId={t.SubjectId}");
        Assert.Equal(4, F(closed, "notAttested"));
        Assert.Equal(0, F(closed, "pendingResults"));
        Assert.Equal((8, 3, 3), (F(closed, "studentsAssessed"), F(closed, "studentsSucceeding"), F(closed, "studentsQualified")));
        Assert.Equal(37.5m, R(closed, "successRate"));
        Assert.Equal(3.75m, R(closed, "averageTermMark")); // н/а is left out of averages
        Assert.True((await StandingAsync(t, 0, 2)).GetProperty("final").GetBoolean());
        Assert.Equal("notAttested", (await StandingAsync(t, 3, 2)).GetProperty("outcome").GetString());
        Assert.True(close.Body.GetProperty("version").GetInt64() > open.GetProperty("version").GetInt64());

        // Later entries for the term are refused; so is closing twice, and a teacher may not reopen.
        var late = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/marks", new { entries = new[] { Formative(t, 4, 6, "2026-11-23") } }, Teacher(t), "en");
        Assert.Equal(400, late.Status);
        Assert.Equal("termClosed", late.Body.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Equal(409, (await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/terms/2/close", new { }, Head(t))).Status);
        Assert.Equal(403, (await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/terms/2/reopen", new { reason = "x" }, Teacher(t))).Status);
        var noReason = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/terms/2/reopen", new { }, Head(t));
        Assert.Equal(400, noReason.Status);
        Assert.Equal("reasonRequired", noReason.Body.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Equal(400, (await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/terms/4/close", new { }, Head(t))).Status); // not started
        Assert.Equal(400, (await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/terms/6/close", new { }, Head(t))).Status); // no such term

        // Reopening (audited, with a reason) makes the marks projected again and lets entries in.
        Assert.Equal(200, (await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/terms/2/reopen", new { reason = "A sick student writes the summative late" }, Head(t))).Status);
        var reopened = await CellAsync(t.ClassId, $"term=2&subjectId={t.SubjectId}");
        Assert.Equal((0, 1), (F(reopened, "notAttested"), F(reopened, "pendingResults")));
        await PostMarksAsync(t, Summative(t, 3, "section", 10, 20, "2026-11-23"), Summative(t, 3, "term", 20, 25, "2026-11-23"));
        // Student 3: FO 70 %, SOR 50 %, SOCH 80 % → 17.5 + 12.5 + 40 = 70 → 4.
        Assert.Equal(70, (await StandingAsync(t, 3, 2)).GetProperty("percent").GetInt32());
        Assert.Equal(["term.close", "term.reopen"], (await api.Db.ScalarAsync<string[]>(
            "SELECT array_agg(action ORDER BY id) FROM audit_log WHERE target_id = @c AND action LIKE 'term.%'", ("c", t.ClassId))));
    }

    [Fact]
    public async Task Every_level_sums_its_children_term_by_term_and_subject_by_subject()
    {
        var t = api.Registry.InSchoolClass(6);
        await PostMarksAsync(t, Formative(t, 0, 9), Summative(t, 0, "section", 18, 20), Formative(t, 1, 4), Formative(t, 2, 6, "2026-10-01"));
        await Convergence.RepublicCoversTheJournalAsync(api.Http, api.Db, TimeSpan.FromSeconds(30));

        var organization = api.Registry.Data.Classes.Single(c => c.Id == t.ClassId).OrganizationId;
        var district = api.Registry.Data.Organizations.Single(o => o.Id == organization).NodeId;
        foreach (var query in new[] { "", "term=1", "term=2", $"term=2&subjectId={t.SubjectId}", $"subjectId={t.SubjectId}" })
        {
            foreach (var node in new[] { organization, district, "KZ" })
            {
                var parent = await CellAsync(node, query);
                var children = (await api.Http.GetJsonAsync($"/api/v1/nodes/{node}/children?{query}")).Body.EnumerateArray().ToList();
                JsonFigures.AssertParentIsSum(parent, children, $"{node}?{query}", "organizations");
            }
        }
        var subjectInTerm2 = await CellAsync("KZ", $"term=2&subjectId={t.SubjectId}");
        Assert.True(F(subjectInTerm2, "termResults") >= 2);
        Assert.True(F(await CellAsync("KZ", $"term=1&subjectId={t.SubjectId}"), "formativeMarks") >= 1);
    }

    [Fact]
    public async Task An_excused_summative_shares_its_weight_for_that_student_only_and_can_be_voided()
    {
        var t = api.Registry.InSchoolClass(8);
        await PostMarksAsync(t,
            Formative(t, 0, 8), Summative(t, 0, "section", 10, 20), Summative(t, 0, "term", 15, 25, "2026-11-20"),
            // Student 1 missed the section summative: FO 60 %, SOCH 80 %, pending.
            Formative(t, 1, 6), Summative(t, 1, "term", 20, 25, "2026-11-20"));
        Assert.Equal("pending", (await StandingAsync(t, 1, 2)).GetProperty("outcome").GetString());

        var excusal = new { entryId = Guid.NewGuid(), studentId = t.Roster[1], subjectId = t.SubjectId, term = 2, kind = "section", reason = "Hospital, certificate No. 12" };
        Assert.Equal(403, (await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/excusals", excusal, Teacher(t))).Status);
        var excused = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/excusals", excusal, Head(t));
        Assert.True(excused.Status == 200, $"{excused.Status} {excused.Body}");
        Assert.Equal("duplicate", (await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/excusals", excusal, Head(t))).Body
            .GetProperty("entries")[0].GetProperty("status").GetString());

        // Weights 25 : 50 of 75 → ⅓ · 60 + ⅔ · 80 = 20 + 53.33 = 73.33 → 73 → 4. Student 0 keeps 25/25/50.
        var standing = await StandingAsync(t, 1, 2);
        Assert.Equal(("marked", 73, 4), (standing.GetProperty("outcome").GetString(), standing.GetProperty("percent").GetInt32(), standing.GetProperty("mark").GetInt32()));
        Assert.Equal(33.33m, standing.GetProperty("weightsUsed").GetProperty("formative").GetDecimal());
        Assert.Equal(["section"], standing.GetProperty("excusedComponents").EnumerateArray().Select(c => c.GetString()!).ToArray());
        Assert.Equal(25m, (await StandingAsync(t, 0, 2)).GetProperty("weightsUsed").GetProperty("section").GetDecimal());
        Assert.Equal(1, await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'journal.excuse' AND target_id = @c", ("c", t.ClassId)));

        // Bad excusals are named; voiding the excusal (the head) makes the work pending again.
        var bad = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/excusals",
            new { entryId = Guid.NewGuid(), studentId = t.Roster[1], subjectId = t.SubjectId, term = 2, kind = "formative" }, Head(t));
        Assert.Equal(["kind:markKindUnknown", "reason:reasonRequired"],
            bad.Body.GetProperty("errors").EnumerateArray().Select(e => $"{e.GetProperty("field").GetString()}:{e.GetProperty("code").GetString()}").ToArray());
        var sequence = excused.Body.GetProperty("entries")[0].GetProperty("sequence").GetInt64();
        Assert.Equal(403, (await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/corrections",
            new { entryId = Guid.NewGuid(), supersedes = sequence, action = "void", reason = "x" }, Teacher(t))).Status);
        Assert.Equal(200, (await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/corrections",
            new { entryId = Guid.NewGuid(), supersedes = sequence, action = "void", reason = "The certificate was not valid" }, Head(t))).Status);
        Assert.Equal("pending", (await StandingAsync(t, 1, 2)).GetProperty("outcome").GetString());
    }

    [Theory]
    [InlineData("term=0", "term", "termOutOfRange")]
    [InlineData("term=7", "term", "termOutOfRange")]
    [InlineData("term=two", "term", "termOutOfRange")]
    [InlineData("term=-1", "term", "termOutOfRange")]
    [InlineData("year=2025-2026", "year", "yearNotLive")]
    [InlineData("subjectId=a%27%3B--", "subjectId", "idMalformed")]
    public async Task Bad_filters_get_a_localized_400_naming_the_filter(string query, string field, string code)
    {
        foreach (var path in new[] { "summary", "children" })
        {
            var response = await api.Http.GetJsonAsync($"/api/v1/nodes/KZ/{path}?{query}", acceptLanguage: "ru");
            Assert.Equal(400, response.Status);
            var error = response.Body.GetProperty("errors")[0];
            Assert.Equal(field, error.GetProperty("field").GetString());
            Assert.Equal(code, error.GetProperty("code").GetString());
            Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        }
    }
}
