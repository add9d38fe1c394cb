using System.Text.Json;
using EduInfo.IntegrationTests.EServices;
using EduInfo.IntegrationTests.Infrastructure;

namespace EduInfo.IntegrationTests.Forums;

/// <summary>
/// The hostile corpus of the forums' endpoints (issue 23): bodies that cannot bind, ids that are SQL or markup, oversized
/// texts, control, bidirectional-override and invisible characters, a head's name spoofed with look-alike letters, kinds
/// that are not one — each a localized 4xx naming what is wrong, never a 5xx, and nothing written. Markup that is
/// accepted is stored inert (<see cref="ForumApiTests"/>; the browser checks come with the pages).
/// </summary>
public sealed class ForumHostileInputTests(ApiHost api) : IClassFixture<ApiHost>
{
    private const string Id = "6f1c8c1e-8d0e-4a51-9d3c-2b1d3c4e5f60";

    private string School => api.Registry.Data.Organizations.Where(o => o.Kind == "school").OrderBy(o => o.Id).First().Id;

    private string Officer => $"user=hostile-officer; roles=district_officer@{api.Registry.Data.Organizations.Single(o => o.Id == School).NodeId}";

    private string Parent => ApplicationApiTests.Parent(api.Registry.Data.StudentParents.OrderBy(p => p.ParentId).First().ParentId);

    private static string Ask(string title, string body) => JsonSerializer.Serialize(new { threadId = Guid.NewGuid(), title, body });

