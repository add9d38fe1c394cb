using EduInfo.IntegrationTests.EServices;
using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.IntegrationTests.Security;

namespace EduInfo.IntegrationTests.Forums;

/// <summary>
/// The hostile corpus of the forum pages' forms (issue 23), posted by the signed-in demo parent with a valid token and
/// values no page sends: each answered 303 back with the refusal's code (the page shows the message it knows, nothing of
/// the value), or a localized 403/404, never a 5xx, and nothing written; and the pages' addresses with markup and SQL.
/// </summary>
public sealed class ForumFormHostileTests(ApiHost api) : IClassFixture<ApiHost>
{
    private string School => api.Registry.Credentials.Single(c => c.Login == "head").ScopeId;

    public static TheoryData<string, string, string, int, string> Forms() => new()
    {
        { "a title with a right-to-left override", "/forums/{school}/threads", "title=%D0%96%D0%B0%D1%83%D0%B0%D0%BF%E2%80%AE&body=x", 303, "error=directionOverride" },
        { "a head's name spelled with a reference", "/forums/{school}/threads", "title=%D0%A1%D2%B1%D1%80%D0%B0%D2%9B&body=%D0%98%D0%B2%26%2397%3B%D0%BD%D0%BE%D0%B2", 303, "error=mixedScript" },
        { "no title, an id that is SQL", "/forums/{school}/threads", "threadId=%27%20OR%201%3D1&body=x", 303, "error=required" },
        { "a body of markup only", "/forums/{school}/threads", "title=x&body=%26nbsp%3B", 303, "error=required" },
        { "a reply to a thread that is not there", "/forums/{school}/threads/6f1c8c1e-8d0e-4a51-9d3c-2b1d3c4e5f60/posts", "body=x", 404, "" },
        // No route takes it: the address exists for other methods only (a page's GET), a localized 405.
        { "a reply to no GUID", "/forums/{school}/threads/%27%20OR%201%3D1/posts", "body=x", 405, "" },
        { "a report reason that is not one", "/forums/{school}/posts/{post}/reports", "reason=__proto__&threadId={post}", 303, "error=reasonRequired" },
        { "a report that goes back to another site", "/forums/{school}/posts/{post}/reports", "reason=spam&queue=https%3A%2F%2Fevil.example&threadId=javascript%3Aalert(1)", 303, "notice=reported" },
        { "a moderation by a parent", "/forums/{school}/posts/{post}/moderation", "action=approve", 403, "" },
        { "a block by a parent", "/forums/{school}/posts/{post}/block", "blocked=true&reason=x", 403, "" },
        { "a close by a parent", "/forums/{school}/threads/{post}/close", "", 403, "" },
        { "a setting that is not one", "/forums/{school}/settings", "moderation=none", 403, "" },
        { "a forum that is markup", "/forums/%3Cscript%3E/threads", "title=x&body=y", 404, "" },
        { "a forum that is a class", "/forums/{class}/threads", "title=x&body=y", 404, "" },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task A_hostile_form_is_sent_back_with_its_code_or_refused_and_nothing_is_written(string because, string path, string form, int status, string expected)
    {
        using var browser = new BrowserClient(api);
        await browser.SignInAsync("parent", "demo-parent");
        var post = (await PublishedAsync()).ToString();
        path = path.Replace("{school}", School).Replace("{post}", post).Replace("{class}", api.Registry.Data.Classes.First().Id);
        var before = await CountAsync();
        var response = await browser.PostRawFormAsync(path, form.Replace("{post}", post), "U-parent");
        // Back to this site's forum or thread only, whatever the form said.
        await browser.AssertFormAnswerAsync(response, because, status, expected, $"/forums/{School}");
        if (expected != "notice=reported")
        {
            Assert.Equal(before, await CountAsync());
        }
    }

    [Theory]
    [InlineData("/forums/{school}?notice=refused&error=%3Cscript%3Ealert(1)%3C%2Fscript%3E&error=mixedScript", 200)]
    [InlineData("/forums/%3Cscript%3Ealert(1)%3C%2Fscript%3E", 404)]
    [InlineData("/forums/{school}/threads/'%20OR%201=1", 404)]
    [InlineData("/forums/{school}/threads/00000000-0000-0000-0000-000000000000", 404)]
    [InlineData("/nodes/'%20OR%201=1/forum-queue", 404)]
    [InlineData("/nodes/%3Cscript%3E/forum-unanswered", 404)]
    public async Task Hostile_addresses_of_the_forum_pages_are_not_found_or_show_nothing_of_them(string path, int status)
    {
        using var browser = new BrowserClient(api);
        await browser.SignInAsync("parent", "demo-parent");
        var response = await browser.SendAsync(HttpMethod.Get, path.Replace("{school}", School));
        Assert.True(response.Status == status, $"{path}: expected {status}, got {response.Status}");
        Assert.DoesNotContain("<script>alert", response.Body, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A question of a teacher of its own (its own rate), approved by the district's officer: a post to aim at.</summary>
    private async Task<Guid> PublishedAsync()
    {
        var district = api.Registry.Data.Organizations.Single(o => o.Id == School).NodeId;
        var asked = await api.Http.PostJsonAsync($"/api/v1/forums/{School}/threads", new { threadId = Guid.NewGuid(), title = "Сұрақ", body = "Мәтін" },
            $"user=form-hostile-{Guid.NewGuid():N}; roles=teacher@{School}");
        Assert.Equal(201, asked.Status);
        var id = asked.Body.GetProperty("id").GetGuid();
        Assert.Equal(200, (await api.Http.PostJsonAsync($"/api/v1/forums/{School}/posts/{id}/moderation", new { action = "approve" },
            $"user=form-hostile-officer; roles=district_officer@{district}")).Status);
        return id;
    }

    private Task<long> CountAsync() => api.Db.ScalarAsync<long>("""
        SELECT (SELECT count(*) FROM forum_threads) + (SELECT count(*) FROM forum_posts) + (SELECT count(*) FROM forum_post_revisions)
             + (SELECT count(*) FROM forum_reports) + (SELECT count(*) FROM forum_blocks) + (SELECT count(*) FROM forums)
             + (SELECT count(*) FROM audit_log WHERE target_kind = 'forum')
             + (SELECT coalesce(sum(version + reports), 0) FROM forum_posts)
        """);
}
