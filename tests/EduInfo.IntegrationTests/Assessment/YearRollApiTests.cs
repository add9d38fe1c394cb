using System.Text.Json;
using EduInfo.IntegrationTests.Infrastructure;

namespace EduInfo.IntegrationTests.Assessment;

/// <summary>A host whose clock starts in May 2027, near the end of the demo year, and moves across 1 September.</summary>
public sealed class YearBoundaryApiHost : ApiHost
{
    protected override DateTimeOffset PinnedAt => new(2027, 5, 20, 6, 0, 0, TimeSpan.Zero);
}

/// <summary>
/// A year's end and the roll into the next, across the year boundary with the pinned clock (issue 20): a pupil moved to
/// another school on the year's last day; the council decides every pupil of every school (one repeats, one leaves);
/// the year closes (a correction is then refused); on 2 September the roll makes the next year's classes and moves the
/// pupils as decided; the live summaries count the new year (a mark written in it shows), the archive the old one; the
/// old year reopened takes a correction, and closed again its archive carries it up to the republic.
/// </summary>
public sealed class YearRollApiTests(YearBoundaryApiHost api) : IClassFixture<YearBoundaryApiHost>
{
    private const string Year = "2026-2027";
    private const string Next = "2027-2028";
    private const string Operator = "user=roll-op; roles=operator@KZ";

    private static string Head(string organization) => $"user=roll-head-{organization}; roles=head@{organization}";

    private static long Figure(JsonElement summary, string name) => summary.GetProperty("figures").GetProperty(name).GetInt64();

    private static string Errors(JsonElement body) =>
        string.Join(", ", body.GetProperty("errors").EnumerateArray().Select(e => $"{e.GetProperty("field").GetString()}:{e.GetProperty("code").GetString()}"));

