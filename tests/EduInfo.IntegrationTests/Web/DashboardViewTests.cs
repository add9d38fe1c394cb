using System.Net;
using System.Text.RegularExpressions;
using EduInfo.Api.Web;
using EduInfo.IntegrationTests.Api;
using EduInfo.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EduInfo.IntegrationTests.Web;

/// <summary>
/// Issue 16, a cheap live refresh: the dashboard's section (GET /nodes/{id}/view) is rendered once per version and
/// filter and language, and shared by every viewer of it; authorization runs on every request before the cache.
/// Over the real HTTP pipeline; renders and hits are read from the process's <see cref="DashboardViews"/>.
/// </summary>
public sealed partial class DashboardViewTests(ApiHost api) : IClassFixture<ApiHost>
{
    private const int Viewers = 12;

    private DashboardViews Views => api.Services.GetRequiredService<DashboardViews>();

    [Fact]
    public async Task Concurrent_viewers_of_one_version_share_one_render_and_a_newer_version_renders_once_more()
    {
        var t = api.Registry.InSchoolClass(0);
        var version = await VersionAsync(t.ClassId);
        var before = Views.Report();

        var first = await Task.WhenAll(Enumerable.Range(0, Viewers).Select(_ => FragmentAsync($"/nodes/{t.ClassId}/view?v={version}")));
        Assert.All(first, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Single(first.Select(r => r.Html).Distinct());
        var afterFirst = Views.Report();
        Assert.Equal(before.Renders + 1, afterFirst.Renders);
        Assert.Equal(before.Hits + before.Joins + Viewers - 1, afterFirst.Hits + afterFirst.Joins);

        // Older or equal versions (a viewer still on the last one, a reconnect) are served from memory.
        await FragmentAsync($"/nodes/{t.ClassId}/view?v={version - 1}");
        await FragmentAsync($"/nodes/{t.ClassId}/view?v={version}");
        Assert.Equal(afterFirst.Renders, Views.Report().Renders);

        await LiveWrites.MarkAsync(api, t);
        var newer = await Eventually.MatchesAsync(() => VersionAsync(t.ClassId), v => v > version, LiveWrites.PushBound, "a newer summary version");
        var second = await Task.WhenAll(Enumerable.Range(0, Viewers).Select(_ => FragmentAsync($"/nodes/{t.ClassId}/view?v={newer}")));
        Assert.Single(second.Select(r => r.Html).Distinct());
        Assert.Equal(afterFirst.Renders + 1, Views.Report().Renders);
        Assert.True(DataVersion(second[0].Html) >= newer, "the new render shows the new version");
        Assert.NotEqual(first[0].Html, second[0].Html);
    }

    [Fact]
    public async Task The_fragment_is_the_pages_section_without_the_readers_clock_which_travels_in_a_header()
    {
        var t = api.Registry.InSchoolClass(1);
        var organization = LiveWrites.OrganizationOf(api, t);
        // A breakdown's dimension is part of the view too (issue 19): each dimension its own render, never another's.
        foreach (var query in new[] { "", "?term=2", $"?term=2&subjectId={t.SubjectId}", "?lang=ru", "?term=99&subjectId=%3Cb%3E", "?dimension=sex",
                     "?term=2&dimension=grade", "?dimension=%3Cb%3E" })
        {
            var page = await GetAsync($"/nodes/{organization}{query}", HttpExtensions.Analyst);
            var separator = query.Length == 0 ? "?" : "&";
            var fragment = await FragmentAsync($"/nodes/{organization}/view{query}{separator}v={DataVersion(page.Html)}");
            Assert.Equal(HttpStatusCode.OK, fragment.Status);
            Assert.Equal("text/html", fragment.ContentType);
            Assert.Equal(api.Clock.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), fragment.ServerNow);
            Assert.Equal("no-store", fragment.CacheControl);
            Assert.DoesNotContain("data-server-now", fragment.Html, StringComparison.Ordinal);
            Assert.StartsWith("<section id=\"dashboard\"", fragment.Html, StringComparison.Ordinal);
            var section = Section(page.Html);
            Assert.Contains(" data-server-now=\"", section, StringComparison.Ordinal);
            Assert.Equal(ServerNow().Replace(section, ""), fragment.Html.Trim());
        }
        // The language is part of the view: Russian and Kazakh are two renders, each in its own words.
        var version = await VersionAsync(organization);
        Assert.Contains("Скачать CSV", (await FragmentAsync($"/nodes/{organization}/view?lang=ru&v={version}")).Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Скачать CSV", (await FragmentAsync($"/nodes/{organization}/view?lang=kk&v={version}")).Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_kept_view_never_reaches_a_reader_outside_its_node_an_unknown_node_is_404_and_anonymous_is_sent_to_sign_in()
    {
        var t = api.Registry.InSchoolClass(2);
        var organization = LiveWrites.OrganizationOf(api, t);
        var district = api.Registry.Data.Organizations.Single(o => o.Id == organization).NodeId;
        var other = api.Registry.Data.Nodes.First(n => n.Kind == "district" && n.Id != district).Id;
        var version = await VersionAsync(district);
        Assert.Equal(HttpStatusCode.OK, (await FragmentAsync($"/nodes/{district}/view?v={version}")).Status); // kept now
        var kept = Views.Report();

        var outsider = await GetAsync($"/nodes/{district}/view?v={version}", $"user=do-out; roles=district_officer@{other}");
        Assert.Equal(HttpStatusCode.Forbidden, outsider.Status);
        Assert.Equal("application/problem+json", outsider.ContentType);
        Assert.DoesNotContain("dashboard", outsider.Html, StringComparison.Ordinal);
        var teacher = await GetAsync($"/nodes/{district}/view?v={version}", $"user={t.TeacherId}; roles=teacher@{organization}");
        Assert.Equal(HttpStatusCode.Forbidden, teacher.Status);
        var parent = await GetAsync($"/nodes/{organization}/view", "user=p; roles=parent@P1");
        Assert.Equal(HttpStatusCode.Forbidden, parent.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await FragmentAsync($"/nodes/NO-SUCH-NODE/view?v={version}")).Status);
        var anonymous = await GetAsync($"/nodes/{district}/view?v={version}", actor: null);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.Status);
        Assert.DoesNotContain("dashboard", anonymous.Html, StringComparison.Ordinal);
        // The refusals looked at nothing kept and rendered nothing.
        var after = Views.Report();
        Assert.Equal((kept.Renders, kept.Hits, kept.Joins), (after.Renders, after.Hits, after.Joins));

        // The district's own officer is served the kept view.
        var officer = await GetAsync($"/nodes/{district}/view?v={version}", $"user=do-in; roles=district_officer@{district}");
        Assert.Equal(HttpStatusCode.OK, officer.Status);
        Assert.Equal(kept.Hits + 1, Views.Report().Hits);
    }

