using System.Text.Json;
using EduInfo.IntegrationTests.Infrastructure;

namespace EduInfo.IntegrationTests.Assessment;

/// <summary>
/// Closing the academic year through the HTTP API and PostgreSQL (issue 20): an operator closes it; every node's summary
/// — the republic down to each class — is archived as the journal stood, and answered with <c>year=</c>; the year's
/// classes refuse writes at once (409 in the reader's language); a reopening needs a reason; closed again, the
/// archive takes the correction made meanwhile. Audited.
/// </summary>
public sealed class YearCloseApiTests(ApiHost api) : IClassFixture<ApiHost>
{
    private const string Year = "2026-2027";
    private const string Operator = "user=year-op; roles=operator@KZ";

    private static long Formative(JsonElement summary) => summary.GetProperty("figures").GetProperty("formativeMarks").GetInt64();

    private Task<long> JournalFormativeAsync(string? classId = null) => api.Db.ScalarAsync<long>(
        "SELECT count(*) FROM journal WHERE academic_year = @y AND mark_kind = 'formative' AND supersedes IS NULL AND (@c::text IS NULL OR class_id = @c)",
        ("y", Year), ("c", (object?)classId ?? DBNull.Value));

    private async Task<(int Status, JsonElement Body)> MarkAsync(DemoRegistry.Teaching t, int pupil, int score, string language = "en")
    {
        var response = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/marks", new
        {
            entries = new[] { new { entryId = Guid.NewGuid(), studentId = t.Roster[pupil], subjectId = t.SubjectId, date = "2026-11-19", kind = "formative", score } },
        }, $"user={t.TeacherId}; roles=teacher", language);
        return (response.Status, response.Body);
    }

    [Fact]
    public async Task A_closed_year_is_archived_at_every_level_refuses_writes_and_takes_a_correction_only_after_a_reopening()
    {
        var t = api.Registry.InSchoolClass(0);
        var organization = api.Registry.Data.Classes.Single(c => c.Id == t.ClassId).OrganizationId;
        Assert.Equal(200, (await MarkAsync(t, 0, 8)).Status);
        Assert.Equal(200, (await MarkAsync(t, 1, 6)).Status);

        // Only operators close a year; a head is refused before anything happens.
        Assert.Equal(403, (await api.Http.PostJsonAsync($"/api/v1/years/{Year}/close", null, $"user=h; roles=head@{organization}")).Status);
        var closed = await api.Http.PostJsonAsync($"/api/v1/years/{Year}/close", null, Operator);
        Assert.True(closed.Status == 200, $"{closed.Status} {closed.Body}");
        var nodes = await api.Db.ScalarAsync<long>("SELECT (SELECT count(*) FROM nodes) + (SELECT count(*) FROM organizations) + (SELECT count(*) FROM classes WHERE academic_year = @y)", ("y", Year));
        Assert.Equal((true, nodes), (closed.Body.GetProperty("closed").GetBoolean(), closed.Body.GetProperty("archived").GetInt64()));
        var again = await api.Http.PostJsonAsync($"/api/v1/years/{Year}/close", null, Operator, "ru");
        Assert.Equal((409, "academicYear:yearAlreadyClosed"), (again.Status, Errors(again.Body)));

        // The archive is the journal as it stood, at every level, whatever the live summaries had caught up with.
        var expected = new Dictionary<string, long>
        {
            ["KZ"] = await JournalFormativeAsync(),
            [organization] = await api.Db.ScalarAsync<long>("SELECT count(*) FROM journal WHERE academic_year = @y AND mark_kind = 'formative' AND organization_id = @o",
                ("y", Year), ("o", organization)),
            [t.ClassId] = await JournalFormativeAsync(t.ClassId),
        };
        foreach (var (node, marks) in expected)
        {
            var archived = await api.Http.GetJsonAsync($"/api/v1/nodes/{node}/summary?year={Year}");
            Assert.True(archived.Status == 200, $"{node}: {archived.Status} {archived.Body}");
            Assert.Equal(marks, Formative(archived.Body));
        }
        var children = await api.Http.GetJsonAsync($"/api/v1/nodes/{organization}/children?year={Year}");
        Assert.Equal(api.Registry.Data.Classes.Count(c => c.OrganizationId == organization), children.Body.GetArrayLength());
        Assert.Equal(2, children.Body.EnumerateArray().Single(c => c.GetProperty("nodeId").GetString() == t.ClassId) is var cls ? Formative(cls) : -1);
        // A year never closed is not in the archive: still refused as not live.
        Assert.Equal(400, (await api.Http.GetJsonAsync("/api/v1/nodes/KZ/summary?year=2024-2025")).Status);

        // The year's classes refuse writes at once, in the reader's language, and write nothing.
        var refused = await MarkAsync(t, 2, 9, "ru");
        Assert.Equal((409, "academicYear:yearClosed"), (refused.Status, Errors(refused.Body)));
        Assert.Equal("Учебный год закрыт: для исправлений его нужно переоткрыть с указанием причины.", refused.Body.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal(2, await JournalFormativeAsync(t.ClassId));

        // Reopened only with a reason and by an operator; then the correction goes in, and the archive keeps the close's figures.
        Assert.Equal((400, "reason:reasonRequired"), await api.Http.PostJsonAsync($"/api/v1/years/{Year}/reopen", new { reason = " " }, Operator) is var noReason
            ? (noReason.Status, Errors(noReason.Body)) : default);
        Assert.Equal(403, (await api.Http.PostJsonAsync($"/api/v1/years/{Year}/reopen", new { reason = "x" }, $"user={t.TeacherId}; roles=teacher")).Status);
        var reopened = await api.Http.PostJsonAsync($"/api/v1/years/{Year}/reopen", new { reason = "Приказ № 12: исправить отметку" }, Operator);
        Assert.True(reopened.Status == 200, $"{reopened.Status} {reopened.Body}");
        Assert.False(reopened.Body.GetProperty("closed").GetBoolean());
        Assert.Equal((409, "academicYear:yearNotClosed"), await api.Http.PostJsonAsync($"/api/v1/years/{Year}/reopen", new { reason = "again" }, Operator) is var twice
            ? (twice.Status, Errors(twice.Body)) : default);
        Assert.Equal(200, (await MarkAsync(t, 2, 9)).Status);
        Assert.Equal(2, Formative((await api.Http.GetJsonAsync($"/api/v1/nodes/{t.ClassId}/summary?year={Year}")).Body));

        // Closed again: the archive is replaced, the correction in it.
        Assert.Equal(200, (await api.Http.PostJsonAsync($"/api/v1/years/{Year}/close", null, Operator)).Status);
        Assert.Equal(3, Formative((await api.Http.GetJsonAsync($"/api/v1/nodes/{t.ClassId}/summary?year={Year}")).Body));
        Assert.Equal(await JournalFormativeAsync(), Formative((await api.Http.GetJsonAsync($"/api/v1/nodes/KZ/summary?year={Year}")).Body));
        var state = await api.Http.GetJsonAsync($"/api/v1/years/{Year}", Operator);
        Assert.Equal((true, nodes), (state.Body.GetProperty("closed").GetBoolean(), state.Body.GetProperty("archived").GetInt64()));

        // Audited: two closes and a reopening, the reason kept with the year, not in the audit.
        Assert.Equal((2L, 1L), (await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'year.close' AND target_id = @y", ("y", Year)),
            await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'year.reopen' AND target_id = @y", ("y", Year))));
        Assert.Equal("Приказ № 12: исправить отметку", await api.Db.ScalarAsync<string>("SELECT reopen_reason FROM academic_years WHERE academic_year = @y", ("y", Year)));
    }

    [Theory]
    [InlineData("2031-2032", 404)]
    [InlineData("2026-2028", 404)]
    [InlineData("%3Cscript%3E", 404)]
    [InlineData("'%20OR%201=1", 404)]
    public async Task A_year_with_no_classes_or_no_year_at_all_is_not_found(string year, int status)
    {
        var response = await api.Http.PostJsonAsync($"/api/v1/years/{year}/close", null, Operator, "kk");
        Assert.True(response.Status == status, $"{year}: {response.Status} {response.Body}");
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.DoesNotContain("<script>", response.Body.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(status, (await api.Http.GetJsonAsync($"/api/v1/years/{year}", Operator)).Status);
        Assert.Equal(0, await api.Db.ScalarAsync<long>("SELECT count(*) FROM academic_years WHERE closed_at IS NOT NULL AND academic_year <> @y", ("y", Year)));
    }

    private static string Errors(JsonElement body) =>
        string.Join(", ", body.GetProperty("errors").EnumerateArray().Select(e => $"{e.GetProperty("field").GetString()}:{e.GetProperty("code").GetString()}"));
}
