using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EduInfo.IntegrationTests.Api;

/// <summary>
/// Issue 26.1, reads that do not queue behind writes: GET …/summary of an organization or an area is answered from the
/// Api's watch of the node (kept current by the grain's pushes) without a grain call; a class's from its grain; when the
/// grain leaves, reads go to the grain until the watch is renewed, at once rather than at its interval. The host renews
/// watches only every ten minutes, so a renewal within a test was caused by the grain's leaving.
/// </summary>
public sealed class SummaryReadTests(PushOnlyApiHost api) : IClassFixture<PushOnlyApiHost>
{
    private string DistrictOf(DemoRegistry.Teaching t) => api.Registry.Data.Organizations.Single(o => o.Id == LiveWrites.OrganizationOf(api, t)).NodeId;

    private async Task<(long Version, long FormativeMarks)> ReadAsync(string nodeId)
    {
        var summary = await api.Http.GetJsonAsync($"/api/v1/nodes/{nodeId}/summary");
        Assert.True(summary.Status == 200, summary.Body.ToString());
        return (summary.Body.GetProperty("version").GetInt64(), summary.Body.GetProperty("figures").GetProperty("formativeMarks").GetInt64());
    }

    /// <summary>Reads until one is answered without a grain call: the first read of a node asks the grain and starts the watch.</summary>
    private async Task<(long Version, long FormativeMarks)> WatchedAsync(string nodeId)
    {
        (long, long) last = default;
        await Eventually.MatchesAsync(async () =>
        {
            var asked = api.Calls.Count(nameof(ISummaryNode.GetSummary), nodeId);
            last = await ReadAsync(nodeId);
            return api.Calls.Count(nameof(ISummaryNode.GetSummary), nodeId) - asked;
        }, calls => calls == 0, TimeSpan.FromSeconds(10), $"a read of {nodeId} answered from the watch");
        return last;
    }

    [Fact]
    public async Task An_area_read_is_answered_from_the_watch_and_a_mark_reaches_it_by_push()
    {
        var t = api.Registry.InSchoolClass(0);
        var district = DistrictOf(t);
        var before = await WatchedAsync(district);
        var asked = api.Calls.Count(nameof(ISummaryNode.GetSummary), district);
        var watches = api.Calls.Count(nameof(ISummaryNode.Watch), district);

        await LiveWrites.MarkAsync(api, t);
        var after = await Eventually.MatchesAsync(() => ReadAsync(district), s => s.FormativeMarks == before.FormativeMarks + 1, LiveWrites.PushBound,
            "the district's read counting the mark");

        Assert.True(after.Version > before.Version);
        Assert.Equal(asked, api.Calls.Count(nameof(ISummaryNode.GetSummary), district));
        Assert.Equal(watches, api.Calls.Count(nameof(ISummaryNode.Watch), district));
    }

    [Fact]
    public async Task An_organization_read_is_answered_from_the_watch_and_a_class_read_from_its_grain()
    {
        var t = api.Registry.InSchoolClass(1);
        var organization = LiveWrites.OrganizationOf(api, t);
        await WatchedAsync(organization);
        var asked = api.Calls.Count(nameof(ISummaryNode.GetSummary), organization);
        for (var i = 0; i < 5; i++)
        {
            await ReadAsync(organization);
        }
        Assert.Equal(asked, api.Calls.Count(nameof(ISummaryNode.GetSummary), organization));

        // A teacher reads their class right after writing to it: always the grain, never a push behind.
        var classAsked = api.Calls.Count(nameof(ISummaryNode.GetSummary), t.ClassId);
        await ReadAsync(t.ClassId);
        await ReadAsync(t.ClassId);
        Assert.Equal(classAsked + 2, api.Calls.Count(nameof(ISummaryNode.GetSummary), t.ClassId));
    }

    [Fact]
    public async Task When_the_grain_leaves_the_watch_is_renewed_at_once_and_reads_follow_the_new_activation()
    {
        var t = api.Registry.InSchoolClass(2);
        var organization = LiveWrites.OrganizationOf(api, t);
        var before = await WatchedAsync(organization);
        var watches = api.Calls.Count(nameof(ISummaryNode.Watch), organization);

        // The activation holding the watch goes and tells its watchers; the next one starts with none.
        var grains = api.Services.GetRequiredService<IGrainFactory>();
        await grains.GetGrain<IManagementGrain>(0).DeactivateGrain(grains.GetGrain<IOrganizationGrain>(organization).GetGrainId(), CancellationToken.None);
        await Eventually.MatchesAsync(() => Task.FromResult(api.Calls.Count(nameof(ISummaryNode.Watch), organization)), n => n > watches, TimeSpan.FromSeconds(10),
            "the watch renewed after the grain left (its interval is ten minutes)");

        await WatchedAsync(organization);
        await LiveWrites.MarkAsync(api, t);
        var after = await Eventually.MatchesAsync(() => ReadAsync(organization), s => s.FormativeMarks == before.FormativeMarks + 1, LiveWrites.PushBound,
            "the organization's read counting the mark, pushed by the new activation");
        Assert.True(after.Version > before.Version);
    }
}
