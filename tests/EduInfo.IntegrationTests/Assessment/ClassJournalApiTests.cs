using EduInfo.IntegrationTests.Infrastructure;

namespace EduInfo.IntegrationTests.Assessment;

/// <summary>The teacher's journal grid: one subject and term, lessons across, students down, with names for the class's own teachers.</summary>
public sealed class ClassJournalApiTests(ApiHost api) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task The_grid_shows_every_students_marks_absences_and_standing_for_the_subject_and_term()
    {
        var t = api.Registry.InSchoolClass(4);
        var teacher = $"user={t.TeacherId}; roles=teacher";
        var marks = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/marks", new
        {
            entries = new object[]
            {
                new { entryId = Guid.NewGuid(), studentId = t.Roster[0], subjectId = t.SubjectId, date = "2026-11-16", kind = "formative", score = 8 },
                new { entryId = Guid.NewGuid(), studentId = t.Roster[0], subjectId = t.SubjectId, date = "2026-11-17", kind = "section", score = 14, maxScore = 20 },
                new { entryId = Guid.NewGuid(), studentId = t.Roster[1], subjectId = t.SubjectId, date = "2026-10-01", kind = "formative", score = 5 }, // term 1
            },
        }, teacher);
        Assert.Equal(200, marks.Status);
        var lesson = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/lessons", new
        {
            entries = new[] { new { entryId = Guid.NewGuid(), subjectId = t.SubjectId, date = "2026-11-16", period = 3, absentees = new[] { new { studentId = t.Roster[2], code = "sick" } } } },
        }, teacher);
        Assert.Equal(200, lesson.Status);

        var grid = await api.Http.GetJsonAsync($"/api/v1/classes/{t.ClassId}/journal?subjectId={t.SubjectId}&term=2", teacher, "ru");
        Assert.True(grid.Status == 200, $"{grid.Status} {grid.Body}");
        Assert.Equal("2026-11-02", grid.Body.GetProperty("starts").GetString());
        Assert.False(grid.Body.GetProperty("closed").GetBoolean());
        Assert.Equal((1, 8, 1), (grid.Body.GetProperty("lessons").GetArrayLength(), grid.Body.GetProperty("lessons")[0].GetProperty("roster").GetInt32(),
            grid.Body.GetProperty("lessons")[0].GetProperty("absent").GetInt32()));
        var students = grid.Body.GetProperty("students").EnumerateArray().ToDictionary(s => s.GetProperty("studentId").GetString()!);
        Assert.Equal(t.Roster.Order(StringComparer.Ordinal), students.Keys.Order(StringComparer.Ordinal));
        var first = students[t.Roster[0]];
        Assert.Equal([("formative", 8), ("section", 14)], first.GetProperty("marks").EnumerateArray().Select(m => (m.GetProperty("kind").GetString(), m.GetProperty("score").GetInt32())).ToArray());
        // FO 80 %, SOR 70 %, no term summative held: weights 25 : 25 shared → 50 / 50 → 75 → 4.
        var standing = first.GetProperty("standing");
        Assert.Equal((75, 4), (standing.GetProperty("percent").GetInt32(), standing.GetProperty("mark").GetInt32()));
        Assert.Equal(50m, standing.GetProperty("weightsUsed").GetProperty("formative").GetDecimal());
        Assert.Contains("СОР", standing.GetProperty("explanation").GetString());
        Assert.Empty(students[t.Roster[1]].GetProperty("marks").EnumerateArray()); // the term-1 mark is not in term 2
        Assert.Equal("sick", students[t.Roster[2]].GetProperty("absences")[0].GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(first.GetProperty("displayName").GetString()));
        Assert.Equal(1, await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'class.journal.read' AND target_id = @c AND outcome = 'ok'", ("c", t.ClassId)));

        // Another subject's teacher of the class may not read this subject's grid; bad filters are a 400; a term without dates a 404.
        var other = api.Registry.Teachings().First(x => x.ClassId == t.ClassId && x.TeacherId != t.TeacherId && x.SubjectId != t.SubjectId);
        Assert.Equal(403, (await api.Http.GetJsonAsync($"/api/v1/classes/{t.ClassId}/journal?subjectId={t.SubjectId}&term=2", $"user={other.TeacherId}; roles=teacher")).Status);
        Assert.Equal(400, (await api.Http.GetJsonAsync($"/api/v1/classes/{t.ClassId}/journal?term=2", teacher)).Status);
        Assert.Equal(400, (await api.Http.GetJsonAsync($"/api/v1/classes/{t.ClassId}/journal?subjectId={t.SubjectId}&term=9", teacher)).Status);
        Assert.Equal(404, (await api.Http.GetJsonAsync($"/api/v1/classes/{t.ClassId}/journal?subjectId={t.SubjectId}&term=5", teacher)).Status);
    }
}