    [Fact]
    public async Task A_year_closes_rolls_into_the_next_as_the_council_decided_and_keeps_its_archive()
    {
        var data = api.Registry.Data;
        var schools = data.Organizations.Where(o => o.Kind == "school").ToList();
        var regionOf = data.Organizations.ToDictionary(o => o.Id, o => data.Nodes.Single(n => n.Id == o.NodeId).ParentId!);
        var (org1, org2) = schools.SelectMany(a => schools.Where(b => b.Id != a.Id && regionOf[a.Id] == regionOf[b.Id]).Select(b => (a.Id, b.Id))).First();
        var a5 = data.Classes.First(c => c.OrganizationId == org1 && c.Grade == 5);
        var b5 = data.Classes.First(c => c.OrganizationId == org2 && c.Grade == 5);
        var a9 = data.Classes.First(c => c.OrganizationId == org1 && c.Grade == 9);
        var teaching = api.Registry.Teachings().First(t => t.ClassId == a5.Id);
        var (marked, moved, repeater) = (teaching.Roster[0], teaching.Roster[1], teaching.Roster[2]);
        var leaver = api.Registry.Teachings().First(t => t.ClassId == a9.Id).Roster[0];

        // May: an operator sets the next year's final attestation (grade 6 attested instead of 9), which the roll and this year ignore.
        var policy = await api.Http.SendJsonAsync(HttpMethod.Put, "/api/v1/policies/final-attestation", new
        {
            effectiveFrom = "2027-09-01", documents = new[] { new { grade = 6, document = "basicSecondaryCertificate" }, new { grade = 11, document = "generalSecondaryAttestat" } },
            finalGrade = 11, annualWeight = 1, examWeight = 1, passMark = 3, maxReexaminations = 2,
        }, Operator);
        Assert.True(policy.Status == 204, $"{policy.Status} {policy.Body}");

        // May: a mark in the last term.
        var mark = await api.Http.PostJsonAsync($"/api/v1/classes/{a5.Id}/marks", new
        {
            entries = new[] { new { entryId = Guid.NewGuid(), studentId = marked, subjectId = teaching.SubjectId, date = "2027-05-19", kind = "formative", score = 9 } },
        }, $"user={teaching.TeacherId}; roles=teacher");
        Assert.True(mark.Status == 200, $"{mark.Status} {mark.Body}");
        var markSeq = mark.Body.GetProperty("entries")[0].GetProperty("sequence").GetInt64();

        // 31 August, the year's last day: a pupil moves to a school of the same region.
        api.Time.SetUtcNow(new DateTimeOffset(2027, 8, 31, 6, 0, 0, TimeSpan.Zero));
        var transfer = await api.Http.PostJsonAsync($"/api/v1/students/{moved}/transfers", new { toClassId = b5.Id, date = "2027-08-31", reason = "Переезд семьи" },
            $"user=roll-region; roles=region_officer@{regionOf[org1]}");
        Assert.True(transfer.Status == 200, $"{transfer.Status} {transfer.Body}");

        // Not closed, the year does not roll; the council then decides every pupil of every school: the defaults, one repeats, one leaves.
        var early = await api.Http.PostJsonAsync($"/api/v1/years/{Year}/roll", null, Operator);
        Assert.Equal((409, "academicYear:yearNotClosed"), (early.Status, Errors(early.Body)));
        foreach (var cls in data.Classes.Where(c => schools.Any(s => s.Id == c.OrganizationId)))
        {
            var yearEnd = await api.Http.GetJsonAsync($"/api/v1/classes/{cls.Id}/year-end", Head(cls.OrganizationId));
            Assert.True(yearEnd.Status == 200, $"{cls.Id}: {yearEnd.Status} {yearEnd.Body}");
            var decisions = yearEnd.Body.GetProperty("pupils").EnumerateArray().Select(p => p.GetProperty("studentId").GetString()!).Select(s =>
                s == repeater ? new { studentId = s, decision = "repeatsYear", reason = (string?)"Протокол № 5" }
                : s == leaver ? new { studentId = s, decision = "leftSchool", reason = (string?)"Колледж" }
                : new { studentId = s, decision = yearEnd.Body.GetProperty("pupils").EnumerateArray().Single(p => p.GetProperty("studentId").GetString() == s)
                    .GetProperty("proposed").GetString()!, reason = (string?)null }).ToArray();
            if (decisions.Length > 0)
            {
                var council = await api.Http.PostJsonAsync($"/api/v1/classes/{cls.Id}/council", new { decisions }, Head(cls.OrganizationId));
                Assert.True(council.Status == 200, $"{cls.Id}: {council.Status} {council.Body}");
            }
        }
        Assert.Contains(moved, (await api.Http.GetJsonAsync($"/api/v1/classes/{b5.Id}/year-end", Head(org2))).Body.ToString());

        // Closed: a correction is refused.
        Assert.Equal(200, (await api.Http.PostJsonAsync($"/api/v1/years/{Year}/close", null, Operator)).Status);
        var archivedOrg = (await api.Http.GetJsonAsync($"/api/v1/nodes/{org1}/summary?year={Year}")).Body;
        var correction = new { entryId = Guid.NewGuid(), supersedes = markSeq, action = "replace", score = 7, reason = "Ошибка ввода" };
        var refused = await api.Http.PostJsonAsync($"/api/v1/classes/{a5.Id}/corrections", correction, Head(org1));
        Assert.Equal((409, "academicYear:yearClosed"), (refused.Status, Errors(refused.Body)));

        // 2 September: the roll.
        api.Time.SetUtcNow(new DateTimeOffset(2027, 9, 2, 6, 0, 0, TimeSpan.Zero));
        var roll = await api.Http.PostJsonAsync($"/api/v1/years/{Year}/roll", null, Operator);
        Assert.True(roll.Status == 200, $"{roll.Status} {roll.Body}");
        Assert.Equal(Next, roll.Body.GetProperty("nextYear").GetString());
        Assert.Equal((1, 1), (roll.Body.GetProperty("decisions").GetProperty("repeatsYear").GetInt32(), roll.Body.GetProperty("decisions").GetProperty("leftSchool").GetInt32()));
        var again = await api.Http.PostJsonAsync($"/api/v1/years/{Year}/roll", null, Operator, "ru");
        Assert.Equal((409, "academicYear:yearAlreadyRolled"), (again.Status, Errors(again.Body)));

        // Each pupil where the council sent them, from the new year's first day; every enrolment of the old year ended on its last.
        async Task<string?> ClassOnAsync(string student, string day) => await api.Db.ScalarAsync<string?>(
            "SELECT class_id FROM enrolments WHERE student_id = @s AND from_date <= @d::date AND (to_date IS NULL OR to_date >= @d::date) ORDER BY from_date DESC LIMIT 1",
            ("s", student), ("d", day));
        Assert.Equal($"{org1}-2027-06-1", await ClassOnAsync(marked, "2027-09-02"));
        Assert.Equal($"{org2}-2027-06-1", await ClassOnAsync(moved, "2027-09-02"));
        Assert.Equal($"{org1}-2027-05-1", await ClassOnAsync(repeater, "2027-09-02"));
        Assert.Equal($"{org1}-2027-10-1", await ClassOnAsync(api.Registry.Teachings().First(t => t.ClassId == a9.Id).Roster[1], "2027-09-02"));
        Assert.Null(await ClassOnAsync(leaver, "2027-09-02"));
        Assert.Equal(b5.Id, await ClassOnAsync(moved, "2027-08-31"));
        Assert.Equal(0, await api.Db.ScalarAsync<long>("""
            SELECT count(*) FROM enrolments e JOIN classes c ON c.id = e.class_id JOIN organizations o ON o.id = c.organization_id
            WHERE c.academic_year = @y AND o.kind = 'school' AND (e.to_date IS NULL OR e.to_date > '2027-08-31')
            """, ("y", Year)));
        Assert.True(await api.Db.ScalarAsync<long>("SELECT count(*) FROM academic_terms WHERE academic_year = @y AND org_kind = 'school'", ("y", Next)) >= 4);

        // The live summaries count the new year: the school's new classes, its pupils today; the archive keeps the old year.
        var live = await Eventually.MatchesAsync(async () => (await api.Http.GetJsonAsync($"/api/v1/nodes/{org1}/summary")).Body,
            s => s.GetProperty("year").GetString() == Next, TimeSpan.FromSeconds(30), "the school's live summary on the new year");
        var newPupils = await api.Db.ScalarAsync<long>("""
            SELECT count(*) FROM enrolments e JOIN classes c ON c.id = e.class_id WHERE c.organization_id = @o AND c.academic_year = @y AND e.from_date <= '2027-09-02'
            """, ("o", org1), ("y", Next));
        Assert.Equal(newPupils, Figure(live, "students"));
        var children = (await api.Http.GetJsonAsync($"/api/v1/nodes/{org1}/children")).Body.EnumerateArray().Select(c => c.GetProperty("nodeId").GetString()).ToList();
        Assert.Contains($"{org1}-2027-06-1", children);
        Assert.DoesNotContain(a5.Id, children);
        Assert.Equal(Figure(archivedOrg, "students"), Figure((await api.Http.GetJsonAsync($"/api/v1/nodes/{org1}/summary?year={Year}")).Body, "students"));

        // The new year ends under the version in force on its first day (grade 6 attested); the old year kept 2020's (grade 9, not 5).
        async Task<bool> AttestedAsync(string classId)
        {
            var yearEnd = await api.Http.GetJsonAsync($"/api/v1/classes/{classId}/year-end", Head(org1));
            Assert.True(yearEnd.Status == 200, $"{classId}: {yearEnd.Status} {yearEnd.Body}");
            return yearEnd.Body.GetProperty("finalAttestation").GetBoolean();
        }
        Assert.Equal((true, true, false), (await AttestedAsync($"{org1}-2027-06-1"), await AttestedAsync(a9.Id), await AttestedAsync(a5.Id)));

        // The new year's journal: the head assigns a teacher to the new class, who writes a mark on 2 September; it counts live.
        var assigned = await api.Http.PostJsonAsync($"/api/v1/organizations/{org1}/assignments",
            new { teacherId = teaching.TeacherId, groupId = $"{org1}-2027-06-1", subjectId = teaching.SubjectId, from = "2027-09-01" }, Head(org1));
        Assert.True(assigned.Status == 201, $"{assigned.Status} {assigned.Body}");
        var newMark = await api.Http.PostJsonAsync($"/api/v1/classes/{org1}-2027-06-1/marks", new
        {
            entries = new[] { new { entryId = Guid.NewGuid(), studentId = marked, subjectId = teaching.SubjectId, date = "2027-09-02", kind = "formative", score = 10 } },
        }, $"user={teaching.TeacherId}; roles=teacher");
        Assert.True(newMark.Status == 200, $"{newMark.Status} {newMark.Body}");
        await Eventually.MatchesAsync(async () => Figure((await api.Http.GetJsonAsync($"/api/v1/nodes/{org1}/summary")).Body, "formativeMarks"),
            n => n == 1, TimeSpan.FromSeconds(30), "the new year's mark in the school's live summary");

        // The old year reopened takes the correction; closed again, its archive carries it up to the republic, and the live year is untouched.
        Assert.Equal(200, (await api.Http.PostJsonAsync($"/api/v1/years/{Year}/reopen", new { reason = "Приказ № 3" }, Operator)).Status);
        var corrected = await api.Http.PostJsonAsync($"/api/v1/classes/{a5.Id}/corrections", correction with { entryId = Guid.NewGuid() }, Head(org1));
        Assert.True(corrected.Status == 200, $"{corrected.Status} {corrected.Body}");
        var before = new Dictionary<string, long>();
        foreach (var node in new[] { a5.Id, org1, "KZ" })
        {
            before[node] = Figure((await api.Http.GetJsonAsync($"/api/v1/nodes/{node}/summary?year={Year}")).Body, "formativeScoreSum");
        }
        Assert.Equal(200, (await api.Http.PostJsonAsync($"/api/v1/years/{Year}/close", null, Operator)).Status);
        foreach (var (node, sum) in before)
        {
            // 9 replaced by 7, in the class, its school and the republic.
            Assert.Equal((node, sum - 2), (node, Figure((await api.Http.GetJsonAsync($"/api/v1/nodes/{node}/summary?year={Year}")).Body, "formativeScoreSum")));
        }
        Assert.Equal(1, Figure((await api.Http.GetJsonAsync($"/api/v1/nodes/{org1}/summary")).Body, "formativeMarks"));
        Assert.Equal(1L, await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'year.roll' AND target_id = @y", ("y", Year)));
    }
}
