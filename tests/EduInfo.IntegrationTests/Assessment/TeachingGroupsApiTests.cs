using EduInfo.IntegrationTests.Infrastructure;

namespace EduInfo.IntegrationTests.Assessment;

/// <summary>
/// Marks and roll-calls of a subgroup (DESIGN.md §2, Teaching groups): checked against the subgroup's dated roster and
/// its teacher's assignment, stored with the group, and counted in each student's home class.
/// </summary>
public sealed class TeachingGroupsApiTests(ApiHost api) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task A_subgroup_writes_for_its_own_roster_and_counts_in_the_home_class()
    {
        var t = api.Registry.InSchoolClass(7);
        var groupId = $"{t.ClassId}-{t.SubjectId}-2";
        var groupTeacher = api.Registry.Data.Teachers.First(x => x.Id != t.TeacherId).Id;
        var members = t.Roster.Skip(4).ToArray();
        // The second half of the class learns the subject with another teacher (written before the class is first used).
        await api.Db.ExecuteAsync($"""
            INSERT INTO teaching_groups (id, class_id, kind, subject_id, name) VALUES ('{groupId}', '{t.ClassId}', 'subgroup', '{t.SubjectId}', 'half 2');
            INSERT INTO teaching_group_members (group_id, student_id, from_date) SELECT '{groupId}', unnest(@members), '2026-09-01';
            INSERT INTO assignments (teacher_id, group_id, subject_id, from_date) VALUES ('{groupTeacher}', '{groupId}', '{t.SubjectId}', '2026-09-01');
            """, ("members", members));
        var teacher = $"user={groupTeacher}; roles=teacher";

        var marks = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/marks", new
        {
            entries = members.Select(s => new { entryId = Guid.NewGuid(), studentId = s, subjectId = t.SubjectId, date = "2026-11-19", kind = "formative", score = 7, groupId }).ToArray(),
        }, teacher);
        Assert.True(marks.Status == 200, $"{marks.Status} {marks.Body}");
        Assert.Equal(members.Length, await api.Db.ScalarAsync<long>("SELECT count(*) FROM journal WHERE group_id = @g AND class_id = @c", ("g", groupId), ("c", t.ClassId)));

        // The same period for the whole class and for the subgroup are two lessons; the subgroup's roster is its members.
        foreach (var (group, actor) in new[] { (groupId, teacher), ((string?)null, $"user={t.TeacherId}; roles=teacher") })
        {
            var lesson = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/lessons", new
            {
                entries = new[] { new { entryId = Guid.NewGuid(), subjectId = t.SubjectId, date = "2026-11-19", period = 4, absentees = new[] { new { studentId = members[0], code = "sick" } }, groupId = group } },
            }, actor);
            Assert.True(lesson.Status == 200, $"{lesson.Status} {lesson.Body}");
        }
        Assert.Equal(members.Length, await api.Db.ScalarAsync<int>("SELECT cardinality(roster) FROM journal WHERE group_id = @g AND entry_kind = 'lesson'", ("g", groupId)));
        var figures = (await api.Http.GetJsonAsync($"/api/v1/nodes/{t.ClassId}/summary")).Body.GetProperty("figures");
        Assert.Equal((members.Length, 2, members.Length + t.Roster.Length, 2),
            (figures.GetProperty("formativeMarks").GetInt64(), figures.GetProperty("lessonsHeld").GetInt64(),
             figures.GetProperty("seatsHeld").GetInt64(), figures.GetProperty("absentSick").GetInt64()));

        // Refusals: a student outside the subgroup, an unknown group, the class's teacher writing for a group not theirs.
        async Task<string?> RefusedAsync(object entry, string actor)
        {
            var response = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/marks", new { entries = new[] { entry } }, actor);
            Assert.Equal(400, response.Status);
            return response.Body.GetProperty("errors")[0].GetProperty("code").GetString();
        }
        Assert.Equal("studentNotInGroup", await RefusedAsync(new { entryId = Guid.NewGuid(), studentId = t.Roster[0], subjectId = t.SubjectId, date = "2026-11-19", kind = "formative", score = 5, groupId }, teacher));
        Assert.Equal("groupUnknown", await RefusedAsync(new { entryId = Guid.NewGuid(), studentId = members[0], subjectId = t.SubjectId, date = "2026-11-19", kind = "formative", score = 5, groupId = "NO-SUCH-GROUP" }, teacher));
        Assert.Equal("notAssigned", await RefusedAsync(new { entryId = Guid.NewGuid(), studentId = members[0], subjectId = t.SubjectId, date = "2026-11-19", kind = "formative", score = 5, groupId }, $"user={t.TeacherId}; roles=teacher"));
    }
}
