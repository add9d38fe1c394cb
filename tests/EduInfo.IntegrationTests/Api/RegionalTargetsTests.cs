using EduInfo.IntegrationTests.Infrastructure;

namespace EduInfo.IntegrationTests.Api;

/// <summary>Regional programme targets (order point 4): set within scope, audited, returned beside the live figure with the gap.</summary>
public sealed class RegionalTargetsTests(ApiHost api) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task A_target_set_by_an_analyst_is_shown_with_its_gap_to_the_live_figure()
    {
        var t = api.Registry.InClass(0);
        var organization = api.Registry.Data.Classes.Single(c => c.Id == t.ClassId).OrganizationId;
        var district = api.Registry.Data.Organizations.Single(o => o.Id == organization).NodeId;
        var region = api.Registry.Data.Nodes.Single(n => n.Id == district).ParentId!;

        // One lesson with one absentee of the class's roster: attendance (roster − 1) / roster.
        Assert.Equal(200, (await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/lessons", new
        {
            entries = new[] { new { entryId = Guid.NewGuid(), subjectId = t.SubjectId, date = "2026-11-17", period = 2, absentees = new[] { new { studentId = t.Roster[0], code = "sick" } } } },
        }, $"user={t.TeacherId}; roles=teacher")).Status);
        var expectedRate = Math.Round(100m * (t.Roster.Length - 1) / t.Roster.Length, 2, MidpointRounding.AwayFromZero);

        var set = await api.Http.SendJsonAsync(HttpMethod.Put, $"/api/v1/nodes/{region}/targets/attendanceRate", new { targetPercent = 95 }, HttpExtensions.Analyst);
        Assert.Equal(204, set.Status);

        var summary = await Eventually.MatchesAsync(() => api.Http.GetJsonAsync($"/api/v1/nodes/{region}/summary"),
            r => r.Body.GetProperty("figures").GetProperty("lessonsHeld").GetInt64() == 1, TimeSpan.FromSeconds(30), "the lesson reaches the region");
        var target = Assert.Single(summary.Body.GetProperty("targets").EnumerateArray());
        Assert.Equal("attendanceRate", target.GetProperty("metric").GetString());
        Assert.Equal(95m, target.GetProperty("target").GetDecimal());
        Assert.Equal(expectedRate, target.GetProperty("actual").GetDecimal());
        Assert.Equal(expectedRate - 95m, target.GetProperty("gap").GetDecimal());

        Assert.Equal(1, await api.Db.ScalarAsync<long>(
            "SELECT count(*) FROM audit_log WHERE action = 'target.set' AND target_id = @r AND detail->>'metric' = 'attendanceRate'", ("r", region)));
    }

    [Fact]
    public async Task Targets_are_refused_outside_scope_on_non_areas_and_for_bad_values()
    {
        var regions = api.Registry.Data.Nodes.Where(n => n.Kind == "region").Select(n => n.Id).ToList();
        var officer = $"user=ro; roles=region_officer@{regions[0]}";
        Assert.Equal(403, (await api.Http.SendJsonAsync(HttpMethod.Put, $"/api/v1/nodes/{regions[1]}/targets/attendanceRate", new { targetPercent = 90 }, officer)).Status);

        var school = api.Registry.Data.Organizations.First(o => o.Kind == "school").Id;
        var notArea = await api.Http.SendJsonAsync(HttpMethod.Put, $"/api/v1/nodes/{school}/targets/attendanceRate", new { targetPercent = 90 }, HttpExtensions.Analyst);
        Assert.Equal(400, notArea.Status);
        Assert.Equal("nodeId", notArea.Body.GetProperty("errors")[0].GetProperty("field").GetString());

        var metric = await api.Http.SendJsonAsync(HttpMethod.Put, $"/api/v1/nodes/{regions[0]}/targets/happiness", new { targetPercent = 90 }, officer, acceptLanguage: "ru");
        Assert.Equal(400, metric.Status);
        Assert.Equal("metricUnknown", metric.Body.GetProperty("errors")[0].GetProperty("code").GetString());

        var value = await api.Http.SendJsonAsync(HttpMethod.Put, $"/api/v1/nodes/{regions[0]}/targets/attendanceRate", new { targetPercent = 101 }, officer);
        Assert.Equal(400, value.Status);
        Assert.Equal("targetPercent", value.Body.GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Equal(0, await api.Db.ScalarAsync<long>("SELECT count(*) FROM regional_targets WHERE node_id = ANY(@n) OR metric = 'happiness' OR target_percent > 100",
            ("n", new[] { regions[1], school })));
    }
}
