using System.Text.Json;
using EduInfo.IntegrationTests.Infrastructure;

namespace EduInfo.IntegrationTests.Api;

/// <summary>
/// "Who am I" per role, against the seeded registry: a parent sees exactly their children, a student their class, a
/// teacher exactly today's assignments, the others their node; nobody an IIN; named students are audited.
/// </summary>
public sealed class MeApiTests(ApiHost api) : IClassFixture<ApiHost>
{
    private const string Me = "/api/v1/me";

    [Fact]
    public async Task A_parent_sees_exactly_their_children_with_class_and_school_and_each_is_audited()
    {
        var data = api.Registry.Data;
        // A parent with the most children, so "exactly" is tested on more than one where the seed has such a parent.
        var parent = data.StudentParents.GroupBy(p => p.ParentId).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First();
        var response = await api.Http.GetJsonAsync(Me, $"user=parent-acct; person={parent.Key}; roles=parent@{parent.Key}", acceptLanguage: "ru");

        Assert.Equal(200, response.Status);
        var expected = parent.Select(p => p.StudentId).Distinct().Order(StringComparer.Ordinal).Select(id =>
        {
            var student = data.Students.Single(s => s.Id == id);
            var cls = CurrentClass(id);
            var organization = data.Organizations.Single(o => o.Id == cls.OrganizationId);
            return $"{id}|{student.LastName}|{student.FirstName}|{cls.Id}|{cls.Grade}{cls.Letter}|{organization.Id}|{organization.NameRu}";
        }).ToList();
        var children = response.Body.GetProperty("children").EnumerateArray().Select(c => string.Join('|', new[]
        {
            "studentId", "lastName", "firstName", "classId", "className", "organizationId", "organizationName",
        }.Select(p => c.GetProperty(p).GetString()))).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, children);
        Assert.Equal(JsonValueKind.Null, response.Body.GetProperty("student").ValueKind);
        Assert.Equal(0, response.Body.GetProperty("teaching").GetArrayLength());
        var grant = Assert.Single(response.Body.GetProperty("grants").EnumerateArray());
        Assert.Equal(("parent", "Родитель", parent.Key), (grant.GetProperty("role").GetString(), grant.GetProperty("roleName").GetString(), grant.GetProperty("scopeId").GetString()));
        Assert.Equal(JsonValueKind.Null, grant.GetProperty("scopeKind").ValueKind);
        await AssertNoIinAsync(response.Body, [parent.Key, .. parent.Select(p => p.StudentId)]);