    public static TheoryData<string, string, int, string> Bodies() => new()
    {
        { "an array instead of a question", "POST /api/v1/forums/{school}/threads [1,2]", 400, "" },
        { "a title that is a number", $"POST /api/v1/forums/{{school}}/threads {{\"threadId\":\"{Id}\",\"title\":5,\"body\":\"x\"}}", 400, "title" },
        { "a thread id that is SQL", "POST /api/v1/forums/{school}/threads {\"threadId\":\"' OR 1=1\",\"title\":\"x\",\"body\":\"x\"}", 400, "threadId" },
        { "no title", "POST /api/v1/forums/{school}/threads " + Ask("", "Сұрақ"), 400, "title:required" },
        { "a title of 201 characters", "POST /api/v1/forums/{school}/threads " + Ask(new string('ә', 201), "Сұрақ"), 400, "title:tooLong" },
        { "a body of 10 001 characters", "POST /api/v1/forums/{school}/threads " + Ask("Сұрақ", new string('ы', 10_001)), 400, "body:tooLong" },
        { "a line break in the title", "POST /api/v1/forums/{school}/threads " + Ask("Бірінші\nекінші", "Сұрақ"), 400, "title:controlCharacter" },
        { "a NUL in the body", "POST /api/v1/forums/{school}/threads " + Ask("Сұрақ", "мә\u0000тін"), 400, "body:controlCharacter" },
        { "an escape sequence in the body", "POST /api/v1/forums/{school}/threads " + Ask("Сұрақ", "\u001b[31mқызыл"), 400, "body:controlCharacter" },
        { "a right-to-left override in the title", "POST /api/v1/forums/{school}/threads " + Ask("Жауап\u202Eрыбид", "Сұрақ"), 400, "title:directionOverride" },
        { "a left-to-right isolate in the body", "POST /api/v1/forums/{school}/threads " + Ask("Сұрақ", "мәтін\u2066x\u2069"), 400, "body:directionOverride" },
        { "a zero-width space in the title", "POST /api/v1/forums/{school}/threads " + Ask("Дирек\u200Bтор", "Сұрақ"), 400, "title:invisibleCharacter" },
        { "hidden tag characters in the body", "POST /api/v1/forums/{school}/threads " + Ask("Сұрақ", "мәтін\U000E0041\U000E0042"), 400, "body:invisibleCharacter" },
        { "a head's name with a Latin a", "POST /api/v1/forums/{school}/threads " + Ask("Ивaнов А.Б. жауабы", "Сұрақ"), 400, "title:mixedScript" },
        { "the word head with a Latin e and o", "POST /api/v1/forums/{school}/threads " + Ask("Сұрақ", "Дирeктoр: бәрі жабық"), 400, "body:mixedScript" },
        { "a reply of 10 001 characters", $"POST /api/v1/forums/{{school}}/threads/{Id}/posts {{\"postId\":\"{Id}\",\"body\":\"{new string('a', 10_001)}\"}}", 400, "body:tooLong" },
        { "a reply to a thread that is no GUID", "POST /api/v1/forums/{school}/threads/'%20OR%201=1/posts {\"postId\":\"" + Id + "\",\"body\":\"x\"}", 404, "" },
        { "a reply to a thread that is not there", $"POST /api/v1/forums/{{school}}/threads/{Id}/posts {{\"postId\":\"{Id}\",\"body\":\"x\"}}", 404, "" },
        { "a question without its id", "POST /api/v1/forums/{school}/threads {\"title\":\"Сұрақ\",\"body\":\"x\"}", 400, "threadId:idRequired" },
        { "a question with the empty id", $"POST /api/v1/forums/{{school}}/threads {{\"threadId\":\"{Guid.Empty}\",\"title\":\"Сұрақ\",\"body\":\"x\"}}", 400, "threadId:idRequired" },
        { "a reply without its id", "POST /api/v1/forums/{school}/threads/{post}/posts {\"body\":\"x\"}", 400, "postId:idRequired" },
        // Markdig decodes character references and emphasis joins letters: what readers would see is checked too.
        { "a head's name with a Latin a as a reference", "POST /api/v1/forums/{school}/threads " + Ask("Сұрақ", "Ив&#97;нов жауап берсін"), 400, "body:mixedScript" },
        { "a head's name with Latin letters in emphasis", "POST /api/v1/forums/{school}/threads " + Ask("Сұрақ", "Ив*an*ов жауап берсін"), 400, "body:mixedScript" },
        { "a right-to-left override as a reference", "POST /api/v1/forums/{school}/threads " + Ask("Сұрақ", "Жауап &#x202E;рыбид"), 400, "body:directionOverride" },
        { "a zero-width space as a named reference", "POST /api/v1/forums/{school}/threads " + Ask("Сұрақ", "Дирек&ZeroWidthSpace;тор"), 400, "body:invisibleCharacter" },
        { "a soft hyphen as a decimal reference", "POST /api/v1/forums/{school}/threads " + Ask("Сұрақ", "Дирек&#173;тор"), 400, "body:invisibleCharacter" },
        { "a body of references to nothing", "POST /api/v1/forums/{school}/threads " + Ask("Сұрақ", "&nbsp; &#32;"), 400, "body:required" },
        { "a forum that is markup", "POST /api/v1/forums/%3Cscript%3E/threads " + Ask("Сұрақ", "x"), 404, "" },
        { "a forum that is a class", "POST /api/v1/forums/{class}/threads " + Ask("Сұрақ", "x"), 404, "" },
        { "a forum that is the republic", "POST /api/v1/forums/KZ/threads " + Ask("Сұрақ", "x"), 404, "" },
        { "a report reason that is not one", $"POST /api/v1/forums/{{school}}/posts/{Id}/reports {{\"reason\":\"dislike\"}}", 400, "reason" },
        { "a report of a post that is not there", $"POST /api/v1/forums/{{school}}/posts/{Id}/reports {{\"reason\":\"spam\"}}", 404, "" },
        { "a moderation by a parent", "POST /api/v1/forums/{school}/posts/{post}/moderation {\"action\":\"approve\"}", 403, "" },
        { "a block by a parent", "POST /api/v1/forums/{school}/posts/{post}/block {\"blocked\":true,\"reason\":\"x\"}", 403, "" },
        { "a close by a parent", "POST /api/v1/forums/{school}/threads/{post}/close {}", 403, "" },
        { "a report of a waiting post of another", "POST /api/v1/forums/{school}/posts/{waiting}/reports {\"reason\":\"spam\"}", 404, "" },
        { "a moderation that is not one", $"POST /api/v1/forums/{{school}}/posts/{Id}/moderation {{\"action\":\"publishEverything\"}}", 400, "action" },
        { "a setting by a parent", "PUT /api/v1/forums/{school}/settings {\"moderation\":\"post\"}", 403, "" },
        { "a setting that is not one", "PUT /api/v1/forums/{school}/settings {\"moderation\":\"none\"}", 400, "moderation" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_hostile_request_is_a_localized_4xx_and_nothing_is_written(string because, string request, int status, string error)
    {
        var (method, path, body) = HostileCorpus.Parse(request);
        path = path.Replace("{school}", School).Replace("{class}", api.Registry.Data.Classes.First().Id);
        if (path.Contains("{post}", StringComparison.Ordinal))
        {
            path = path.Replace("{post}", (await PublishedAsync()).ToString());
        }
        if (path.Contains("{waiting}", StringComparison.Ordinal))
        {
            path = path.Replace("{waiting}", (await AskedAsync()).ToString());
        }
        var before = await CountAsync();
        var response = await api.Http.SendJsonAsync(method, path, actor: Parent, acceptLanguage: "kk", rawBody: body);
        HostileCorpus.AssertRefused(response, because, status, error, "kk");
        Assert.Equal(before, await CountAsync());
    }

    /// <summary>A moderator's own hostile input: a reason or an edited text that breaks the rules is refused the same way, the post unchanged.</summary>
    [Theory]
    [InlineData("{\"action\":\"reject\"}", "reason:required")]
    [InlineData("{\"action\":\"reject\",\"reason\":\"себеп\u202E\"}", "reason:directionOverride")]
    [InlineData("{\"action\":\"edit\",\"reason\":\"түзету\"}", "body:required")]
    [InlineData("{\"action\":\"edit\",\"reason\":\"түзету\",\"body\":\"Дирeктор\"}", "body:mixedScript")]
    [InlineData("{\"action\":\"delete\",\"reason\":\"\"}", "reason:required")]
    [InlineData("{\"action\":\"reject\",\"reason\":\"ЖСН 900101300126 жазылған\"}", "reason:personalData")]
    [InlineData("{\"action\":\"approve\",\"title\":\"Жаңа тақырып\"}", "title:titleOnlyForQuestion")]
    [InlineData("{\"action\":\"edit\",\"reason\":\"түзету\",\"body\":\"Ив&#97;нов\"}", "body:mixedScript")]
    [InlineData("{\"action\":\"edit\",\"reason\":\"түзету\",\"body\":\"мәтін\",\"title\":\"Бірінші\\nекінші\"}", "title:controlCharacter")]
    [InlineData("block:{\"reason\":\"спам\"}", "blocked:blockedRequired")]
    [InlineData("block:{\"blocked\":true}", "reason:required")]
    public async Task A_moderators_hostile_decision_is_refused_and_the_post_stays(string decision, string error)
    {
        var id = await AskedAsync();
        var (endpoint, body) = decision.StartsWith("block:", StringComparison.Ordinal) ? ("block", decision["block:".Length..]) : ("moderation", decision);
        var before = await CountAsync();
        var response = await api.Http.SendJsonAsync(HttpMethod.Post, $"/api/v1/forums/{School}/posts/{id}/{endpoint}", actor: Officer, acceptLanguage: "ru",
            rawBody: body);
        Assert.Equal((400, error), (response.Status, ApplicationApiTests.Errors(response.Body)));
        Assert.Equal(("pending", 1), (await api.Db.ScalarAsync<string>("SELECT state FROM forum_posts WHERE id = @p", ("p", id)),
            await api.Db.ScalarAsync<int>("SELECT version FROM forum_posts WHERE id = @p", ("p", id))));
        Assert.Equal(before, await CountAsync());
    }

    /// <summary>A question of a teacher of its own (its own rate), waiting for moderation.</summary>
    private async Task<Guid> AskedAsync()
    {
        var asked = await api.Http.PostJsonAsync($"/api/v1/forums/{School}/threads", new { threadId = Guid.NewGuid(), title = "Сұрақ", body = "Мәтін" },
            $"user=hostile-author-{Guid.NewGuid():N}; roles=teacher@{School}");
        Assert.Equal(201, asked.Status);
        return asked.Body.GetProperty("id").GetGuid();
    }

    private async Task<Guid> PublishedAsync()
    {
        var id = await AskedAsync();
        Assert.Equal(200, (await api.Http.PostJsonAsync($"/api/v1/forums/{School}/posts/{id}/moderation", new { action = "approve" }, Officer)).Status);
        return id;
    }

    /// <summary>Every row a forum write could leave: threads, posts, revisions, reports, blocks, settings, and the audit's forum rows.</summary>
    private Task<long> CountAsync() => api.Db.ScalarAsync<long>("""
        SELECT (SELECT count(*) FROM forum_threads) + (SELECT count(*) FROM forum_posts) + (SELECT count(*) FROM forum_post_revisions)
             + (SELECT count(*) FROM forum_reports) + (SELECT count(*) FROM forum_blocks) + (SELECT count(*) FROM forums)
             + (SELECT count(*) FROM audit_log WHERE target_kind = 'forum')
             + (SELECT coalesce(sum(version + reports), 0) FROM forum_posts)
        """);
}
