using System.Text.Json;
using EduInfo.IntegrationTests.Infrastructure;

namespace EduInfo.IntegrationTests.Assessment;

/// <summary>
/// Exemptions from a subject through the HTTP API and PostgreSQL (issue 20): the head's decision, audited; the pupil's
/// result is "exempt" in the diary, out of the subject's metrics up to the republic, equal to the journal recount;
/// voided by the head like any row.
/// </summary>
public sealed class ExemptionApiTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static string Teacher(DemoRegistry.Teaching t) => $"user={t.TeacherId}; roles=teacher";

    private string Head(DemoRegistry.Teaching t) =>
        $"user=head-{t.ClassId}; roles=head@{api.Registry.Data.Classes.Single(c => c.Id == t.ClassId).OrganizationId}";

    private async Task<JsonElement> CellAsync(DemoRegistry.Teaching t) =>
        (await api.Http.GetJsonAsync($"/api/v1/nodes/{t.ClassId}/summary?term=2&subjectId={t.SubjectId}")).Body.GetProperty("figures");

    private async Task<JsonElement> StandingAsync(DemoRegistry.Teaching t, int student, int term, string language = "ru") =>
        (await api.Http.GetJsonAsync($"/api/v1/students/{t.Roster[student]}/diary", Head(t), language)).Body.GetProperty("standings").EnumerateArray()
            .Single(s => s.GetProperty("subjectId").GetString() == t.SubjectId && s.GetProperty("term").GetInt32() == term);

    [Fact]
    public async Task An_exempt_pupil_is_out_of_the_subjects_metrics_everywhere_until_the_exemption_is_voided()
    {
        var t = api.Registry.InSchoolClass(3);
        // Pupil 0: FO 2/10 → 20 % → 2; pupil 1: FO 9/10 → 5. Nobody else has work in the subject this term.
        var marks = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/marks", new
        {
            entries = new object[]
            {
                new { entryId = Guid.NewGuid(), studentId = t.Roster[0], subjectId = t.SubjectId, date = "2026-11-16", kind = "formative", score = 2 },
                new { entryId = Guid.NewGuid(), studentId = t.Roster[1], subjectId = t.SubjectId, date = "2026-11-16", kind = "formative", score = 9 },
            },
        }, Teacher(t));
        Assert.True(marks.Status == 200, $"{marks.Status} {marks.Body}");
        var before = await CellAsync(t);
        Assert.Equal((2, 1, 1), (before.GetProperty("studentsAssessed").GetInt64(), before.GetProperty("studentsSucceeding").GetInt64(), before.GetProperty("termMarks2").GetInt64()));

        var exemption = new { entryId = Guid.NewGuid(), studentId = t.Roster[0], subjectId = t.SubjectId, term = 2, ground = "medical", reason = "ВКК қорытындысы № 7" };
        Assert.Equal(403, (await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/exemptions", exemption, Teacher(t))).Status);
        var exempted = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/exemptions", exemption, Head(t));
        Assert.True(exempted.Status == 200, $"{exempted.Status} {exempted.Body}");
        Assert.Equal("duplicate", (await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/exemptions", exemption, Head(t))).Body
            .GetProperty("entries")[0].GetProperty("status").GetString());
        var conflict = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/exemptions", exemption with { ground = "individualPlan" }, Head(t));
        Assert.True(conflict.Status == 409, $"{conflict.Status} {conflict.Body}");

        // The diary says "exempt" in the reader's language, owes nothing; the class, and every level up, count pupil 1 only.
        var standing = await StandingAsync(t, 0, 2);
        Assert.Equal(("exempt", "Освобождён", JsonValueKind.Null), (standing.GetProperty("outcome").GetString(), standing.GetProperty("outcomeName").GetString(),
            standing.GetProperty("mark").ValueKind));
        Assert.Equal("Босатылған", (await StandingAsync(t, 0, 2, "kk")).GetProperty("outcomeName").GetString());
        var after = await CellAsync(t);
        Assert.Equal((1, 1, 0, 0), (after.GetProperty("studentsAssessed").GetInt64(), after.GetProperty("studentsSucceeding").GetInt64(),
            after.GetProperty("termMarks2").GetInt64(), after.GetProperty("notAttested").GetInt64()));
        await AssertRecountAsync(t);
        var audit = await api.Db.ScalarAsync<string>("SELECT detail::text FROM audit_log WHERE action = 'journal.exempt' AND target_id = @c", ("c", t.ClassId));
        Assert.Contains("\"ground\": \"medical\"", audit);
        Assert.DoesNotContain(t.Roster[0], audit); // the pupil is in the journal row, not repeated in the audit's detail

        // Only the head voids it; then the 2 counts again.
        var sequence = exempted.Body.GetProperty("entries")[0].GetProperty("sequence").GetInt64();
        Assert.Equal(403, (await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/corrections",
            new { entryId = Guid.NewGuid(), supersedes = sequence, action = "void", reason = "x" }, Teacher(t))).Status);
        var replace = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/corrections",
            new { entryId = Guid.NewGuid(), supersedes = sequence, action = "replace", score = 5, reason = "x" }, Head(t));
        Assert.Equal(400, replace.Status);
        Assert.Equal(200, (await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/corrections",
            new { entryId = Guid.NewGuid(), supersedes = sequence, action = "void", reason = "The conclusion was withdrawn" }, Head(t))).Status);
        Assert.Equal(("marked", 2), ((await StandingAsync(t, 0, 2)).GetProperty("outcome").GetString()!, (await StandingAsync(t, 0, 2)).GetProperty("mark").GetInt32()));
        Assert.Equal(2, (await CellAsync(t)).GetProperty("studentsAssessed").GetInt64());
        await AssertRecountAsync(t);
    }

    [Fact]
    public async Task Exempt_for_the_year_the_pupil_has_no_annual_mark_in_the_subject_and_the_year_counts_the_others()
    {
        var t = api.Registry.InSchoolClass(5);
        var marks = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/marks", new
        {
            entries = new object[]
            {
                new { entryId = Guid.NewGuid(), studentId = t.Roster[0], subjectId = t.SubjectId, date = "2026-10-01", kind = "formative", score = 8 },
                new { entryId = Guid.NewGuid(), studentId = t.Roster[0], subjectId = t.SubjectId, date = "2026-11-16", kind = "formative", score = 3 },
                new { entryId = Guid.NewGuid(), studentId = t.Roster[1], subjectId = t.SubjectId, date = "2026-11-16", kind = "formative", score = 7 },
            },
        }, Teacher(t));
        Assert.True(marks.Status == 200, $"{marks.Status} {marks.Body}");

        var exempted = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/exemptions",
            new { entryId = Guid.NewGuid(), studentId = t.Roster[0], subjectId = t.SubjectId, ground = "homeSchooling", reason = "Home schooling order No. 15" }, Head(t));
        Assert.True(exempted.Status == 200, $"{exempted.Status} {exempted.Body}");

        Assert.Equal("exempt", (await StandingAsync(t, 0, 1)).GetProperty("outcome").GetString());
        Assert.Equal("exempt", (await StandingAsync(t, 0, 2)).GetProperty("outcome").GetString());
        Assert.Equal("exempt", (await StandingAsync(t, 0, 0)).GetProperty("outcome").GetString());
        var year = (await api.Http.GetJsonAsync($"/api/v1/nodes/{t.ClassId}/summary?subjectId={t.SubjectId}")).Body.GetProperty("figures");
        Assert.Equal(1, year.GetProperty("studentsAssessed").GetInt64());
        Assert.Equal(1, await api.Db.ScalarAsync<long>("SELECT count(*) FROM journal WHERE entry_kind = 'exemption' AND exempt_year AND class_id = @c", ("c", t.ClassId)));
        await AssertRecountAsync(t);
    }

    private async Task AssertRecountAsync(DemoRegistry.Teaching t)
    {
        await Convergence.RepublicCoversTheJournalAsync(api.Http, api.Db, TimeSpan.FromSeconds(30));
        var organization = api.Registry.Data.Classes.Single(c => c.Id == t.ClassId).OrganizationId;
        RecountComparison.AssertNone(await RecountComparison.MismatchesAsync(api.Http, api.Db.DataSource, [t.ClassId, organization, "KZ"], TestClock.Today),
            "exemptions against the journal recount");
    }
}
