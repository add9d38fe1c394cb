using EduInfo.IntegrationTests.Infrastructure;

namespace EduInfo.IntegrationTests.Api;

/// <summary>The student card: personal data for the student's circle only; the whole IIN only for those who need it.</summary>
public sealed class StudentCardTests(ApiHost api) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task The_IIN_is_whole_for_the_head_and_masked_for_a_subject_teacher_and_the_card_is_audited()
    {
        var t = api.Registry.InClass(0);
        var student = t.Roster[0];
        var iin = await api.Db.ScalarAsync<string>("SELECT iin FROM students WHERE id = @s", ("s", student));
        var organization = api.Registry.Data.Classes.Single(c => c.Id == t.ClassId).OrganizationId;

        var head = await api.Http.GetJsonAsync($"/api/v1/students/{student}", $"user=head; roles=head@{organization}");
        Assert.Equal(200, head.Status);
        Assert.Equal(iin, head.Body.GetProperty("iin").GetString());
        Assert.False(head.Body.GetProperty("iinMasked").GetBoolean());
        Assert.Equal(await api.Db.ScalarAsync<string>("SELECT last_name FROM students WHERE id = @s", ("s", student)), head.Body.GetProperty("lastName").GetString());

        var teacher = await api.Http.GetJsonAsync($"/api/v1/students/{student}", $"user={t.TeacherId}; roles=teacher@{organization}");
        Assert.Equal(200, teacher.Status);
        Assert.Equal("••••••••" + iin[8..], teacher.Body.GetProperty("iin").GetString());
        Assert.True(teacher.Body.GetProperty("iinMasked").GetBoolean());

        Assert.Equal(403, (await api.Http.GetJsonAsync($"/api/v1/students/{student}", HttpExtensions.Analyst)).Status);

        Assert.Equal(1, await api.Db.ScalarAsync<long>(
            "SELECT count(*) FROM audit_log WHERE action = 'student.card.read' AND target_id = @s AND detail->>'iin' = 'full'", ("s", student)));
        Assert.Equal(1, await api.Db.ScalarAsync<long>(
            "SELECT count(*) FROM audit_log WHERE action = 'student.card.read' AND target_id = @s AND detail->>'iin' = 'masked'", ("s", student)));
        Assert.Equal(1, await api.Db.ScalarAsync<long>(
            "SELECT count(*) FROM audit_log WHERE action = 'student.card.read' AND target_id = @s AND outcome = 'denied'", ("s", student)));
        Assert.Equal(0, await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE detail::text LIKE '%' || @iin || '%'", ("iin", iin)));
    }

    /// <summary>
    /// A parent's link counts from its first day in Kazakhstan's calendar (the injected clock, pinned on 27 November),
    /// not the database server's: a link from the 28th does not open the diary on the 27th, whatever day the machine says.
    /// </summary>
    [Fact]
    public async Task A_parent_link_from_tomorrow_does_not_open_the_diary_today()
    {
        var link = api.Registry.Data.StudentParents[^1];
        var parent = $"user=p; roles=parent@{link.ParentId}";
        Assert.Equal(200, (await api.Http.GetJsonAsync($"/api/v1/students/{link.StudentId}/diary", parent)).Status);

        await api.Db.ExecuteAsync("UPDATE student_parents SET from_date = @d WHERE student_id = @s AND parent_id = @p",
            ("d", TestClock.Today.AddDays(1)), ("s", link.StudentId), ("p", link.ParentId));
        try
        {
            Assert.Equal(403, (await api.Http.GetJsonAsync($"/api/v1/students/{link.StudentId}/diary", parent)).Status);
            var me = await api.Http.GetJsonAsync("/api/v1/me", parent);
            Assert.DoesNotContain(me.Body.GetProperty("children").EnumerateArray(), c => c.GetProperty("studentId").GetString() == link.StudentId);
        }
        finally
        {
            await api.Db.ExecuteAsync("UPDATE student_parents SET from_date = NULL WHERE student_id = @s AND parent_id = @p",
                ("s", link.StudentId), ("p", link.ParentId));
        }
    }
}
