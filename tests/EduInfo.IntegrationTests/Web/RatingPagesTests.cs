using System.Text.Json;
using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.IntegrationTests.Web.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace EduInfo.IntegrationTests.Web;

/// <summary>
/// The open rating page (issue 21), anonymously: from the republic's open report to its rating of the regions, which
/// shows exactly the publication the public API answers (places, standings, the methodology), in Russian and Kazakh,
/// and a ranked region's own report gives its place;
/// an area with nothing published says so; a class has no rating page. axe and screenshots.
/// </summary>
public sealed class RatingPagesTests(BrowserFixture browser, WebHost web, ITestOutputHelper output) : BrowserTest(browser, web, output)
{
    [Fact]
    public async Task Anyone_reads_the_published_rating_of_the_regions_with_its_methodology()
    {
        var data = Web.Registry.Data;
        var regions = data.Nodes.Where(n => n.Kind == "region").Select(n => n.Id).ToList();
        // A lesson in a school of every region, so every region has an attendance; then the Ministry publishes. Never in
        // the demo accounts' district, whose pages and uploads other browser tests check day by day.
        var demoDistrict = Web.Account("district.officer").ScopeId;
        for (var i = 0; i < regions.Count; i++)
        {
            var districts = data.Nodes.Where(n => n.ParentId == regions[i] && n.Id != demoDistrict).Select(n => n.Id).ToHashSet();
            var school = data.Organizations.Where(o => o.Kind == "school" && districts.Contains(o.NodeId)).OrderBy(o => o.Id, StringComparer.Ordinal).Last().Id;
            var t = Web.Registry.Teachings().Where(t => data.Classes.Single(c => c.Id == t.ClassId).OrganizationId == school).OrderBy(t => t.ClassId).Last();
            var lesson = await Web.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/lessons", new
            {
                entries = new[] { new { entryId = Guid.NewGuid(), subjectId = t.SubjectId, date = "2026-11-25", period = 11,
                    absentees = t.Roster.Take(i % 4).Select(s => new { studentId = s, code = "unexcused" }).ToArray() } },
            }, $"user={t.TeacherId}; roles=teacher");
            Assert.True(lesson.Status == 200, $"{lesson.Status} {lesson.Body}");
        }
        await Eventually.MatchesAsync(async () => (await Web.Http.GetJsonAsync("/api/v1/nodes/KZ/children", "user=a; roles=ministry_analyst@KZ")).Body,
            children => regions.All(r => children.EnumerateArray().Any(c => c.GetProperty("nodeId").GetString() == r
                && c.GetProperty("figures").GetProperty("schoolSeatsHeld").GetInt64() > 0)), TimeSpan.FromSeconds(30), "every region's lesson counted");
        var published = await Web.Http.PostJsonAsync("/api/v1/nodes/KZ/rating/publish", null, "user=rating-pages; roles=ministry_analyst@KZ");
        Assert.True(published.Status == 200, $"{published.Status} {published.Body}");

        await Session.OpenAsync("/open/KZ?lang=ru");
        await Page.ClickAsync("a[data-link=rating]");
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/open/KZ/rating");
        await Assertions.Expect(Page.Locator("h1")).ToContainTextAsync("Рейтинг областей");
        var api = (await Web.Http.GetJsonAsync("/api/v1/public/ratings/KZ", actor: null, acceptLanguage: "ru")).Body;
        Assert.Equal(published.Body.GetProperty("publicationId").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture),
            await Page.Locator("p.lead").GetAttributeAsync("data-publication"));

        // The page's rows are the publication's units, in its order, with its places and standings.
        var rows = await Page.Locator("table.rating tbody tr").EvaluateAllAsync<string[]>(
            "rows => rows.map(r => r.dataset.nodeId + ':' + r.dataset.standing + ':' + r.querySelector('td').textContent.trim())");
        var expected = api.GetProperty("units").EnumerateArray().Select(u => $"{u.GetProperty("unitId").GetString()}:{u.GetProperty("standing").GetString()}:"
            + (u.GetProperty("rank").ValueKind == JsonValueKind.Null ? "—" : u.GetProperty("rank").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        Assert.Equal(expected, rows);
        Assert.Equal(regions.Count, rows.Length);
        Assert.Contains(rows, r => r.EndsWith(":ranked:1", StringComparison.Ordinal));
        var indicators = api.GetProperty("methodology").GetProperty("indicators").EnumerateArray().Select(i => i.GetProperty("indicator").GetString()).ToArray();
        Assert.Equal(indicators, await Page.Locator("section.methodology li").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.indicator)"));
        await Assertions.Expect(Page.Locator("section.methodology")).ToContainTextAsync("Каждый показатель нормируется min–max");
        var first = Page.Locator("table.rating tbody tr a").First;
        Assert.StartsWith("/open/", await first.GetAttributeAsync("href"));
        await Session.CheckPageAsync("open-rating", Output);

        // A ranked region's own open report gives its place, linked to the rating.
        var leader = api.GetProperty("units")[0];
        var ranked = api.GetProperty("units").EnumerateArray().Count(u => u.GetProperty("rank").ValueKind != JsonValueKind.Null);
        await Session.OpenAsync($"/open/{leader.GetProperty("unitId").GetString()}?lang=ru");
        await Assertions.Expect(Page.Locator("[data-rating-place=ranked]")).ToContainTextAsync($"Место в рейтинге: 1 из {ranked}");
        Assert.Equal("/open/KZ/rating", await Page.Locator("[data-rating-place] a").GetAttributeAsync("href"));

        // In Kazakh.
        await Session.OpenAsync("/open/KZ/rating?lang=kk");
        await Assertions.Expect(Page.Locator("h1")).ToContainTextAsync("Облыстар рейтингі");
        await Assertions.Expect(Page.Locator("section.methodology h2")).ToHaveTextAsync("Әдістеме");
    }

    [Fact]
    public async Task An_area_with_nothing_published_says_so_and_a_class_has_no_rating_page()
    {
        var district = Web.Registry.Data.Nodes.Last(n => n.Kind == "district").Id;
        await Session.OpenAsync($"/open/{district}/rating?lang=ru");
        await Assertions.Expect(Page.Locator("[data-rating=none]")).ToHaveTextAsync("Рейтинг по этой территории ещё не опубликован.");
        await Assertions.Expect(Page.Locator("h1")).ToContainTextAsync("Рейтинг школ");
        await Session.CheckPageAsync("open-rating-none", Output);
        await Session.OpenAsync($"/open/{Web.Registry.Data.Classes[0].Id}/rating", 404);
    }
}