        foreach (var child in parent)
        {
            Assert.Equal(1, await api.Db.ScalarAsync<long>(
                "SELECT count(*) FROM audit_log WHERE action = 'me.read' AND actor_id = 'parent-acct' AND target_kind = 'student' AND target_id = @s AND outcome = 'ok'",
                ("s", child.StudentId)));
        }
    }

    [Fact]
    public async Task A_student_sees_their_own_class_and_nothing_else()
    {
        var t = api.Registry.InClass(1);
        var student = t.Roster[0];
        var response = await api.Http.GetJsonAsync(Me, $"user=student-acct; person={student}; roles=student@{student}", acceptLanguage: "en");

        Assert.Equal(200, response.Status);
        var own = response.Body.GetProperty("student");
        var cls = CurrentClass(student);
        Assert.Equal(student, own.GetProperty("studentId").GetString());
        Assert.Equal(cls.Id, own.GetProperty("classId").GetString());
        Assert.Equal($"{cls.Grade}{cls.Letter}", own.GetProperty("className").GetString());
        Assert.Equal(api.Registry.Data.Organizations.Single(o => o.Id == cls.OrganizationId).NameEn, own.GetProperty("organizationName").GetString());
        Assert.Equal(0, response.Body.GetProperty("children").GetArrayLength());
        Assert.Equal(0, response.Body.GetProperty("teaching").GetArrayLength());
        Assert.Equal("Student", response.Body.GetProperty("grants")[0].GetProperty("roleName").GetString());
        await AssertNoIinAsync(response.Body, [student]);
    }

    [Fact]
    public async Task A_teacher_sees_exactly_the_assignments_in_force_today()
    {
        var data = api.Registry.Data;
        var t = api.Registry.InClass(2);
        var organization = data.Classes.Single(c => c.Id == t.ClassId).OrganizationId;
        // An assignment that ended yesterday and one that starts tomorrow: neither is today's.
        // A group and subject this teacher does not teach, so a leak could not hide behind a row in force.
        // (Every class is a teaching group of its own id; subgroups and profile groups are listed besides.)
        var (group, other) = data.Subjects.Select(s => (Group: t.ClassId, Subject: s.Id))
            .First(x => !data.Assignments.Any(a => a.TeacherId == t.TeacherId && a.GroupId == x.Group && a.SubjectId == x.Subject));
        await api.Db.ExecuteAsync("""
            INSERT INTO assignments (teacher_id, group_id, subject_id, from_date, to_date) VALUES
                (@t, @g, @s, @today::date - 30, @today::date - 1), (@t, @g, @s, @today::date + 1, NULL)
            """, ("t", t.TeacherId), ("g", group), ("s", other), ("today", TestClock.Today));

        var response = await api.Http.GetJsonAsync(Me, $"user={t.TeacherId}; roles=teacher@{organization}", acceptLanguage: "en");

        Assert.Equal(200, response.Status);
        var today = TestClock.Today;
        var expected = data.Assignments.Where(a => a.TeacherId == t.TeacherId && a.From <= today && (a.To is null || a.To >= today))
            .Select(a => $"{ClassOfGroup(a.GroupId)}|{a.GroupId}|{a.SubjectId}|{data.Subjects.Single(s => s.Id == a.SubjectId).NameEn}")
            .Distinct().Order(StringComparer.Ordinal).ToList();
        var teaching = response.Body.GetProperty("teaching").EnumerateArray()
            .Select(a => $"{a.GetProperty("classId").GetString()}|{a.GetProperty("groupId").GetString()}|{a.GetProperty("subjectId").GetString()}|{a.GetProperty("subjectName").GetString()}")
            .Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, teaching);
        Assert.DoesNotContain(teaching, a => a.Contains($"|{group}|{other}|", StringComparison.Ordinal));
        var grant = response.Body.GetProperty("grants")[0];
        Assert.Equal("organization", grant.GetProperty("scopeKind").GetString());
        Assert.Equal(data.Organizations.Single(o => o.Id == organization).NameEn, grant.GetProperty("scopeName").GetString());
        Assert.Equal(0, response.Body.GetProperty("children").GetArrayLength());
        await AssertNoIinAsync(response.Body, [t.TeacherId]);
    }

    [Theory]
    [InlineData("head", "organization")]
    [InlineData("class_teacher", "class")]
    [InlineData("district_officer", "district")]
    [InlineData("region_officer", "region")]
    [InlineData("ministry_analyst", "republic")]
    [InlineData("operator", "republic")]
    public async Task The_other_roles_see_their_node_in_kazakh_by_default_and_no_personal_data(string role, string level)
    {
        var scope = new AuthorizationScenario(api, (_, _, _) => { }).Target();
        var node = AuthorizationScenario.NodeAt(level, scope);
        var response = await api.Http.GetJsonAsync(Me, $"user={role}-acct; roles={role}@{node}");

        Assert.Equal(200, response.Status);
        Assert.Equal($"{role}-acct", response.Body.GetProperty("userId").GetString());
        var grant = Assert.Single(response.Body.GetProperty("grants").EnumerateArray());
        Assert.Equal((role, node, level), (grant.GetProperty("role").GetString(), grant.GetProperty("scopeId").GetString(), grant.GetProperty("scopeKind").GetString()));
        var cls = api.Registry.Data.Classes.Single(c => c.Id == scope.Class);
        var expectedName = level switch
        {
            "class" => $"{cls.Grade}{cls.Letter}",
            "organization" => api.Registry.Data.Organizations.Single(o => o.Id == node).NameKk,
            _ => api.Registry.Data.Nodes.Single(n => n.Id == node).NameKk,
        };
        Assert.Equal(expectedName, grant.GetProperty("scopeName").GetString());
        Assert.False(string.IsNullOrWhiteSpace(grant.GetProperty("roleName").GetString()));
        Assert.Equal(0, response.Body.GetProperty("children").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, response.Body.GetProperty("student").ValueKind);
        Assert.Equal(0, response.Body.GetProperty("teaching").GetArrayLength());
        Assert.Equal(0, await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'me.read' AND actor_id = @a", ("a", $"{role}-acct")));
    }

    [Fact]
    public async Task Anonymous_is_a_401()
    {
        var response = await api.Http.GetJsonAsync(Me, actor: null);
        Assert.Equal(401, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
    }

    private string? ClassOfGroup(string groupId) =>
        api.Registry.Data.TeachingGroups.SingleOrDefault(g => g.Id == groupId) is { } group ? group.ClassId : groupId;

    private global::EduInfo.Storage.Registry.Model.ClassRow CurrentClass(string studentId)
    {
        var enrolment = api.Registry.Data.Enrolments.Where(e => e.StudentId == studentId).OrderBy(e => e.From).Last();
        return api.Registry.Data.Classes.Single(c => c.Id == enrolment.ClassId);
    }

    // No IIN of any person the answer is about, and no field that could hold one.
    private async Task AssertNoIinAsync(JsonElement body, IReadOnlyList<string> people)
    {
        var text = body.GetRawText();
        Assert.DoesNotContain("\"iin\"", text, StringComparison.OrdinalIgnoreCase);
        foreach (var person in people)
        {
            var iin = await api.Db.ScalarAsync<string>(
                "SELECT coalesce((SELECT iin FROM students WHERE id = @p), (SELECT iin FROM parents WHERE id = @p), (SELECT iin FROM teachers WHERE id = @p))", ("p", person));
            Assert.False(!string.IsNullOrEmpty(iin) && text.Contains(iin, StringComparison.Ordinal), $"the IIN of {person} is in the answer");
        }
    }
}
