using System.Text.Json;
using EduInfo.IntegrationTests.Infrastructure;

namespace EduInfo.IntegrationTests.Assessment;

/// <summary>
/// Corrections through the HTTP API: a new row supersedes the old one with a reason; totals, term marks and the diary
/// follow at once; the history (who, when, old → new, why) is kept; and every refusal is a clear 4xx that writes nothing.
/// </summary>
public sealed class CorrectionsApiTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static string Teacher(DemoRegistry.Teaching t) => $"user={t.TeacherId}; roles=teacher";

    private string Head(DemoRegistry.Teaching t) =>
        $"user=head-{t.ClassId}; roles=head@{api.Registry.Data.Classes.Single(c => c.Id == t.ClassId).OrganizationId}";

    private async Task<long> MarkAsync(DemoRegistry.Teaching t, int student, string kind, int score, int? maxScore = null, string date = "2026-11-16")
    {
        var response = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/marks", new
        {
            entries = new[] { new { entryId = Guid.NewGuid(), studentId = t.Roster[student], subjectId = t.SubjectId, date, kind, score, maxScore } },
        }, Teacher(t));
        Assert.True(response.Status == 200, $"{response.Status} {response.Body}");
        return response.Body.GetProperty("entries")[0].GetProperty("sequence").GetInt64();
    }

    private Task<(int Status, JsonElement Body, string? ContentType)> CorrectAsync(DemoRegistry.Teaching t, object body, string? actor = null, string language = "en") =>
        api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/corrections", body, actor ?? Teacher(t), language);

    private async Task<JsonElement> FiguresAsync(string classId, string query = "") =>
        (await api.Http.GetJsonAsync($"/api/v1/nodes/{classId}/summary?{query}")).Body.GetProperty("figures");

    private Task<long> RowsAsync(string classId) => api.Db.ScalarAsync<long>("SELECT count(*) FROM journal WHERE class_id = @c", ("c", classId));

    [Fact]
    public async Task A_replaced_mark_moves_the_totals_and_the_term_mark_and_its_history_is_shown()
    {
        var t = api.Registry.InSchoolClass(0);
        await MarkAsync(t, 0, "section", 10, 20);
        await MarkAsync(t, 0, "term", 20, 25, "2026-11-18");
        var mistake = await MarkAsync(t, 0, "formative", 4);
        // Before: FO 40 %, SOR 50 %, SOCH 80 % → 10 + 12.5 + 40 = 62.5 → 63 → 3.
        Assert.Equal(4, (await FiguresAsync(t.ClassId)).GetProperty("formativeScoreSum").GetInt64());
        Assert.Equal(1, (await FiguresAsync(t.ClassId, $"term=2&subjectId={t.SubjectId}")).GetProperty("termMarks3").GetInt64());

        var id = Guid.NewGuid();
        var correction = new { entryId = id, supersedes = mistake, action = "replace", score = 9, reason = "Typed 4 instead of 9" };
        var response = await CorrectAsync(t, correction);
        Assert.True(response.Status == 200, $"{response.Status} {response.Body}");
        var sequence = response.Body.GetProperty("entries")[0].GetProperty("sequence").GetInt64();
        Assert.True(sequence > mistake);

        // After: FO 90 % → 22.5 + 12.5 + 40 = 75 → 4. The class counts the new score only.
        var figures = await FiguresAsync(t.ClassId);
        Assert.Equal((1, 9), (figures.GetProperty("formativeMarks").GetInt64(), figures.GetProperty("formativeScoreSum").GetInt64()));
        var term = await FiguresAsync(t.ClassId, $"term=2&subjectId={t.SubjectId}");
        Assert.Equal((0, 1), (term.GetProperty("termMarks3").GetInt64(), term.GetProperty("termMarks4").GetInt64()));

        var diary = (await api.Http.GetJsonAsync($"/api/v1/students/{t.Roster[0]}/diary", Head(t), "ru")).Body;
        Assert.Equal([9], diary.GetProperty("marks").EnumerateArray().Where(m => m.GetProperty("kind").GetString() == "formative").Select(m => m.GetProperty("score").GetInt32()).ToArray());
        var history = diary.GetProperty("corrections").EnumerateArray().Single();
        Assert.Equal((mistake, "replace", "4/10", "9/10", "Typed 4 instead of 9", t.TeacherId),
            (history.GetProperty("supersedes").GetInt64(), history.GetProperty("action").GetString(), history.GetProperty("oldValue").GetString(),
             history.GetProperty("newValue").GetString(), history.GetProperty("reason").GetString(), history.GetProperty("authorId").GetString()));
        Assert.Equal("Исправлено", history.GetProperty("actionName").GetString());

        // A retry is a duplicate; correcting the superseded row again is a conflict; the journal has one correction.
        var retry = await CorrectAsync(t, correction);
        Assert.Equal("duplicate", retry.Body.GetProperty("entries")[0].GetProperty("status").GetString());
        var again = await CorrectAsync(t, new { entryId = Guid.NewGuid(), supersedes = mistake, action = "replace", score = 8, reason = "again" });
        Assert.Equal(409, again.Status);
        Assert.Equal("entryAlreadyCorrected", again.Body.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Equal(1, await api.Db.ScalarAsync<long>("SELECT count(*) FROM journal WHERE supersedes = @s", ("s", mistake)));
        Assert.Equal(1, await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'journal.correct' AND outcome = 'committed' AND target_id = @c", ("c", t.ClassId)));

        // Voiding the corrected mark removes it from every total.
        Assert.Equal(200, (await CorrectAsync(t, new { entryId = Guid.NewGuid(), supersedes = sequence, action = "void", reason = "Wrong student" })).Status);
        Assert.Equal(0, (await FiguresAsync(t.ClassId)).GetProperty("formativeMarks").GetInt64());
        Assert.Equal(2, (await api.Http.GetJsonAsync($"/api/v1/students/{t.Roster[0]}/diary", Head(t))).Body.GetProperty("corrections").GetArrayLength());
    }

    [Fact]
    public async Task A_corrected_roll_call_moves_the_attendance()
    {
        var t = api.Registry.InSchoolClass(1);
        var lesson = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/lessons", new
        {
            entries = new[] { new { entryId = Guid.NewGuid(), subjectId = t.SubjectId, date = "2026-11-17", period = 2, absentees = new[] { new { studentId = t.Roster[1], code = "unexcused" } } } },
        }, Teacher(t));
        var sequence = lesson.Body.GetProperty("entries")[0].GetProperty("sequence").GetInt64();
        Assert.Equal(1, (await FiguresAsync(t.ClassId)).GetProperty("absentUnexcused").GetInt64());

        // The student was only late: the roll-call is replaced; the lesson still counts once.
        var response = await CorrectAsync(t, new { entryId = Guid.NewGuid(), supersedes = sequence, action = "replace", absentees = new[] { new { studentId = t.Roster[1], code = "late" } }, reason = "Arrived late, with a note" });
        Assert.True(response.Status == 200, $"{response.Status} {response.Body}");
        var figures = await FiguresAsync(t.ClassId);
        Assert.Equal((1, 8, 8, 1, 0), (figures.GetProperty("lessonsHeld").GetInt64(), figures.GetProperty("seatsHeld").GetInt64(),
            figures.GetProperty("attended").GetInt64(), figures.GetProperty("late").GetInt64(), figures.GetProperty("absentUnexcused").GetInt64()));
        var history = (await api.Http.GetJsonAsync($"/api/v1/students/{t.Roster[1]}/diary", Head(t))).Body.GetProperty("corrections").EnumerateArray().Single();
        Assert.Equal(("unexcused", "late"), (history.GetProperty("oldValue").GetString(), history.GetProperty("newValue").GetString()));
    }

    public static TheoryData<string, object, int, string, string> Refusals => new()
    {
        { "no reason", new { action = "replace", score = 5 }, 400, "reason", "reasonRequired" },
        { "blank reason", new { action = "replace", score = 5, reason = "  " }, 400, "reason", "reasonRequired" },
        { "unknown action", new { action = "delete", reason = "x" }, 400, "action", "correctionActionUnknown" },
        { "score out of range", new { action = "replace", score = 11, reason = "x" }, 400, "score", "scoreOutOfRange" },
        { "no score", new { action = "replace", reason = "x" }, 400, "score", "required" },
        { "unknown row", new { action = "void", reason = "x", supersedes = 999999999L }, 404, "", "" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_bad_correction_is_refused_and_writes_nothing(string _, object body, int status, string field, string code)
    {
        var t = api.Registry.InSchoolClass(2);
        var mark = await MarkAsync(t, 2, "formative", 6);
        var fields = JsonSerializer.SerializeToElement(body).EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        fields["entryId"] = Guid.NewGuid();
        fields.TryAdd("supersedes", mark);
        var before = await RowsAsync(t.ClassId);
        var response = await CorrectAsync(t, fields);
        Assert.Equal(status, response.Status);
        if (status == 400)
        {
            Assert.Equal(field, response.Body.GetProperty("errors")[0].GetProperty("field").GetString());
            Assert.Equal(code, response.Body.GetProperty("errors")[0].GetProperty("code").GetString());
        }
        Assert.Equal(before, await RowsAsync(t.ClassId));
    }

    [Fact]
    public async Task Only_the_subjects_teacher_or_the_head_corrects_and_never_in_a_closed_term()
    {
        var t = api.Registry.InSchoolClass(3);
        var other = api.Registry.Teachings().First(x => x.ClassId == t.ClassId && x.TeacherId != t.TeacherId);
        var mark = await MarkAsync(t, 3, "formative", 5, date: "2026-10-15");
        var body = new { entryId = Guid.NewGuid(), supersedes = mark, action = "replace", score = 6, reason = "x" };
        Assert.Equal(403, (await CorrectAsync(t, body, $"user={other.TeacherId}; roles=teacher")).Status);
        Assert.Equal(403, (await CorrectAsync(t, body, "user=ct; person=nobody; roles=class_teacher@" + t.ClassId)).Status);

        Assert.Equal(200, (await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/terms/1/close", new { }, Head(t))).Status);
        var closed = await CorrectAsync(t, body, Head(t));
        Assert.Equal(400, closed.Status);
        Assert.Equal("termClosed", closed.Body.GetProperty("errors")[0].GetProperty("code").GetString());

        Assert.Equal(200, (await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/terms/1/reopen", new { reason = "Correct a mark" }, Head(t))).Status);
        Assert.Equal(200, (await CorrectAsync(t, body, Head(t))).Status);
        Assert.Equal(6, (await FiguresAsync(t.ClassId, "term=1")).GetProperty("formativeScoreSum").GetInt64());
    }
}
