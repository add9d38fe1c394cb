using EduInfo.IntegrationTests.Infrastructure;

namespace EduInfo.IntegrationTests.Api;

/// <summary>Open reports: anonymous aggregates, small cells suppressed in pairs, nothing personal, no classes.</summary>
public sealed class PublicReportsTests(ApiHost api) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task The_republic_is_public_and_aggregate_only()
    {
        var response = await api.Http.GetJsonAsync("/api/v1/public/nodes/KZ/summary?lang=en", actor: null);
        Assert.Equal(200, response.Status);
        Assert.False(response.Body.GetProperty("suppressed").GetBoolean());
        Assert.Equal(await api.Db.ScalarAsync<long>("SELECT count(DISTINCT student_id) FROM enrolments"), response.Body.GetProperty("students").GetInt64());
        Assert.Equal("Republic of Kazakhstan", response.Body.GetProperty("name").GetString());
        var text = response.Body.GetRawText();
        Assert.DoesNotContain("iin", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("studentId", text);
    }

    [Fact]
    public async Task Among_a_region_s_children_a_small_cell_is_hidden_with_a_partner()
    {
        // Each region of the tiny country has two districts and a college with 16 students each, and an
        // additional-education centre with none: that lone small cell is hidden with the smallest sibling.
        var region = api.Registry.Data.Nodes.First(n => n.Kind == "region").Id;
        var response = await api.Http.GetJsonAsync($"/api/v1/public/nodes/{region}/children", actor: null);
        Assert.Equal(200, response.Status);
        var children = response.Body.EnumerateArray().ToList();
        var hidden = children.Where(c => c.GetProperty("suppressed").GetBoolean()).ToList();
        Assert.Equal(2, hidden.Count);
        Assert.All(hidden, c => Assert.Equal(System.Text.Json.JsonValueKind.Null, c.GetProperty("students").ValueKind));
        Assert.All(hidden, c => Assert.Equal(System.Text.Json.JsonValueKind.Null, c.GetProperty("rates").ValueKind));
        var centre = api.Registry.Data.Organizations.Single(o => o.NodeId == region && o.Kind == "additional").Id;
        Assert.Contains(hidden, c => c.GetProperty("nodeId").GetString() == centre);
        Assert.All(children.Except(hidden), c => Assert.True(c.GetProperty("students").GetInt64() >= 10));
    }

    [Fact]
    public async Task Classes_are_not_public_and_unknown_nodes_are_404()
    {
        var cls = api.Registry.Data.Classes[0].Id;
        Assert.Equal(404, (await api.Http.GetJsonAsync($"/api/v1/public/nodes/{cls}/summary", actor: null)).Status);
        Assert.Equal(404, (await api.Http.GetJsonAsync("/api/v1/public/nodes/NOPE/children", actor: null)).Status);
        var school = api.Registry.Data.Organizations.First(o => o.Kind == "school").Id;
        var children = await api.Http.GetJsonAsync($"/api/v1/public/nodes/{school}/children", actor: null);
        Assert.Equal(200, children.Status);
        Assert.Equal(0, children.Body.GetArrayLength());
    }
}
