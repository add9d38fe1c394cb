using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.IntegrationTests.Web.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace EduInfo.IntegrationTests.Web;

/// <summary>
/// The signed-in dashboard (issue 16): an officer's drill-down to a class, live figures without a reload, filters in
/// the address, the area's bounds; axe and screenshots of each view.
/// </summary>
public sealed class DashboardPagesTests(BrowserFixture browser, WebHost web, ITestOutputHelper output) : BrowserTest(browser, web, output)
{
    [Fact]
    public async Task An_officer_sees_their_district_and_drills_down_through_an_organization_to_a_class()
    {
        var officer = Web.Account("district.officer");
        await Session.SignInAsync(officer.Login, officer.Password);
        Assert.Equal($"/nodes/{officer.ScopeId}", new Uri(Page.Url).AbsolutePath);
        await Assertions.Expect(Page.Locator("#dashboard [data-metric=successRate]")).ToHaveCountAsync(1);
        await Assertions.Expect(Page.Locator("#dashboard [data-chart]")).ToHaveCountAsync(4);
        await Session.CheckPageAsync("dashboard-district", Output);

        // Down the rows' links, whatever the depth, until a node without children: a class.
        var visited = new List<string> { officer.ScopeId };
        // Only nodes of the demo registry: other browser tests of this host open organizations with no classes yet.
        var demo = Web.Registry.Data.Nodes.Select(n => n.Id).Concat(Web.Registry.Data.Organizations.Select(o => o.Id))
            .Concat(Web.Registry.Data.Classes.Select(c => c.Id)).ToHashSet(StringComparer.Ordinal);
        while (await Page.Locator("table.report tr[data-node-id] a").CountAsync() > 0)
        {
            var ids = await Page.Locator("table.report tr[data-node-id]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.nodeId)");
            var link = Page.Locator($"table.report tr[data-node-id='{ids.First(demo.Contains)}'] a").First;
            var name = (await link.InnerTextAsync()).Trim();
            await link.ClickAsync();
            await Page.WaitForURLAsync(url => !visited.Any(v => new Uri(url).AbsolutePath == $"/nodes/{v}"));
            await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await Assertions.Expect(Page.Locator("h1")).ToHaveTextAsync(name);
            // The crumbs start at the officer's district and end at the page before.
            await Assertions.Expect(Page.Locator("nav.crumbs a").First).ToHaveAttributeAsync("href", $"/nodes/{officer.ScopeId}");
            await Assertions.Expect(Page.Locator("nav.crumbs a").Last).ToHaveAttributeAsync("href", $"/nodes/{visited[^1]}");
            visited.Add(new Uri(Page.Url).AbsolutePath["/nodes/".Length..]);
            Assert.True(visited.Count < 8, "the drill-down never reached a node without children");
        }
        Assert.Contains(visited[^1], Web.Registry.Data.Classes.Select(c => c.Id));
        await Session.CheckPageAsync("dashboard-class", Output);
    }

    [Fact]
    public async Task A_roll_call_posted_through_the_API_changes_the_open_dashboard_without_a_reload()
    {
        var t = Web.Registry.InSchoolClass(3);
        var analyst = Web.Account("analyst");
        await Session.SignInAsync(analyst.Login, analyst.Password);
        await Session.OpenAsync($"/nodes/{t.ClassId}");
        var attendance = Page.Locator("#dashboard [data-metric=attendanceRate] dd");
        var before = (await attendance.InnerTextAsync()).Trim();
        var version = long.Parse(await Page.Locator("#dashboard").GetAttributeAsync("data-version") ?? "0");
        await Page.EvaluateAsync("() => { window.notReloaded = true; }");
        var requests = new System.Collections.Concurrent.ConcurrentQueue<string>();
        Page.Request += (_, request) => requests.Enqueue(new Uri(request.Url).PathAndQuery);

        var ack = await Web.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/lessons", new
        {
            entries = new[] { new { entryId = Guid.NewGuid(), subjectId = t.SubjectId, date = "2026-11-17", period = 3, absentees = new[] { new { studentId = t.Roster[0], code = "sick" } } } },
        }, $"user={t.TeacherId}; roles=teacher");
        Assert.Equal(200, ack.Status);

