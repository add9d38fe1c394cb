using EduInfo.IntegrationTests.Infrastructure;

namespace EduInfo.IntegrationTests.Assessment;

/// <summary>
/// A cross-class profile group (DESIGN.md §2): one batch for students of two classes, split by home class, every part
/// checked before any is written, each row counted in the student's home class.
/// </summary>
public sealed class ProfileGroupApiTests(ApiHost api) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task A_profile_group_writes_for_students_of_several_classes_and_each_counts_at_home()
    {
        var data = api.Registry.Data;
        var school = data.Classes.Where(c => data.Organizations.Single(o => o.Id == c.OrganizationId).Kind == "school")
            .GroupBy(c => c.OrganizationId).Skip(5).First();
        var (a, b) = (school.First().Id, school.Skip(1).First().Id);
        var fromA = data.Enrolments.Where(e => e.ClassId == a).Select(e => e.StudentId).Order(StringComparer.Ordinal).Take(2).ToArray();
        var fromB = data.Enrolments.Where(e => e.ClassId == b).Select(e => e.StudentId).Order(StringComparer.Ordinal).Take(2).ToArray();
        var outsider = data.Enrolments.Where(e => e.ClassId == a).Select(e => e.StudentId).Order(StringComparer.Ordinal).Last();
        var teacher = data.Teachers.First(t => t.OrganizationId == school.Key).Id;
        const string group = "PROFILE-MAT-1";
        await api.Db.ExecuteAsync("""
            INSERT INTO teaching_groups (id, class_id, kind, subject_id, name) VALUES ('PROFILE-MAT-1', NULL, 'profile', 'MAT', '10 profile mathematics');
            INSERT INTO teaching_group_members (group_id, student_id, from_date) SELECT 'PROFILE-MAT-1', unnest(@members), '2026-09-01';
            INSERT INTO assignments (teacher_id, group_id, subject_id, from_date) VALUES (@teacher, 'PROFILE-MAT-1', 'MAT', '2026-09-01');
            """, ("members", fromA.Concat(fromB).ToArray()), ("teacher", teacher));
        var actor = $"user={teacher}; roles=teacher";

        var entries = fromA.Concat(fromB).Select((s, i) => new { entryId = Guid.NewGuid(), studentId = s, subjectId = "MAT", date = "2026-11-18", kind = "formative", score = 6 + i }).ToArray();
        var marks = await api.Http.PostJsonAsync($"/api/v1/groups/{group}/marks", new { entries }, actor);
        Assert.True(marks.Status == 200, $"{marks.Status} {marks.Body}");
        Assert.Equal(4, marks.Body.GetProperty("inserted").GetInt32());
        Assert.Equal((2L, 2L), (await CountAsync("mark", a), await CountAsync("mark", b)));
        Assert.Equal(4, (await api.Http.PostJsonAsync($"/api/v1/groups/{group}/marks", new { entries }, actor)).Body.GetProperty("duplicates").GetInt32());

        // One roll-call: a row per home class, each with its part of the roster.
        var lessonId = Guid.NewGuid();
        var lesson = new { entries = new[] { new { entryId = lessonId, subjectId = "MAT", date = "2026-11-18", period = 5, absentees = new[] { new { studentId = fromB[0], code = "sick" } } } } };
        var recorded = await api.Http.PostJsonAsync($"/api/v1/groups/{group}/lessons", lesson, actor);
        Assert.True(recorded.Status == 200, $"{recorded.Status} {recorded.Body}");
        Assert.Equal((1L, 1L), (await CountAsync("lesson", a), await CountAsync("lesson", b)));
        Assert.Equal(2, await api.Db.ScalarAsync<int>("SELECT cardinality(roster) FROM journal WHERE group_id = @g AND entry_kind = 'lesson' AND class_id = @c", ("g", group), ("c", b)));
        Assert.Equal("duplicate", (await api.Http.PostJsonAsync($"/api/v1/groups/{group}/lessons", lesson, actor)).Body.GetProperty("entries")[0].GetProperty("status").GetString());
        var figuresB = (await api.Http.GetJsonAsync($"/api/v1/nodes/{b}/summary")).Body.GetProperty("figures");
        Assert.Equal((2, 1), (figuresB.GetProperty("seatsHeld").GetInt64(), figuresB.GetProperty("absentSick").GetInt64()));

        // Every part is checked before any is written: one bad entry (a student outside the group) refuses the batch.
        var before = await api.Db.ScalarAsync<long>("SELECT count(*) FROM journal");
        var bad = await api.Http.PostJsonAsync($"/api/v1/groups/{group}/marks", new
        {
            entries = new object[]
            {
                new { entryId = Guid.NewGuid(), studentId = fromA[0], subjectId = "MAT", date = "2026-11-19", kind = "formative", score = 9 },
                new { entryId = Guid.NewGuid(), studentId = fromB[0], subjectId = "MAT", date = "2026-11-19", kind = "formative", score = 11 },
                new { entryId = Guid.NewGuid(), studentId = outsider, subjectId = "MAT", date = "2026-11-19", kind = "formative", score = 5 },
            },
        }, actor, "en");
        Assert.Equal(400, bad.Status);
        Assert.Equal(["entries[1].score:scoreOutOfRange", "entries[2].studentId:studentNotInGroup"],
            bad.Body.GetProperty("errors").EnumerateArray().Select(e => $"{e.GetProperty("field").GetString()}:{e.GetProperty("code").GetString()}").Order().ToArray());
        Assert.Equal(before, await api.Db.ScalarAsync<long>("SELECT count(*) FROM journal"));
        Assert.Equal(404, (await api.Http.PostJsonAsync("/api/v1/groups/NO-SUCH-GROUP/marks", new { entries }, actor)).Status);
    }

    private Task<long> CountAsync(string kind, string classId) =>
        api.Db.ScalarAsync<long>("SELECT count(*) FROM journal WHERE group_id = 'PROFILE-MAT-1' AND entry_kind = @k AND class_id = @c", ("k", kind), ("c", classId));
}
