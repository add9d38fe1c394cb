using System.Text.Json;
using EduInfo.IntegrationTests.Api;
using EduInfo.IntegrationTests.Infrastructure;

namespace EduInfo.IntegrationTests.Registry;

/// <summary>
/// Organizations opened and closed over HTTP and PostgreSQL (issue 18): a new organization is on its district's list and
/// in the roll-up up to the republic at once, and counts its first pupil; a closing ends (or moves) every enrolment and
/// employment through their own rules and audit before the organization closes, a refused one writes nothing and names
/// the pupils in the way, and a closed organization takes no one.
/// </summary>
public sealed class OrganizationLifecycleApiTests(ApiHost api) : IClassFixture<ApiHost>
{
    private const string Operator = "user=lc-op; roles=operator@KZ";

    /// <summary>The district schools with pupils, each with its district, in a stable order (tests take distinct schools).</summary>
    private IReadOnlyList<(string Organization, string District)> Schools() =>
        [.. api.Registry.Data.Organizations.Where(o => o.Kind == "school" && api.Registry.Data.Classes.Any(c => c.OrganizationId == o.Id)
                && api.Registry.Data.Nodes.Any(n => n.Id == o.NodeId && n.Kind == "district"))
            .Select(o => (o.Id, o.NodeId)).OrderBy(o => o.NodeId, StringComparer.Ordinal).ThenBy(o => o.Id, StringComparer.Ordinal)];

    private static string Officer(string district) => $"user=lc-officer-{district}; roles=district_officer@{district}";

    internal static object School(string id, string kind = "school", string openedOn = "2026-11-02") => new
    {
        id, nameKk = "№ 77 мектеп-гимназия", nameRu = "Школа-гимназия № 77", nameEn = "School-gymnasium No. 77", languages = new[] { "kk", "ru" }, kind,
        isRural = false, openedOn,
    };

    private async Task<JsonElement?> ChildAsync(string nodeId, string childId, string language = "en")
    {
        var children = await api.Http.GetJsonAsync($"/api/v1/nodes/{nodeId}/children", Operator, language);
        Assert.Equal(200, children.Status);
        return children.Body.EnumerateArray().Where(c => c.GetProperty("nodeId").GetString() == childId).Select(c => (JsonElement?)c).FirstOrDefault();
    }

    private async Task<long> FigureAsync(string nodeId, string figure)
    {
        var summary = await api.Http.GetJsonAsync($"/api/v1/nodes/{nodeId}/summary", Operator);
        Assert.True(summary.Status == 200, $"{summary.Status} {summary.Body}");
        return summary.Body.GetProperty("figures").GetProperty(figure).GetInt64();
    }

