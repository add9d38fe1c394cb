using EduInfo.IntegrationTests.Api;
using EduInfo.IntegrationTests.Infrastructure;

namespace EduInfo.IntegrationTests.Registry;

/// <summary>
/// Issue 18 over HTTP and PostgreSQL: a head hires a teacher, gives them an account and a subject from a date (the
/// teacher's /me and journal follow), and an assignment ended before the teacher's recorded marks is refused naming them.
/// </summary>
public sealed class StaffApiTests(ApiHost api) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task A_hired_teacher_with_an_account_sees_the_subject_from_its_date_and_writes_marks()
    {
        var teaching = api.Registry.InClass(2);
        var organization = api.Registry.Data.Classes.Single(c => c.Id == teaching.ClassId).OrganizationId;
        var head = $"user=staff-head; roles=head@{organization}";
        var staffUrl = $"/api/v1/organizations/{organization}/staff";

        var hired = await api.Http.PostJsonAsync(staffUrl, new { iin = StaffWorld.NewIin(), lastName = "Сәрсенбаева", firstName = "Айгүл", middleName = "Қайратқызы", post = "teacher", hiredOn = "2026-11-02" }, head);
        Assert.True(hired.Status == 201, $"{hired.Status} {hired.Body}");
        var staffId = hired.Body.GetProperty("id").GetString()!;
        Assert.Equal("Сәрсенбаева", await api.Db.ScalarAsync<string>("SELECT last_name FROM teachers WHERE id = @t", ("t", staffId)));
        // The staff list names people: each read of it is an audit row of the reader.
        var list = await api.Http.GetJsonAsync(staffUrl, head);
        Assert.Contains(list.Body.EnumerateArray(), s => s.GetProperty("id").GetString() == staffId);
        Assert.Equal(1, await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'registry.staff.read' AND actor_id = 'staff-head' AND organization_id = @o",
            ("o", organization)));
        Assert.Equal(1, await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'staff.hire' AND target_id = @t AND organization_id = @o",
            ("t", staffId), ("o", organization)));
        // An assignment before the hiring is refused; the same from today is made, and one from next month is not yet in force.
        var early = await api.Http.PostJsonAsync($"/api/v1/organizations/{organization}/assignments",
            new { teacherId = staffId, groupId = teaching.ClassId, subjectId = teaching.SubjectId, from = "2026-10-01" }, head);
        Assert.Equal(400, early.Status);
        Assert.Equal("notEmployed", early.Body.GetProperty("errors")[0].GetProperty("code").GetString());
        var assigned = await api.Http.PostJsonAsync($"/api/v1/organizations/{organization}/assignments",
            new { teacherId = staffId, groupId = teaching.ClassId, subjectId = teaching.SubjectId, from = "2026-11-27" }, head);
        Assert.True(assigned.Status == 201, $"{assigned.Status} {assigned.Body}");
        Assert.True(await api.Db.ScalarAsync<bool>("SELECT seq > 0 FROM class_watermarks WHERE class_id = @c", ("c", teaching.ClassId)));

        var account = await api.Http.PostJsonAsync($"{staffUrl}/{staffId}/account", new { login = "aigul.s" }, head);
        Assert.True(account.Status == 200, $"{account.Status} {account.Body}");
        var password = account.Body.GetProperty("password").GetString()!;
        Assert.Equal(16, password.Length);
        Assert.False(await api.Db.ScalarAsync<bool>("SELECT detail::text LIKE '%' || @p || '%' FROM audit_log WHERE action = 'staff.account' AND target_id = @t",
            ("p", password), ("t", staffId)));
        var token = await api.Http.PostJsonAsync("/api/v1/auth/token", new { login = "aigul.s", password }, actor: null);
        Assert.True(token.Status == 200, $"{token.Status} {token.Body}");

        using var me = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        me.Headers.Authorization = new("Bearer", token.Body.GetProperty("accessToken").GetString());
        var meBody = System.Text.Json.JsonDocument.Parse(await (await api.Http.SendAsync(me)).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(staffId, meBody.GetProperty("personId").GetString());
        Assert.Contains(meBody.GetProperty("teaching").EnumerateArray(), t => t.GetProperty("classId").GetString() == teaching.ClassId);

        // The class loaded the new assignment: the teacher writes a mark today, not yesterday (before the assignment).
        var mark = (string date) => new { entries = new[] { new { entryId = Guid.NewGuid(), studentId = teaching.Roster[0], subjectId = teaching.SubjectId, date, kind = "formative", score = 7 } } };
        var writer = $"user=U-{staffId}; person={staffId}; roles=teacher@{organization}";
        var today = await api.Http.PostJsonAsync($"/api/v1/classes/{teaching.ClassId}/marks", mark("2026-11-27"), writer);
        Assert.True(today.Status == 200, $"{today.Status} {today.Body}");
        var yesterday = await api.Http.PostJsonAsync($"/api/v1/classes/{teaching.ClassId}/marks", mark("2026-11-26"), writer);
        Assert.Equal(400, yesterday.Status);
        Assert.Equal("notAssigned", yesterday.Body.GetProperty("errors")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_new_class_teacher_takes_the_grant_from_the_previous_one_and_leaves_a_grant_given_by_hand()
    {
        var classId = api.Registry.InClass(8).ClassId;
        var organization = api.Registry.Data.Classes.Single(c => c.Id == classId).OrganizationId;
        var head = $"user=staff-head-ct; roles=head@{organization}";
        var staffUrl = $"/api/v1/organizations/{organization}/staff";
        async Task<string> HireWithAccountAsync(string last, string login)
        {
            var hired = await api.Http.PostJsonAsync(staffUrl, new { iin = StaffWorld.NewIin(), lastName = last, firstName = "Асель", post = "teacher", hiredOn = "2026-09-01" }, head);
            Assert.True(hired.Status == 201, $"{hired.Status} {hired.Body}");
            var id = hired.Body.GetProperty("id").GetString()!;
            var account = await api.Http.PostJsonAsync($"{staffUrl}/{id}/account", new { login }, head);
            Assert.True(account.Status == 200, $"{account.Status} {account.Body}");
            return id;
        }
        var first = await HireWithAccountAsync("Бірінші", "ct.first");
        var second = await HireWithAccountAsync("Екінші", "ct.second");
        // A tutor's account that an operator gave the class's class_teacher role by hand: no class-teacher period of theirs.
        await api.Db.ExecuteAsync("INSERT INTO users (id, login, password_hash) VALUES ('U-ct-tutor', 'ct.tutor', 'x')");
        await api.Db.ExecuteAsync("INSERT INTO user_roles (user_id, role, scope_id) VALUES ('U-ct-tutor', 'class_teacher', @c)", ("c", classId));
        Task<string[]> HoldersAsync() => api.Db.ScalarAsync<string[]>(
            "SELECT coalesce(array_agg(u.login ORDER BY u.login), '{}') FROM user_roles r JOIN users u ON u.id = r.user_id WHERE r.role = 'class_teacher' AND r.scope_id = @c",
            ("c", classId));

        var set = await api.Http.SendJsonAsync(HttpMethod.Put, $"/api/v1/organizations/{organization}/classes/{classId}/class-teacher", new { teacherId = first, from = "2026-11-02" }, head);
        Assert.True(set.Status == 200, $"{set.Status} {set.Body}");
        Assert.Contains("ct.first", await HoldersAsync());
        Assert.Contains("ct.tutor", await HoldersAsync());

        var next = await api.Http.SendJsonAsync(HttpMethod.Put, $"/api/v1/organizations/{organization}/classes/{classId}/class-teacher", new { teacherId = second, from = "2026-11-20" }, head);
        Assert.True(next.Status == 200, $"{next.Status} {next.Body}");
        var holders = await HoldersAsync();
        Assert.Contains("ct.second", holders);
        Assert.Contains("ct.tutor", holders);
        Assert.DoesNotContain("ct.first", holders);
        Assert.Equal(new DateOnly(2026, 11, 19), await api.Db.ScalarAsync<DateOnly>(
            "SELECT to_date FROM class_teachers WHERE class_id = @c AND teacher_id = @t", ("c", classId), ("t", first)));
    }

    [Fact]
    public async Task An_assignment_ended_before_the_teachers_recorded_marks_is_refused_naming_the_rows()
    {
        var teaching = api.Registry.InClass(4);
        var organization = api.Registry.Data.Classes.Single(c => c.Id == teaching.ClassId).OrganizationId;
        var head = $"user=staff-head2; roles=head@{organization}";
        var teacher = $"user={teaching.TeacherId}; roles=teacher@{organization}";
        var marked = await api.Http.PostJsonAsync($"/api/v1/classes/{teaching.ClassId}/marks", new
        {
            entries = new[] { new { entryId = Guid.NewGuid(), studentId = teaching.Roster[0], subjectId = teaching.SubjectId, date = "2026-11-16", kind = "formative", score = 8 } },
        }, teacher);
        Assert.True(marked.Status == 200, $"{marked.Status} {marked.Body}");
        var sequence = marked.Body.GetProperty("entries")[0].GetProperty("sequence").GetInt64();
        var assignment = await api.Db.ScalarAsync<long>(
            "SELECT id FROM assignments WHERE teacher_id = @t AND group_id = @g AND subject_id = @s ORDER BY from_date DESC LIMIT 1",
            ("t", teaching.TeacherId), ("g", teaching.ClassId), ("s", teaching.SubjectId));
        var before = await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'assignment.end'");

        var refused = await api.Http.PostJsonAsync($"/api/v1/organizations/{organization}/assignments/{assignment}/end", new { to = "2026-11-10" }, head, "ru");
        Assert.Equal(409, refused.Status);
        var error = refused.Body.GetProperty("errors")[0];
        Assert.Equal("journalConflict", error.GetProperty("code").GetString());
        Assert.Contains(sequence, error.GetProperty("rows").EnumerateArray().Select(r => r.GetInt64()));
        Assert.Contains(sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), error.GetProperty("message").GetString());
        Assert.True(await api.Db.ScalarAsync<bool>("SELECT to_date IS NULL FROM assignments WHERE id = @a", ("a", assignment)));
        Assert.Equal(before, await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'assignment.end'"));

        // Ending it after the last recorded row is done, audited, and the class stops taking the teacher's marks after it.
        var lastRow = await api.Db.ScalarAsync<DateOnly>(
            "SELECT max(lesson_date) FROM journal WHERE group_id = @g AND subject_id = @s AND author_id = @t", ("g", teaching.ClassId), ("s", teaching.SubjectId), ("t", teaching.TeacherId));
        var ended = await api.Http.PostJsonAsync($"/api/v1/organizations/{organization}/assignments/{assignment}/end", new { to = lastRow.ToString("yyyy-MM-dd") }, head);
        Assert.True(ended.Status == 200, $"{ended.Status} {ended.Body}");
        Assert.Equal(before + 1, await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'assignment.end'"));
        if (lastRow < new DateOnly(2026, 11, 27))
        {
            var late = await api.Http.PostJsonAsync($"/api/v1/classes/{teaching.ClassId}/marks", new
            {
                entries = new[] { new { entryId = Guid.NewGuid(), studentId = teaching.Roster[0], subjectId = teaching.SubjectId, date = "2026-11-27", kind = "formative", score = 8 } },
            }, teacher);
            Assert.Equal(400, late.Status);
            Assert.Equal("notAssigned", late.Body.GetProperty("errors")[0].GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task A_subgroup_split_for_the_past_is_refused_while_its_roll_calls_count_the_pupils()
    {
        var teaching = api.Registry.InClass(6);
        var organization = api.Registry.Data.Classes.Single(c => c.Id == teaching.ClassId).OrganizationId;
        var head = $"user=staff-head3; roles=head@{organization}";
        var url = $"/api/v1/organizations/{organization}/subgroups";
        var pupils = teaching.Roster.Take(4).ToArray();
        var first = await api.Http.PostJsonAsync(url, new { groupId = teaching.ClassId, subjectId = teaching.SubjectId, name = "Топ 1", studentIds = pupils, from = "2026-11-02" }, head);
        Assert.True(first.Status == 201, $"{first.Status} {first.Body}");
        var group = first.Body.GetProperty("id").GetString()!;
        // A roll-call of the new subgroup on 16 November with its four pupils, by a teacher assigned to it.
        await api.Http.PostJsonAsync($"/api/v1/organizations/{organization}/assignments",
            new { teacherId = teaching.TeacherId, groupId = group, subjectId = teaching.SubjectId, from = "2026-11-02" }, head);
        var lesson = await api.Http.PostJsonAsync($"/api/v1/classes/{teaching.ClassId}/lessons", new
        {
            entries = new[] { new { entryId = Guid.NewGuid(), subjectId = teaching.SubjectId, date = "2026-11-16", period = 1, absentees = Array.Empty<object>(), groupId = group } },
        }, $"user={teaching.TeacherId}; roles=teacher@{organization}");
        Assert.True(lesson.Status == 200, $"{lesson.Status} {lesson.Body}");
        var rollCall = lesson.Body.GetProperty("entries")[0].GetProperty("sequence").GetInt64();
        var refused = await api.Http.PostJsonAsync(url, new { groupId = group, subjectId = teaching.SubjectId, name = "Топ 2", studentIds = pupils[..1], from = "2026-11-09" }, head);
        Assert.Equal(409, refused.Status);
        Assert.Equal("rosterConflict", refused.Body.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Contains(rollCall, refused.Body.GetProperty("errors")[0].GetProperty("rows").EnumerateArray().Select(r => r.GetInt64()));
        var later = await api.Http.PostJsonAsync(url, new { groupId = group, subjectId = teaching.SubjectId, name = "Топ 2", studentIds = pupils[..1], from = "2026-11-17" }, head);
        Assert.True(later.Status == 201, $"{later.Status} {later.Body}");
    }
}
