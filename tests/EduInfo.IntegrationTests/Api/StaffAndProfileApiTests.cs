using System.Text.Json;
using EduInfo.IntegrationTests.Infrastructure;
using Npgsql;

namespace EduInfo.IntegrationTests.Api;

/// <summary>
/// Staff and load (order point 5.4) over HTTP and PostgreSQL: an organization's figures equal the ones counted by hand
/// from the registry and its timetables, an area's are the sums of its organizations', a vacancy appears when an
/// assignment ends; and the organization profile (issue 18): who may change what, its audit row, the new name shown at once.
/// </summary>
public sealed class StaffAndProfileApiTests(ApiHost api) : IClassFixture<ApiHost>
{
    private const string Operator = "user=op; roles=operator@KZ";

    private sealed record Slot(string ClassId, string GroupId, string SubjectId, int Weekday, int Period);

    /// <summary>The organizations of schools, each with its district, ordered so tests can take distinct districts.</summary>
    private IReadOnlyList<(string Organization, string District)> Schools() =>
        [.. api.Registry.Data.Organizations.Where(o => o.Kind == "school" && api.Registry.Data.Classes.Any(c => c.OrganizationId == o.Id))
            .Select(o => (o.Id, o.NodeId)).OrderBy(o => o.NodeId, StringComparer.Ordinal).ThenBy(o => o.Id, StringComparer.Ordinal)];