        // The stream pushes the new version; the module fetches the section shared by every viewer of that version
        // (not the whole page), within ~2 s of it, and keeps "updated N s ago" on the server's clock from its header.
        await Page.WaitForFunctionAsync($"() => Number(document.getElementById('dashboard').dataset.version) > {version}",
            null, new PageWaitForFunctionOptions { Timeout = 15_000 });
        Assert.NotEqual(before, (await attendance.InnerTextAsync()).Trim());
        Assert.Contains(requests, r => r.StartsWith($"/nodes/{t.ClassId}/view?", StringComparison.Ordinal) && r.Contains("&v=", StringComparison.Ordinal));
        Assert.DoesNotContain(requests, r => r == $"/nodes/{t.ClassId}");
        Assert.NotEmpty(await Page.Locator("#dashboard").GetAttributeAsync("data-server-now") ?? "");
        Assert.True(await Page.EvaluateAsync<bool>("() => [...document.querySelectorAll('#dashboard [data-chart]')].every(e => e.querySelector('canvas'))"),
            "the new view's charts are drawn");
        Assert.True(await Page.EvaluateAsync<bool>("() => window.notReloaded === true"), "the page was reloaded");
        Session.Guards.AssertClean();
    }

    [Fact]
    public async Task Filters_are_kept_in_the_address_so_a_reload_or_a_link_reproduces_the_view()
    {
        var t = Web.Registry.InSchoolClass(4);
        Assert.Equal(200, (await Web.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/marks", new
        {
            entries = new[] { new { entryId = Guid.NewGuid(), studentId = t.Roster[0], subjectId = t.SubjectId, date = "2026-11-17", kind = "formative", score = 7 } },
        }, $"user={t.TeacherId}; roles=teacher")).Status);
        var analyst = Web.Account("analyst");
        await Session.SignInAsync(analyst.Login, analyst.Password);
        await Session.OpenAsync($"/nodes/{t.ClassId}");

        await Page.SelectOptionAsync("#term", "2");
        await Page.SelectOptionAsync("#subjectId", t.SubjectId);
        await Page.ClickAsync("form.filters [type=submit]");
        await Page.WaitForURLAsync(url => new Uri(url).Query.Contains($"subjectId={t.SubjectId}", StringComparison.Ordinal));
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var address = Page.Url;
        Assert.Contains("term=2", new Uri(address).Query, StringComparison.Ordinal);

        await Page.ReloadAsync();
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Equal(address, Page.Url);
        Assert.Equal("2", await Page.InputValueAsync("#term"));
        Assert.Equal(t.SubjectId, await Page.InputValueAsync("#subjectId"));
        // The export links carry the same view.
        Assert.Contains($"subjectId={t.SubjectId}", await Page.Locator(".exports a").First.GetAttributeAsync("href") ?? "", StringComparison.Ordinal);
        await Session.CheckPageAsync("dashboard-filtered", Output);
    }

    [Fact]
    public async Task The_export_downloads_from_the_page_and_holds_the_figures_the_summary_has()
    {
        var officer = Web.Account("district.officer");
        await Session.SignInAsync(officer.Login, officer.Password);
        var download = await Page.RunAndWaitForDownloadAsync(() => Page.Locator(".exports a[href*='format=csv']").ClickAsync());
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync());
        var records = EduInfo.IntegrationTests.Api.ExportTests.CsvRecords(System.Text.Encoding.UTF8.GetString(bytes[3..]));

        var summary = await Web.Http.GetJsonAsync($"/api/v1/nodes/{officer.ScopeId}/summary?lang=kk");
        var children = await Web.Http.GetJsonAsync($"/api/v1/nodes/{officer.ScopeId}/children");
        var own = records.Single(r => r[0] == officer.ScopeId);
        Assert.Equal(summary.Body.GetProperty("name").GetString(), own[1]);
        Assert.Equal(summary.Body.GetProperty("figures").GetProperty("students").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), own[3]);
        var rows = records.Skip(1).TakeWhile(r => r is not [""]).ToList();
        Assert.Equal(children.Body.GetArrayLength() + 1, rows.Count);
        // The rows the page shows are the rows the file holds.
        var shown = await Page.Locator("table.report tr[data-node-id]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.nodeId)");
        Assert.Equal(shown.Order(), rows.Where(r => r[0] != officer.ScopeId).Select(r => r[0]).Order());
    }

    [Fact]
    public async Task An_officer_cannot_open_a_node_outside_their_area()
    {
        var officer = Web.Account("district.officer");
        var other = Web.Registry.Data.Nodes.First(n => n.Kind == "district" && n.Id != officer.ScopeId).Id;
        await Session.SignInAsync(officer.Login, officer.Password);

        await Session.OpenAsync($"/nodes/{other}", 403);
        await Assertions.Expect(Page.Locator("h1")).ToHaveCountAsync(1);
        await Assertions.Expect(Page.Locator("#dashboard")).ToHaveCountAsync(0);
        await Session.OpenAsync("/nodes/KZ", 403);
        await Page.AssertAccessibleAsync(Output);
    }

    [Fact]
    public async Task School_metrics_are_over_schools_and_a_region_with_a_college_shows_the_college_cards_apart()
    {
        // A college class's teaching, its region (colleges report to the region) and a district of it (no college).
        var colleges = Web.Registry.Data.Organizations.Where(o => o.Kind == "college").ToDictionary(o => o.Id);
        var t = Web.Registry.Teachings().First(t => colleges.ContainsKey(Web.Registry.Data.Classes.Single(c => c.Id == t.ClassId).OrganizationId));
        var region = colleges[Web.Registry.Data.Classes.Single(c => c.Id == t.ClassId).OrganizationId].NodeId;
        var district = Web.Registry.Data.Nodes.First(n => n.ParentId == region && n.Kind == "district").Id;
        var before = (await Web.Http.GetJsonAsync($"/api/v1/nodes/{region}/summary")).Body.GetProperty("figures");

        // A college mark moves the college's figures and none of the school ones.
        Assert.Equal(200, (await Web.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/marks", new
        {
            entries = new[] { new { entryId = Guid.NewGuid(), studentId = t.Roster[0], subjectId = t.SubjectId, date = "2026-11-17", kind = "formative", score = 9 } },
        }, $"user={t.TeacherId}; roles=teacher")).Status);
        var after = (await Eventually.MatchesAsync(() => Web.Http.GetJsonAsync($"/api/v1/nodes/{region}/summary"),
            r => r.Body.GetProperty("figures").GetProperty("formativeMarks").GetInt64() > before.GetProperty("formativeMarks").GetInt64(),
            TimeSpan.FromSeconds(15), "the region counts the college mark")).Body.GetProperty("figures");
        Assert.True(after.GetProperty("collegeResults").GetInt64() > 0);
        foreach (var school in new[] { "termResults", "termPercentSum", "studentsAssessed", "studentsSucceeding", "studentsQualified", "notAttested" })
        {
            Assert.Equal(before.GetProperty(school).GetInt64(), after.GetProperty(school).GetInt64());
        }

        var analyst = Web.Account("analyst");
        await Session.SignInAsync(analyst.Login, analyst.Password);
        await Session.OpenAsync($"/nodes/{region}?lang=en");
        await Assertions.Expect(Page.Locator("#dashboard .kpi-group[data-kind=school] [data-metric=successRate]")).ToHaveCountAsync(1);
        var collegeGroup = Page.Locator("#dashboard .kpi-group[data-kind=college]");
        await Assertions.Expect(collegeGroup.Locator("[data-metric=collegeSuccessRate] dd")).Not.ToHaveTextAsync("—");
        await Assertions.Expect(collegeGroup.Locator("[data-metric=averageGpa]")).ToHaveCountAsync(1);
        await Assertions.Expect(collegeGroup.Locator("h3")).ToContainTextAsync($"{after.GetProperty("collegeStudents").GetInt64()} students");
        await Session.CheckPageAsync("dashboard-region-kinds", Output);

        await Session.OpenAsync($"/nodes/{district}?lang=en");
        await Assertions.Expect(Page.Locator("#dashboard .kpi-group[data-kind=school]")).ToHaveCountAsync(1);
        await Assertions.Expect(Page.Locator("#dashboard .kpi-group[data-kind=college]")).ToHaveCountAsync(0);
    }
}