    [Fact]
    public async Task An_opened_organization_is_in_its_district_and_the_roll_up_at_once_and_counts_its_first_pupil()
    {
        var district = Schools()[0].District;
        var region = api.Registry.Data.Nodes.Single(n => n.Id == district).ParentId!;
        var republicBefore = await FigureAsync("KZ", "organizations");
        var regionBefore = await FigureAsync(region, "organizations");

        // A head never opens one; a college does not open under a district; a bad id is not an id.
        var head = $"user=lc-head; roles=head@{Schools()[0].Organization}";
        Assert.Equal(403, (await api.Http.PostJsonAsync($"/api/v1/nodes/{district}/organizations", School("LC-OPEN-1"), head)).Status);
        var college = await api.Http.PostJsonAsync($"/api/v1/nodes/{district}/organizations", School("LC-OPEN-1", kind: "college"), Officer(district), "ru");
        Assert.True(college.Status == 400, $"{college.Status} {college.Body}");
        Assert.Equal("kindNotUnderNode", college.Body.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Contains("колледж", college.Body.GetProperty("errors")[0].GetProperty("message").GetString());

        var opened = await api.Http.PostJsonAsync($"/api/v1/nodes/{district}/organizations", School("LC-OPEN-1"), Officer(district));
        Assert.True(opened.Status == 201, $"{opened.Status} {opened.Body}");
        Assert.Equal(1, await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'organization.open' AND target_id = 'LC-OPEN-1' AND outcome = 'committed'"));
        Assert.Equal(new DateOnly(2026, 11, 2), await api.Db.ScalarAsync<DateOnly>("SELECT opened_on FROM organizations WHERE id = 'LC-OPEN-1'"));

        // On the district's list at once (its area pulled it before answering), and up to the republic without a restart.
        Assert.NotNull(await ChildAsync(district, "LC-OPEN-1"));
        await Eventually.MatchesAsync(() => FigureAsync(region, "organizations"), n => n == regionBefore + 1, TimeSpan.FromSeconds(20), "the region counts the new organization");
        await Eventually.MatchesAsync(() => FigureAsync("KZ", "organizations"), n => n == republicBefore + 1, TimeSpan.FromSeconds(20), "the republic counts the new organization");
        var list = await api.Http.GetJsonAsync($"/api/v1/nodes/{district}/organizations", Officer(district));
        Assert.Contains(list.Body.EnumerateArray(), o => o.GetProperty("id").GetString() == "LC-OPEN-1" && o.GetProperty("openedOn").GetString() == "2026-11-02");

        // The same id again, or any node's id, is taken.
        var again = await api.Http.PostJsonAsync($"/api/v1/nodes/{district}/organizations", School("LC-OPEN-1"), Officer(district));
        Assert.True(again.Status == 409, $"{again.Status} {again.Body}");
        Assert.Equal(409, (await api.Http.PostJsonAsync($"/api/v1/nodes/{district}/organizations", School(district), Officer(district))).Status);

        // Its first class (as an import adds one) and first pupil: the district's row counts them.
        await api.Db.ExecuteAsync("""
            INSERT INTO classes (id, organization_id, academic_year, grade, letter, language, path)
            SELECT 'LC-OPEN-1-5A', o.id, '2026-2027', 5, 'А', 'kk', o.path || 'LC-OPEN-1-5A'::text FROM organizations o WHERE o.id = 'LC-OPEN-1';
            INSERT INTO teaching_groups (id, class_id, kind) VALUES ('LC-OPEN-1-5A', 'LC-OPEN-1-5A', 'class');
            """);
        var enrolled = await api.Http.PostJsonAsync("/api/v1/classes/LC-OPEN-1-5A/pupils", PupilApiTests.Pupil(PupilApiTests.FreshIin()), Operator);
        Assert.True(enrolled.Status == 201, $"{enrolled.Status} {enrolled.Body}");
        await Eventually.MatchesAsync(async () => (await ChildAsync(district, "LC-OPEN-1"))?.GetProperty("figures").GetProperty("students").GetInt64() ?? 0,
            n => n == 1, TimeSpan.FromSeconds(20), "the district's row of the new organization counts its first pupil");
    }

    [Fact]
    public async Task A_closing_ending_its_pupils_ends_every_enrolment_and_employment_first_and_then_takes_no_one()
    {
        var (organization, district) = Schools()[1];
        var classes = api.Registry.Data.Classes.Where(c => c.OrganizationId == organization).Select(c => c.Id).ToArray();
        var pupils = await OpenEnrolmentsAsync(organization);
        Assert.True(pupils > 0, "the demo school has pupils");
        var staff = await api.Db.ScalarAsync<long>("SELECT count(*) FROM teachers WHERE organization_id = @o AND left_on IS NULL", ("o", organization));
        Assert.True(staff > 0, "the demo school has staff");
        var head = $"user=lc-head2; roles=head@{organization}";
        var close = new { date = TestClock.Today.ToString("yyyy-MM-dd"), reason = "Merged with school No. 3", pupils = "end" };

        // Its head may not close it.
        Assert.Equal(403, (await api.Http.PostJsonAsync($"/api/v1/organizations/{organization}/closing", close, head)).Status);

        var closed = await api.Http.PostJsonAsync($"/api/v1/organizations/{organization}/closing", close, Officer(district));
        Assert.True(closed.Status == 200, $"{closed.Status} {closed.Body}");
        Assert.Equal(pupils, closed.Body.GetProperty("done").GetProperty("pupilsEnded").GetInt32());
        Assert.Equal(staff, closed.Body.GetProperty("done").GetProperty("staffEnded").GetInt32());
        Assert.Equal(0, await OpenEnrolmentsAsync(organization));
        Assert.Equal(0, await api.Db.ScalarAsync<long>("SELECT count(*) FROM teachers WHERE organization_id = @o AND left_on IS NULL", ("o", organization)));
        Assert.Equal(0, await api.Db.ScalarAsync<long>("""
            SELECT count(*) FROM assignments a JOIN teaching_groups g ON g.id = a.group_id WHERE g.class_id = ANY (@c) AND (a.to_date IS NULL OR a.to_date > @d)
            """, ("c", classes), ("d", TestClock.Today)));
        Assert.Equal(TestClock.Today, await api.Db.ScalarAsync<DateOnly>("SELECT closed_on FROM organizations WHERE id = @o", ("o", organization)));
        // Each leaving audited as a single one, and the closing itself once.
        Assert.Equal(pupils, await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'pupil.leave' AND organization_id = @o", ("o", organization)));
        Assert.Equal(staff, await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'staff.leave' AND organization_id = @o", ("o", organization)));
        Assert.Equal(1, await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'organization.close' AND target_id = @o", ("o", organization)));

        // Repeated: nothing left to do. Another day: already closed.
        Assert.Equal(200, (await api.Http.PostJsonAsync($"/api/v1/organizations/{organization}/closing", close, Officer(district))).Status);
        var otherDay = await api.Http.PostJsonAsync($"/api/v1/organizations/{organization}/closing", close with { date = "2026-11-26" }, Officer(district));
        Assert.True(otherDay.Status == 409, $"{otherDay.Status} {otherDay.Body}");
        Assert.Equal("alreadyClosed", otherDay.Body.GetProperty("errors")[0].GetProperty("code").GetString());

        // Closed: no enrolment, no hire, no transfer into it, each with its own localized reason.
        var enrol = await api.Http.PostJsonAsync($"/api/v1/classes/{classes[0]}/pupils", PupilApiTests.Pupil(PupilApiTests.FreshIin()), Operator, "ru");
        Assert.True(enrol.Status == 409, $"{enrol.Status} {enrol.Body}");
        Assert.Equal("organizationClosed", enrol.Body.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Equal("Организация закрыта: она не принимает обучающихся.", enrol.Body.GetProperty("errors")[0].GetProperty("message").GetString());
        var hire = await api.Http.PostJsonAsync($"/api/v1/organizations/{organization}/staff",
            new { iin = PupilApiTests.FreshIin("850101", '3'), lastName = "Жаңа", firstName = "Мұғалім", hiredOn = "2026-11-27" }, Operator);
        Assert.True(hire.Status == 409, $"{hire.Status} {hire.Body}");
        Assert.Equal("organizationClosed", hire.Body.GetProperty("errors")[0].GetProperty("code").GetString());
        // A pupil of another school of the same region, moved by the region's officer.
        var region = api.Registry.Data.Nodes.Single(n => n.Id == district).ParentId!;
        var elsewhere = Schools().First(s => s.Organization != organization && api.Registry.Data.Nodes.Single(n => n.Id == s.District).ParentId == region).Organization;
        var someone = api.Registry.Data.Enrolments.First(e => api.Registry.Data.Classes.Single(c => c.Id == e.ClassId).OrganizationId == elsewhere).StudentId;
        var transfer = await api.Http.PostJsonAsync($"/api/v1/students/{someone}/transfers", new { toClassId = classes[0], date = "2026-11-27", reason = "Moved" },
            $"user=lc-region2; roles=region_officer@{region}");
        Assert.True(transfer.Status == 400, $"{transfer.Status} {transfer.Body}");
        Assert.Equal("organizationClosed", transfer.Body.GetProperty("errors")[0].GetProperty("code").GetString());

        // Still on its district's list with its figures, marked closed.
        var row = await ChildAsync(district, organization, "ru");
        Assert.NotNull(row);
        Assert.Equal("Организация · закрыта", row.Value.GetProperty("kindName").GetString());
    }

    [Fact]
    public async Task A_refused_closing_writes_nothing_and_names_the_pupils_in_the_way_then_a_transfer_moves_them_keeping_their_diary()
    {
        // Two schools of one region (in two of its districts), neither used by the other tests; its officer moves pupils between them.
        var regionOf = api.Registry.Data.Nodes.ToDictionary(n => n.Id, n => n.ParentId);
        var (organization, target) = Schools().Skip(2).GroupBy(s => regionOf[s.District]).Where(g => g.Count() >= 2)
            .Select(g => (g.First().Organization, g.Last().Organization)).First();
        var region = regionOf[Schools().Single(s => s.Organization == organization).District]!;
        var officer = $"user=lc-region-{region}; roles=region_officer@{region}";
        var data = api.Registry.Data;
        var t = data.Assignments.Join(data.Classes.Where(c => c.OrganizationId == organization && c.Grade >= 2), a => a.GroupId, c => c.Id, (a, c) => a).First();
        var pupil = data.Enrolments.First(e => e.ClassId == t.GroupId).StudentId;
        var yesterday = TestClock.Today.AddDays(-1);

        // A mark of last Wednesday (history the diary keeps), and one dated today: a row after a closing whose last day is yesterday.
        var teacher = $"user={t.TeacherId}; roles=teacher";
        var mark = await api.Http.PostJsonAsync($"/api/v1/classes/{t.GroupId}/marks", new
        {
            entries = new[] { "2026-11-25", TestClock.Today.ToString("yyyy-MM-dd") }
                .Select(date => new { entryId = Guid.NewGuid(), studentId = pupil, subjectId = t.SubjectId, date, kind = "formative", score = 8 }).ToArray(),
        }, teacher);
        Assert.True(mark.Status == 200, $"{mark.Status} {mark.Body}");
        var sequence = mark.Body.GetProperty("entries")[1].GetProperty("sequence").GetInt64();

        var year = data.Classes.First(c => c.OrganizationId == organization).AcademicYear;
        var targetClass = data.Classes.First(c => c.OrganizationId == target && c.AcademicYear == year).Id;
        var transfers = data.Classes.Where(c => c.OrganizationId == organization).Select(c => new { fromClassId = c.Id, toClassId = targetClass }).ToArray();
        var close = new { date = yesterday.ToString("yyyy-MM-dd"), reason = "Building unsafe", pupils = "transfer", transfers };
        var before = await OpenEnrolmentsAsync(organization);
        var auditBefore = await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log");

        var refused = await api.Http.PostJsonAsync($"/api/v1/organizations/{organization}/closing", close, officer);
        Assert.True(refused.Status == 409, $"{refused.Status} {refused.Body}");
        // The pupil with the row, and its teacher (who would leave before it), each named by id with the row's number, nothing else.
        var conflicts = refused.Body.GetProperty("conflicts").EnumerateArray().ToList();
        Assert.Equal([("pupil", pupil, "journalRowsAfterDate"), ("staff", t.TeacherId, "journalConflict")],
            conflicts.Select(c => (c.GetProperty("kind").GetString(), c.GetProperty("id").GetString(), c.GetProperty("code").GetString())).ToList());
        Assert.All(conflicts, c => Assert.Contains(sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), c.GetProperty("message").GetString()));
        Assert.Equal(2, refused.Body.GetProperty("conflictCount").GetInt32());
        Assert.DoesNotContain(data.Students.Single(s => s.Id == pupil).Iin, refused.Body.ToString());
        Assert.Equal(before, await OpenEnrolmentsAsync(organization));
        Assert.Equal(auditBefore, await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log"));
        Assert.True(await api.Db.ScalarAsync<bool>("SELECT closed_on IS NULL FROM organizations WHERE id = @o", ("o", organization)));

        // The mark voided by its teacher, the closing goes through: every pupil in the target class from today, their diary kept.
        var diaryBefore = await DiaryMarksAsync(pupil, organization);
        var voided = await api.Http.PostJsonAsync($"/api/v1/classes/{t.GroupId}/corrections",
            new { entryId = Guid.NewGuid(), supersedes = sequence, action = "void", reason = "Written after the closing" }, teacher);
        Assert.True(voided.Status == 200, $"{voided.Status} {voided.Body}");
        var closed = await api.Http.PostJsonAsync($"/api/v1/organizations/{organization}/closing", close, officer);
        Assert.True(closed.Status == 200, $"{closed.Status} {closed.Body}");
        Assert.Equal(before, closed.Body.GetProperty("done").GetProperty("pupilsTransferred").GetInt32());
        Assert.Equal(0, await OpenEnrolmentsAsync(organization));
        Assert.Equal(targetClass, await api.Db.ScalarAsync<string>("SELECT class_id FROM enrolments WHERE student_id = @s AND to_date IS NULL", ("s", pupil)));
        Assert.Equal(TestClock.Today, await api.Db.ScalarAsync<DateOnly>("SELECT from_date FROM enrolments WHERE student_id = @s AND to_date IS NULL", ("s", pupil)));
        Assert.Equal(before, await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'student.transfer' AND organization_id = @o", ("o", organization)));
        Assert.Equal(2, diaryBefore);
        Assert.Equal(1, await DiaryMarksAsync(pupil, target));
    }

    private Task<long> OpenEnrolmentsAsync(string organization) => api.Db.ScalarAsync<long>("""
        SELECT count(*) FROM enrolments e JOIN classes c ON c.id = e.class_id WHERE c.organization_id = @o AND (e.to_date IS NULL OR e.to_date > @d)
        """, ("o", organization), ("d", TestClock.Today));

    /// <summary>The marks the pupil's diary lists, read by the head of <paramref name="organization"/>.</summary>
    private async Task<long> DiaryMarksAsync(string studentId, string organization)
    {
        var diary = await api.Http.GetJsonAsync($"/api/v1/students/{studentId}/diary", $"user=lc-diary-{organization}; roles=head@{organization}");
        Assert.True(diary.Status == 200, $"{diary.Status} {diary.Body}");
        return diary.Body.GetProperty("marks").GetArrayLength();
    }
}
