using EduInfo.IntegrationTests.Infrastructure;

namespace EduInfo.IntegrationTests.Analysis;

/// <summary>The early-warning list of a class over HTTP and PostgreSQL (issue 19, docs/analysis.md#signals).</summary>
public sealed class WarningApiTests(ApiHost api) : IClassFixture<ApiHost>
{
    /// <summary>
    /// Term 2, ten roll-calls of the subject on school days from 2026-11-09. Pupil a missed one (10 % of their seats) and
    /// never wrote the section summative the class wrote: two reasons. Pupil b: FO 2/10, SOR 4/20 → 20 % → a 2. Pupil c:
    /// FO 9/10, SOR 15/20 → 83 % → nothing. The rest of the roster has no marks at all (not yet assessed, nothing owed)
    /// and missed nothing.
    /// </summary>
    [Fact]
    public async Task The_list_names_exactly_the_pupils_at_risk_with_their_reasons_for_the_diarys_readers_only()
    {
        var t = api.Registry.InSchoolClass(0);
        var (a, b, c) = (t.Roster[0], t.Roster[1], t.Roster[2]);
        var organization = api.Registry.Data.Classes.Single(x => x.Id == t.ClassId).OrganizationId;
        var teacher = $"user={t.TeacherId}; roles=teacher";
        var days = DemoRegistry.SchoolDays(new DateOnly(2026, 11, 9), new DateOnly(2026, 11, 26)).Take(10).ToList();
        Assert.Equal(10, days.Count);
        var lessons = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/lessons", new
        {
            entries = days.Select((day, i) => new
            {
                entryId = Guid.NewGuid(), subjectId = t.SubjectId, date = day.ToString("yyyy-MM-dd"), period = 2,
                absentees = i == 3 ? new[] { new { studentId = a, code = "unexcused" } } : [],
            }).ToArray(),
        }, teacher);
        Assert.True(lessons.Status == 200, lessons.Body.ToString());
        object Mark(string student, string kind, int score, int? max = null) =>
            new { entryId = Guid.NewGuid(), studentId = student, subjectId = t.SubjectId, date = "2026-11-17", kind, score, maxScore = max };
        var marks = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/marks", new
        {
            entries = new[] { Mark(a, "formative", 9), Mark(b, "formative", 2), Mark(b, "section", 4, 20), Mark(c, "formative", 9), Mark(c, "section", 15, 20) },
        }, teacher);
        Assert.True(marks.Status == 200, marks.Body.ToString());

        var list = await api.Http.GetJsonAsync($"/api/v1/classes/{t.ClassId}/warnings?term=2", teacher, "en");

        Assert.True(list.Status == 200, $"{list.Status} {list.Body}");
        var reasons = list.Body.GetProperty("pupils").EnumerateArray().ToDictionary(
            p => p.GetProperty("studentId").GetString()!,
            p => string.Join("; ", p.GetProperty("reasons").EnumerateArray().Select(r =>
                $"{r.GetProperty("reason").GetString()}/{Text(r, "subjectId")}/{Text(r, "component")}/{Text(r, "value")}")));
        Assert.Equal(new Dictionary<string, string>
        {
            [a] = $"absences///10; pendingSummative/{t.SubjectId}/section/",
            [b] = $"projectedFail/{t.SubjectId}//2",
        }, reasons);
        var first = list.Body.GetProperty("pupils").EnumerateArray().Single(p => p.GetProperty("studentId").GetString() == a);
        Assert.False(string.IsNullOrWhiteSpace(first.GetProperty("displayName").GetString()));
        Assert.Equal("Missed 10 % of the term's lessons", first.GetProperty("reasons")[0].GetProperty("text").GetString());

        // The head reads it too; a parent of the pupil and the Ministry's analyst may not (names), each refusal audited.
        Assert.Equal(200, (await api.Http.GetJsonAsync($"/api/v1/classes/{t.ClassId}/warnings?term=2", $"user=the-head; roles=head@{organization}")).Status);
        var parentId = api.Registry.Data.StudentParents.First(p => p.StudentId == a).ParentId;
        var parent = await api.Http.GetJsonAsync($"/api/v1/classes/{t.ClassId}/warnings?term=2", $"user=parent-account; roles=parent@{parentId}");
        Assert.Equal(403, parent.Status);
        Assert.DoesNotContain(a, parent.Body.ToString(), StringComparison.Ordinal);
        Assert.Equal(403, (await api.Http.GetJsonAsync($"/api/v1/classes/{t.ClassId}/warnings?term=2", HttpExtensions.Analyst)).Status);
        Assert.Equal((2L, 2L), (
            await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'class.warnings.read' AND target_id = @c AND outcome = 'ok'", ("c", t.ClassId)),
            await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'class.warnings.read' AND target_id = @c AND outcome = 'denied'", ("c", t.ClassId))));

        // Term 1 had none of it.
        var earlier = await api.Http.GetJsonAsync($"/api/v1/classes/{t.ClassId}/warnings?term=1", teacher);
        Assert.Equal(0, earlier.Body.GetProperty("pupils").GetArrayLength());
    }

    private static string Text(System.Text.Json.JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind != System.Text.Json.JsonValueKind.Null ? v.ToString() : "";
}