    [Theory]
    [InlineData("v=-1")]
    [InlineData("v=1.5")]
    [InlineData("v=%00")]
    [InlineData("v=99999999999999999999999")]
    [InlineData("v=%3Cscript%3E&term=2")]
    public async Task A_version_that_is_not_a_whole_number_is_a_localized_400_naming_v(string query)
    {
        var organization = LiveWrites.OrganizationOf(api, api.Registry.InSchoolClass(3));
        var response = await api.Http.GetJsonAsync($"/nodes/{organization}/view?{query}", acceptLanguage: "en");
        Assert.Equal(400, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        var error = Assert.Single(response.Body.GetProperty("errors").EnumerateArray());
        Assert.Equal("v", error.GetProperty("field").GetString());
        Assert.Equal("versionInvalid", error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
    }

    private async Task<long> VersionAsync(string nodeId)
    {
        var summary = await api.Http.GetJsonAsync($"/api/v1/nodes/{nodeId}/summary");
        Assert.Equal(200, summary.Status);
        return summary.Body.GetProperty("version").GetInt64();
    }

    private Task<Response> FragmentAsync(string path) => GetAsync(path, HttpExtensions.Analyst);

    private async Task<Response> GetAsync(string path, string? actor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (actor is not null)
        {
            request.Headers.Add(HttpExtensions.ActorHeader, actor);
        }
        using var response = await api.Http.SendAsync(request);
        return new Response(response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType,
            response.Headers.TryGetValues(DashboardViews.ServerNowHeader, out var now) ? now.Single() : null, response.Headers.CacheControl?.ToString());
    }

    private static string Section(string page)
    {
        var start = page.IndexOf("<section id=\"dashboard\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "the page has no #dashboard");
        return page[start..(page.IndexOf("</section>", start, StringComparison.Ordinal) + "</section>".Length)];
    }

    private static long DataVersion(string html) => long.Parse(Version().Match(html).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(" data-server-now=\"[0-9]+\"")]
    private static partial Regex ServerNow();

    [GeneratedRegex("data-version=\"([0-9]+)\"")]
    private static partial Regex Version();

    private sealed record Response(HttpStatusCode Status, string Html, string? ContentType, string? ServerNow, string? CacheControl);
}