    private async Task<IReadOnlyList<Slot>> SlotsAsync(IReadOnlyCollection<string> classIds)
    {
        var slots = new List<Slot>();
        await using var command = api.Db.DataSource.CreateCommand("SELECT class_id, group_id, subject_id, weekday, period FROM timetable_slots WHERE class_id = ANY(@c) AND valid_to IS NULL");
        command.Parameters.Add(new NpgsqlParameter<string[]>("c", [.. classIds]));
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            slots.Add(new Slot(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt16(3), reader.GetInt16(4)));
        }
        return slots;
    }

    [Fact]
    public async Task An_organizations_figures_are_the_ones_counted_by_hand()
    {
        var (organization, _) = Schools()[0];
        var data = api.Registry.Data;
        var today = TestClock.Today;
        var classes = data.Classes.Where(c => c.OrganizationId == organization).Select(c => c.Id).ToHashSet();
        var slots = await SlotsAsync(classes);
        var groups = classes.Concat(data.TeachingGroups.Where(g => g.ClassId is { } c && classes.Contains(c)).Select(g => g.Id))
            .Concat(slots.Select(s => s.GroupId)).ToHashSet();
        var held = data.Assignments.Where(a => groups.Contains(a.GroupId) && a.From <= today && (a.To is null || a.To >= today))
            .Select(a => (a.TeacherId, a.GroupId, a.SubjectId)).Distinct().ToList();
        int Lessons(string group, string subject) => slots.Where(s => s.GroupId == group && s.SubjectId == subject).Select(s => (s.Weekday, s.Period)).Distinct().Count();

        var staff = await api.Http.GetJsonAsync($"/api/v1/nodes/{organization}/staff", Operator);
        Assert.Equal(200, staff.Status);
        var body = staff.Body;
        Assert.Equal(held.Select(h => h.TeacherId).Distinct().Count(), body.GetProperty("teachers").GetInt32());
        Assert.Equal(held.Sum(h => Lessons(h.GroupId, h.SubjectId)), body.GetProperty("weeklyLessons").GetInt32());
        Assert.True(body.GetProperty("weeklyLessons").GetInt32() > 0, "the demo school's timetable gives its teachers lessons");
        foreach (var subject in body.GetProperty("bySubject").EnumerateArray())
        {
            var id = subject.GetProperty("subjectId").GetString();
            Assert.Equal(held.Where(h => h.SubjectId == id).Select(h => h.TeacherId).Distinct().Count(), subject.GetProperty("teachers").GetInt32());
            Assert.Equal(held.Where(h => h.SubjectId == id).Sum(h => Lessons(h.GroupId, h.SubjectId)), subject.GetProperty("weeklyLessons").GetInt32());
        }
        Assert.Equal(held.Select(h => h.SubjectId).Distinct().Order(StringComparer.Ordinal),
            body.GetProperty("bySubject").EnumerateArray().Select(s => s.GetProperty("subjectId").GetString()!).Order(StringComparer.Ordinal));
        // Every subject the demo timetables schedule has its teacher: no vacancy yet.
        Assert.Equal(0, body.GetProperty("vacancyCount").GetInt32());
        Assert.Empty(body.GetProperty("vacancies").EnumerateArray());
        // An operator sees counts: teachers' names are their head's and the officers'.
        Assert.Equal(JsonValueKind.Null, body.GetProperty("teacherLoads").ValueKind);
    }

    [Fact]
    public async Task An_areas_figures_are_the_sums_of_its_organizations()
    {
        var district = Schools().Select(s => s.District).Distinct().Skip(1).First();
        var organizations = api.Registry.Data.Organizations.Where(o => o.NodeId == district).Select(o => o.Id).ToList();
        var parts = new List<JsonElement>();
        foreach (var organization in organizations)
        {
            parts.Add((await api.Http.GetJsonAsync($"/api/v1/nodes/{organization}/staff", Operator)).Body);
        }
        var area = (await api.Http.GetJsonAsync($"/api/v1/nodes/{district}/staff", $"user=do; roles=district_officer@{district}")).Body;
        foreach (var figure in new[] { "teachers", "weeklyLessons", "vacancyCount" })
        {
            Assert.Equal(parts.Sum(p => p.GetProperty(figure).GetInt32()), area.GetProperty(figure).GetInt32());
        }
        Assert.Equal(parts.Count(p => p.GetProperty("bySubject").GetArrayLength() > 0), area.GetProperty("organizations").GetInt32());
        foreach (var subject in area.GetProperty("bySubject").EnumerateArray())
        {
            var id = subject.GetProperty("subjectId").GetString();
            Assert.Equal(parts.Sum(p => p.GetProperty("bySubject").EnumerateArray().Where(s => s.GetProperty("subjectId").GetString() == id).Sum(s => s.GetProperty("teachers").GetInt32())),
                subject.GetProperty("teachers").GetInt32());
        }
        Assert.True(area.GetProperty("teachers").GetInt32() > 0);
        // Counts only at an area, whoever reads: no names, no list of classes.
        Assert.Equal(JsonValueKind.Null, area.GetProperty("teacherLoads").ValueKind);
        Assert.Equal(JsonValueKind.Null, area.GetProperty("vacancies").ValueKind);
    }

    [Fact]
    public async Task A_vacancy_appears_when_an_assignment_ends_and_the_head_sees_who_teaches_what()
    {
        var (organization, _) = Schools().Last();
        var head = $"user=head; roles=head@{organization}";
        var data = api.Registry.Data;
        var cls = data.Classes.First(c => c.OrganizationId == organization && c.Grade >= 2);
        // A subject the whole class is taught by one teacher.
        var assignment = data.Assignments.Where(a => a.GroupId == cls.Id).GroupBy(a => a.SubjectId).First(g => g.Count() == 1).Single();
        var before = (await api.Http.GetJsonAsync($"/api/v1/nodes/{organization}/staff", head)).Body;
        var loads = before.GetProperty("teacherLoads").EnumerateArray().ToList();
        Assert.NotEmpty(loads);
        var teacher = data.Teachers.Single(t => t.Id == assignment.TeacherId);
        Assert.Contains(loads, l => l.GetProperty("teacherId").GetString() == teacher.Id && l.GetProperty("name").GetString() == $"{teacher.LastName} {teacher.FirstName}");
        var lessons = (await SlotsAsync([cls.Id])).Count(s => s.GroupId == cls.Id && s.SubjectId == assignment.SubjectId);
        Assert.True(lessons > 0);

        // The assignment ends yesterday (the registry's write path for assignments is another change's: the row is ended here).
        await api.Db.ExecuteAsync("UPDATE assignments SET to_date = @d WHERE group_id = @g AND subject_id = @s AND teacher_id = @t",
            ("d", TestClock.Today.AddDays(-1)), ("g", cls.Id), ("s", assignment.SubjectId), ("t", assignment.TeacherId));
        var after = (await api.Http.GetJsonAsync($"/api/v1/nodes/{organization}/staff", head)).Body;
        var vacancy = Assert.Single(after.GetProperty("vacancies").EnumerateArray());
        Assert.Equal(cls.Id, vacancy.GetProperty("classId").GetString());
        Assert.Equal(assignment.SubjectId, vacancy.GetProperty("subjectId").GetString());
        Assert.Equal(before.GetProperty("vacancyCount").GetInt32() + 1, after.GetProperty("vacancyCount").GetInt32());
        Assert.Equal(before.GetProperty("weeklyLessons").GetInt32() - lessons, after.GetProperty("weeklyLessons").GetInt32());

        // A teacher of the school reads the same counts without anyone's name.
        var teacherView = (await api.Http.GetJsonAsync($"/api/v1/nodes/{organization}/staff", $"user={teacher.Id}; roles=teacher@{organization}")).Body;
        Assert.Equal(JsonValueKind.Null, teacherView.GetProperty("teacherLoads").ValueKind);
        Assert.Equal(after.GetProperty("vacancyCount").GetInt32(), teacherView.GetProperty("vacancyCount").GetInt32());
        Assert.DoesNotContain(teacher.LastName, teacherView.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_head_renames_their_school_the_new_name_is_shown_at_once_and_audited_but_the_kind_is_not_theirs()
    {
        var (organization, district) = Schools()[1];
        var head = $"user=head-p; roles=head@{organization}";
        var profile = (await api.Http.GetJsonAsync($"/api/v1/organizations/{organization}/profile", head)).Body;
        Assert.False(profile.GetProperty("canChangeKind").GetBoolean());
        Assert.Equal("school", profile.GetProperty("kind").GetString());
        // The dashboard's name is read (and cached) before the change.
        Assert.NotEqual("Abai School", (await api.Http.GetJsonAsync($"/api/v1/nodes/{organization}/summary", head, "en")).Body.GetProperty("name").GetString());

        var change = new { nameKk = "  Абай атындағы мектеп ", nameRu = "Школа имени Абая", nameEn = "Abai School", languages = new[] { "kk", "ru", "en" }, kind = "school", isRural = true };
        Assert.Equal(204, (await api.Http.SendJsonAsync(HttpMethod.Put, $"/api/v1/organizations/{organization}/profile", change, head)).Status);
        var saved = (await api.Http.GetJsonAsync($"/api/v1/organizations/{organization}/profile", head)).Body;
        Assert.Equal("Абай атындағы мектеп", saved.GetProperty("nameKk").GetString());
        Assert.Equal(["kk", "ru", "en"], saved.GetProperty("languages").EnumerateArray().Select(l => l.GetString()));
        Assert.True(saved.GetProperty("isRural").GetBoolean());
        Assert.Equal("Abai School", (await api.Http.GetJsonAsync($"/api/v1/nodes/{organization}/summary", head, "en")).Body.GetProperty("name").GetString());
        Assert.Equal("Школа имени Абая", (await api.Http.GetJsonAsync($"/api/v1/nodes/{organization}/summary", head, "ru")).Body.GetProperty("name").GetString());
        Assert.Equal(1, await api.Db.ScalarAsync<long>("""
            SELECT count(*) FROM audit_log WHERE action = 'organization.profile' AND target_id = @o AND organization_id = @o AND actor_id = 'head-p'
              AND detail->'after'->>'NameEn' = 'Abai School' AND outcome = 'committed'
            """, ("o", organization)));

        // The kind: not the head's (403); the district officer's, but not under classes that follow it (400).
        var toCollege = change with { kind = "college" };
        Assert.Equal(403, (await api.Http.SendJsonAsync(HttpMethod.Put, $"/api/v1/organizations/{organization}/profile", toCollege, head)).Status);
        var officer = $"user=do-p; roles=district_officer@{district}";
        var inUse = await api.Http.SendJsonAsync(HttpMethod.Put, $"/api/v1/organizations/{organization}/profile", toCollege, officer, "ru");
        Assert.Equal(400, inUse.Status);
        Assert.Equal("kind:kindInUse", $"{inUse.Body.GetProperty("errors")[0].GetProperty("field").GetString()}:{inUse.Body.GetProperty("errors")[0].GetProperty("code").GetString()}");
        Assert.Equal("school", await api.Db.ScalarAsync<string>("SELECT kind FROM organizations WHERE id = @o", ("o", organization)));
    }

    [Fact]
    public async Task An_officer_changes_the_kind_of_an_organization_without_classes()
    {
        var (school, district) = Schools()[2];
        await api.Db.ExecuteAsync("""
            INSERT INTO organizations (id, node_id, kind, name_kk, name_ru, name_en, languages, is_rural, path)
            SELECT 'ORG-NEW-1', node_id, 'school', 'Жаңа', 'Новая', 'New', ARRAY['kk'], false, array_append(path[1:cardinality(path) - 1], 'ORG-NEW-1')
            FROM organizations WHERE id = @s
            """, ("s", school));
        var officer = $"user=do-k; roles=district_officer@{district}";
        Assert.True((await api.Http.GetJsonAsync("/api/v1/organizations/ORG-NEW-1/profile", officer)).Body.GetProperty("canChangeKind").GetBoolean());
        var change = new { nameKk = "Жаңа колледж", nameRu = "Новый колледж", nameEn = "New College", languages = new[] { "kk", "ru" }, kind = "college", isRural = false };
        Assert.Equal(204, (await api.Http.SendJsonAsync(HttpMethod.Put, "/api/v1/organizations/ORG-NEW-1/profile", change, officer)).Status);
        Assert.Equal("college", await api.Db.ScalarAsync<string>("SELECT kind FROM organizations WHERE id = 'ORG-NEW-1'"));
        // Another district's officer, and a class or a district by id, are refused as such.
        Assert.Equal(403, (await api.Http.SendJsonAsync(HttpMethod.Put, "/api/v1/organizations/ORG-NEW-1/profile", change, "user=x; roles=district_officer@NOPE")).Status);
        Assert.Equal(404, (await api.Http.GetJsonAsync($"/api/v1/organizations/{district}/profile", Operator)).Status);
        Assert.Equal(404, (await api.Http.GetJsonAsync($"/api/v1/organizations/{api.Registry.Data.Classes[0].Id}/profile", Operator)).Status);
    }

    /// <summary>
    /// The public card (issue 21, item 4): a head publishes contacts in the forms people type them; anyone, signed in or
    /// not, reads them normalized and in their language; a refused field writes nothing; a PUT without them clears them.
    /// </summary>
    [Fact]
    public async Task A_head_publishes_contacts_that_the_public_card_shows_to_anyone_in_their_language()
    {
        var (organization, district) = Schools()[3];
        var head = $"user=head-c; roles=head@{organization}";
        var profile = new
        {
            nameKk = "Абай атындағы № 3 мектеп", nameRu = "Школа № 3 имени Абая", nameEn = "Abai School No. 3", languages = new[] { "kk", "ru" }, kind = "school",
            isRural = false, addressKk = " Алматы қ., Абай даңғылы, 21 ", addressRu = "г. Алматы, пр. Абая, 21", phone = "8 (727) 123-45-67",
            email = "School3@Edu.Almaty.KZ", website = "https://School3.edu.kz", headName = "Сәрсенбаева Гүлнар Әлиқызы",
        };
        Assert.Equal(204, (await api.Http.SendJsonAsync(HttpMethod.Put, $"/api/v1/organizations/{organization}/profile", profile, head)).Status);

        var kk = await api.Http.GetJsonAsync($"/api/v1/public/organizations/{organization}", actor: null, acceptLanguage: "kk");
        Assert.Equal(200, kk.Status);
        var card = kk.Body;
        Assert.Equal(("Абай атындағы № 3 мектеп", "Алматы қ., Абай даңғылы, 21", "Қазақ тілі"),
            (card.GetProperty("name").GetString(), card.GetProperty("address").GetString(), card.GetProperty("languages")[0].GetProperty("name").GetString()));
        Assert.Equal(("+77271234567", "+7 727 123 45 67", "School3@edu.almaty.kz", "https://school3.edu.kz/"),
            (card.GetProperty("phone").GetString(), card.GetProperty("phoneDisplay").GetString(), card.GetProperty("email").GetString(), card.GetProperty("website").GetString()));
        Assert.Equal(("Сәрсенбаева Гүлнар Әлиқызы", district), (card.GetProperty("headName").GetString(), card.GetProperty("nodeId").GetString()));
        var ru = (await api.Http.GetJsonAsync($"/api/v1/public/organizations/{organization}?lang=ru", actor: null)).Body;
        Assert.Equal(("Школа № 3 имени Абая", "г. Алматы, пр. Абая, 21", "Школа", "Городская", "Русский"),
            (ru.GetProperty("name").GetString(), ru.GetProperty("address").GetString(), ru.GetProperty("kindName").GetString(),
             ru.GetProperty("localityName").GetString(), ru.GetProperty("languages")[1].GetProperty("name").GetString()));
        Assert.Equal(1, await api.Db.ScalarAsync<long>("""
            SELECT count(*) FROM audit_log WHERE action = 'organization.profile' AND target_id = @o AND actor_id = 'head-c'
              AND detail->'after'->'Contacts'->>'Phone' = '+77271234567' AND detail->'before'->'Contacts'->>'Phone' = ''
            """, ("o", organization)));

        // One refused field refuses the whole profile: nothing changes, and the field is named.
        var refused = await api.Http.SendJsonAsync(HttpMethod.Put, $"/api/v1/organizations/{organization}/profile",
            profile with { phone = "+7 495 123 45 67", nameEn = "Renamed" }, head, "ru");
        Assert.Equal(400, refused.Status);
        Assert.Equal("phone:phoneInvalid", $"{refused.Body.GetProperty("errors")[0].GetProperty("field").GetString()}:{refused.Body.GetProperty("errors")[0].GetProperty("code").GetString()}");
        Assert.Equal(("+77271234567", "Abai School No. 3"), (await api.Db.ScalarAsync<string>("SELECT phone FROM organizations WHERE id = @o", ("o", organization)),
            await api.Db.ScalarAsync<string>("SELECT name_en FROM organizations WHERE id = @o", ("o", organization))));

        // A PUT replaces the whole profile: contacts left out are no longer given.
        var bare = new { profile.nameKk, profile.nameRu, profile.nameEn, profile.languages, profile.kind, profile.isRural };
        Assert.Equal(204, (await api.Http.SendJsonAsync(HttpMethod.Put, $"/api/v1/organizations/{organization}/profile", bare, head)).Status);
        var cleared = (await api.Http.GetJsonAsync($"/api/v1/public/organizations/{organization}", actor: null, acceptLanguage: "en")).Body;
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("phone").ValueKind);
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("address").ValueKind);

        // Only organizations have a card.
        foreach (var id in new[] { district, api.Registry.Data.Classes[0].Id, "O99999", "..%2F..%2Fetc" })
        {
            var missing = await api.Http.GetJsonAsync($"/api/v1/public/organizations/{id}", actor: null);
            Assert.True(missing.Status == 404, $"{id}: {missing.Status}");
        }
    }
}
