using EduInfo.IntegrationTests.Infrastructure;

namespace EduInfo.IntegrationTests.Api;

/// <summary>
/// "Who saw my child's data" (issue 17): the audit trail's allowed reads of a child's diary and card, as role and
/// organization and time — never an account, a name, an IIN or an address; refused attempts and the list's own reads
/// are not reads of the child's data.
/// </summary>
public sealed class DiaryReadersTests(ApiHost api) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task A_parent_sees_each_read_of_the_diary_and_card_as_role_and_organization_newest_first()
    {
        var t = api.Registry.InSchoolClass(5);
        var student = t.Roster[0];
        var organization = api.Registry.Data.Classes.Single(c => c.Id == t.ClassId).OrganizationId;
        var parentId = api.Registry.Data.StudentParents.First(p => p.StudentId == student).ParentId;
        var parent = $"user=parent-account; roles=parent@{parentId}";
        var ownParents = api.Registry.Data.StudentParents.Where(p => p.StudentId == student).Select(p => p.ParentId).ToHashSet();
        var otherParent = api.Registry.Data.StudentParents.First(p => !ownParents.Contains(p.ParentId)).ParentId;

        Assert.Equal(200, (await api.Http.GetJsonAsync($"/api/v1/students/{student}/diary", $"user=the-head; roles=head@{organization}")).Status);
        Assert.Equal(200, (await api.Http.GetJsonAsync($"/api/v1/students/{student}", $"user={t.TeacherId}; roles=teacher@{organization}")).Status);
        Assert.Equal(200, (await api.Http.GetJsonAsync($"/api/v1/students/{student}/diary", parent)).Status);
        Assert.Equal(200, (await api.Http.GetJsonAsync($"/api/v1/students/{student}/diary", parent)).Status);
        // Refused attempts saw nothing: they are not listed.
        Assert.Equal(403, (await api.Http.GetJsonAsync($"/api/v1/students/{student}/diary", $"user=stranger; roles=parent@{otherParent}")).Status);
        Assert.Equal(403, (await api.Http.GetJsonAsync($"/api/v1/students/{student}", HttpExtensions.Analyst)).Status);
        // An account that is a parent (of another child) and a teacher of this one read it as its teacher.
        Assert.Equal(200, (await api.Http.GetJsonAsync($"/api/v1/students/{student}/diary",
            $"user=dual-account; person={t.TeacherId}; roles=parent@{otherParent},teacher@{organization}")).Status);

        var readers = await api.Http.GetJsonAsync($"/api/v1/students/{student}/readers", parent, acceptLanguage: "en");
        Assert.Equal(200, readers.Status);
        var rows = readers.Body.EnumerateArray().Select(r => (
            Read: r.GetProperty("read").GetString(), Role: r.GetProperty("role").GetString(),
            Organization: r.GetProperty("organizationId").GetString(), Name: r.GetProperty("organizationName").GetString())).ToList();
        var school = api.Registry.Data.Organizations.Single(o => o.Id == organization).NameEn;
        Assert.Equal(
        [
            ("diary", "teacher", organization, school),
            ("diary", "parent", null, null),
            ("diary", "parent", null, null),
            ("card", "teacher", organization, school),
            ("diary", "head", organization, school),
        ], rows);
        Assert.Equal(["Teacher", "Parent", "Parent", "Teacher", "Head of organization"], readers.Body.EnumerateArray().Select(r => r.GetProperty("roleName").GetString()));
        var times = readers.Body.EnumerateArray().Select(r => r.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(times.OrderDescending(), times);

        // No account, person, name, IIN or address of anyone: reader or child.
        var text = readers.Body.GetRawText();
        var child = api.Registry.Data.Students.Single(s => s.Id == student);
        foreach (var secret in new[] { "dual-account", "parent-account", "the-head", t.TeacherId, parentId, child.LastName, child.FirstName, child.Iin, "127.0.0.1" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }

        // Reading the list is no read of the child's data; the limit takes the newest.
        var again = await api.Http.GetJsonAsync($"/api/v1/students/{student}/readers?limit=2", parent, acceptLanguage: "en");
        Assert.Equal(200, again.Status);
        Assert.Equal(["teacher", "parent"], again.Body.EnumerateArray().Select(r => r.GetProperty("role").GetString()));
        Assert.Equal(5, (await api.Http.GetJsonAsync($"/api/v1/students/{student}/readers", parent)).Body.GetArrayLength());
        Assert.Equal(3, await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'student.readers.read' AND target_id = @s", ("s", student)));
    }

    [Fact]
    public async Task The_readers_of_one_child_are_not_those_of_another()
    {
        var t = api.Registry.InSchoolClass(6);
        var (first, second) = (t.Roster[0], t.Roster[1]);
        var organization = api.Registry.Data.Classes.Single(c => c.Id == t.ClassId).OrganizationId;
        Assert.Equal(200, (await api.Http.GetJsonAsync($"/api/v1/students/{first}/diary", $"user=the-head; roles=head@{organization}")).Status);

        var parentOfSecond = api.Registry.Data.StudentParents.First(p => p.StudentId == second).ParentId;
        var readers = await api.Http.GetJsonAsync($"/api/v1/students/{second}/readers", $"user=p2; roles=parent@{parentOfSecond}");
        Assert.Equal(200, readers.Status);
        Assert.Equal(0, readers.Body.GetArrayLength());
    }
}
