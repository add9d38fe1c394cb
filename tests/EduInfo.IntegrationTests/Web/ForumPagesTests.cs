using System.Globalization;
using System.Text.RegularExpressions;
using EduInfo.IntegrationTests.EServices;
using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.IntegrationTests.Web.Infrastructure;
using EduInfo.Tools.Demo;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace EduInfo.IntegrationTests.Web;

/// <summary>
/// The forum pages (issue 23) in a real browser: a parent asks the school's head and waits for a moderator; the
/// district's officer approves it from the moderation queue; the head answers, marked official; a student's post waits
/// and shows first name and initial; a question with an IIN is held with the reason shown; a reader reports, the
/// officer edits, deletes, blocks and switches the moderation. A stored-XSS corpus posted through the pages and
/// approved executes nothing in Chromium. The officer's dashboard counts the questions left unanswered.
/// </summary>
public sealed class ForumPagesTests(BrowserFixture browser, WebHost web, ITestOutputHelper output) : BrowserTest(browser, web, output)
{
    private string School => Web.Account("head").ScopeId;

    private string District => Web.Registry.Data.Organizations.Single(o => o.Id == School).NodeId;

    /// <summary>axe and the screenshots, then the page again in the flow's language (the screenshots leave the last one remembered).</summary>
    private async Task CheckAsync(string name, string language)
    {
        await Session.CheckPageAsync(name, Output);
        if (Screenshots.Enabled)
        {
            await Session.OpenAsync($"{new Uri(Page.Url).AbsolutePath}?lang={language}", await Session.StatusAsync());
        }
    }

    private async Task SignInAsAsync(string login)
    {
        await Session.Context.ClearCookiesAsync();
        var account = Web.Account(login);
        await Session.SignInAsync(account.Login, account.Password);
    }

    private static string Initial(string lastName) => StringInfo.GetNextTextElement(lastName) + ".";

    /// <summary>Asks on the forum page open; returns the new thread's id (the thread page it lands on).</summary>
    private async Task<Guid> AskAsync(string title, string body)
    {
        await Page.FillAsync("#ask-title-input", title);
        await Page.FillAsync("#ask-body", body);
        await Page.ClickAsync("form.ask-form button[type=submit]");
        await Assertions.Expect(Page.Locator("[data-notice=asked]")).ToBeVisibleAsync();
        return Guid.Parse(Regex.Match(new Uri(Page.Url).AbsolutePath, "/threads/([0-9a-f-]{36})$").Groups[1].Value);
    }

    /// <summary>Replies on the thread page open; returns the new post's id (the one post not there before: the test clock stands still).</summary>
    private async Task<Guid> ReplyAsync(string body)
    {
        var before = await PostIdsAsync();
        await Page.FillAsync("#reply-body", body);
        await Page.ClickAsync("form.reply-form button[type=submit]");
        await Assertions.Expect(Page.Locator("[data-notice=replied]")).ToBeVisibleAsync();
        return (await PostIdsAsync()).Except(before).Single();
    }

    private async Task<IReadOnlyList<Guid>> PostIdsAsync() =>
        [.. (await Page.Locator("article.post").EvaluateAllAsync<string[]>("posts => posts.map(p => p.dataset.post)")).Select(Guid.Parse)];

    private ILocator Post(Guid id) => Page.Locator($"article.post[data-post='{id}']");

    private async Task ApproveInQueueAsync(Guid id)
    {
        await Post(id).Locator("form.approve-form button").ClickAsync();
        await Assertions.Expect(Page.Locator("[data-notice=moderated]")).ToBeVisibleAsync();
        await Assertions.Expect(Post(id)).ToHaveCountAsync(0);
    }

    private async Task DecideAsync(Guid id, string action, string reason, string? text = null, string? title = null)
    {
        var post = Post(id);
        await post.Locator("details.post-action:not(.report) > summary").ClickAsync();
        await post.Locator("form.moderate-form select[name=action]").SelectOptionAsync(action);
        await post.Locator("form.moderate-form input[name=reason]").FillAsync(reason);
        if (text is not null)
        {
            await post.Locator("form.moderate-form textarea[name=body]").FillAsync(text);
        }
        if (title is not null)
        {
            await post.Locator("form.moderate-form input[name=title]").FillAsync(title);
        }
        await post.Locator("form.moderate-form button[type=submit]").ClickAsync();
        await Assertions.Expect(Page.Locator("[data-notice=moderated]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_parents_question_waits_is_approved_answered_officially_reported_and_moderated()
    {
        var parentAccount = Web.Account("parent");
        var parent = Web.Registry.Data.Parents.Single(p => p.Id == parentAccount.ScopeId);
        var studentAccount = Web.Account("student");
        var student = Web.Registry.Data.Students.Single(s => s.Id == studentAccount.ScopeId);
        var school = Web.Registry.Data.Organizations.Single(o => o.Id == School);
        var iin = Web.Registry.Data.Students.First().Iin;

        // The parent, in Kazakh: the forum from the school's public page; the question waits, the author is told why.
        await SignInAsAsync("parent");
        await Session.OpenAsync($"/open/{School}?lang=kk");
        await Page.ClickAsync("a[data-link=forum]");
        await Assertions.Expect(Page.Locator("h1")).ToHaveTextAsync($"Форум — {school.NameKk}");
        await Assertions.Expect(Page.Locator("#ask-hint")).ToContainTextAsync("ЖСН");
        await Assertions.Expect(Page.Locator("section.forum-mode")).ToHaveAttributeAsync("data-moderation", "pre");
        await Assertions.Expect(Page.Locator("form.mode-form")).ToHaveCountAsync(0);
        await CheckAsync("forum", "kk");
        var question = await AskAsync("Қысқы мектеп формасы", "Қыстағы **форма** қандай болады? [Ереже](https://edu.gov.kz/rules)");
        await Assertions.Expect(Post(question)).ToHaveAttributeAsync("data-state", "pending");
        await Assertions.Expect(Post(question).Locator(".post-notice")).ToHaveTextAsync("Хабарлама модератор тексергеннен кейін жарияланады.");
        await Assertions.Expect(Post(question).Locator(".author")).ToHaveTextAsync($"{parent.FirstName} {Initial(parent.LastName)} · ата-ана");
        await Assertions.Expect(Post(question).Locator(".post-body a")).ToHaveAttributeAsync("rel", "nofollow ugc noopener");
        await CheckAsync("forum-thread-waiting", "kk");

        // A question carrying an IIN is held, its author told which personal data; it is in the list, marked as theirs.
        await Page.ClickAsync("a[data-link=forum]");
        var held = await AskAsync("Анықтама керек", $"Балам ЖСН {iin[..6]} {iin[6..]}, анықтама қашан дайын болады?");
        await Assertions.Expect(Post(held)).ToHaveAttributeAsync("data-state", "held");
        await Assertions.Expect(Post(held).Locator(".post-notice")).ToContainTextAsync("(ЖСН)");
        await Page.ClickAsync("a[data-link=forum]");
        var mine = Page.Locator($"li[data-thread='{question}']");
        await Assertions.Expect(mine).ToHaveAttributeAsync("data-mine", "true");
        await Assertions.Expect(mine.Locator("[data-badge=pending]")).ToBeVisibleAsync();
        await Assertions.Expect(mine.Locator("[data-badge=mine]")).ToHaveTextAsync("Сіздің сұрағыңыз");

        // Nobody else sees it while it waits.
        await Session.Context.ClearCookiesAsync();
        await Session.OpenAsync($"/forums/{School}?lang=ru");
        await Assertions.Expect(Page.Locator($"li[data-thread='{question}']")).ToHaveCountAsync(0);
        await Assertions.Expect(Page.Locator("[data-why=signin]")).ToBeVisibleAsync();
        await Session.OpenAsync($"/forums/{School}/threads/{question}?lang=ru", 404);

        // The district's officer, in Russian: the queue from the dashboard, the held question with its reason; approves the first.
        await SignInAsAsync("district.officer");
        await Session.OpenAsync($"/nodes/{District}?lang=ru");
        await Assertions.Expect(Page.Locator("dd[data-count=forum-unanswered]")).ToBeVisibleAsync();
        await Page.ClickAsync("a[data-link=forum-queue]");
        await Assertions.Expect(Page.Locator("h1")).ToHaveTextAsync("Модерация форумов");
        await Assertions.Expect(Post(question)).ToHaveAttributeAsync("data-state", "pending");
        await Assertions.Expect(Post(held).Locator("[data-held-for]")).ToHaveAttributeAsync("data-held-for", "iin");
        await Assertions.Expect(Post(held).Locator("[data-held-for]")).ToContainTextAsync("ИИН");
        await CheckAsync("forum-queue", "ru");
        await ApproveInQueueAsync(question);

        // The head, in Kazakh: answers; the answer is marked official and signed by role and school.
        await SignInAsAsync("head");
        await Session.OpenAsync($"/desk/{School}?lang=kk");
        await Page.ClickAsync("a[data-link=forum]");
        await Page.ClickAsync($"li[data-thread='{question}'] a");
        await Assertions.Expect(Page.Locator(".official-hint")).ToBeVisibleAsync();
        await ReplyAsync("Форма өзгермейді: ережені сілтемеден оқыңыз.");
        var answer = Page.Locator("article.post[data-kind=answer]");
        await Assertions.Expect(answer).ToHaveAttributeAsync("data-official", "true");
        await Assertions.Expect(answer.Locator(".tag.official")).ToHaveTextAsync("Ресми жауап");
        await Assertions.Expect(answer.Locator(".author")).ToHaveTextAsync($"Ұйым басшысы · {school.NameKk}");
        await Assertions.Expect(Post(question).Locator(".tag.official")).ToHaveCountAsync(0);
        await Assertions.Expect(Page.Locator(".thread-state [data-badge=answered]")).ToBeVisibleAsync();
        await CheckAsync("forum-thread", "kk");

        // A student's post waits whatever the forum's moderation, shown by first name and initial.
        await SignInAsAsync("student");
        await Session.OpenAsync($"/forums/{School}/threads/{question}?lang=kk");
        var studentPost = await ReplyAsync("Қысқы формада жейде міндетті ме?");
        await Assertions.Expect(Post(studentPost)).ToHaveAttributeAsync("data-state", "pending");
        await Assertions.Expect(Post(studentPost).Locator(".author")).ToHaveTextAsync($"{student.FirstName} {Initial(student.LastName)} · оқушы");

        // A reader (the Ministry's analyst) reports the question.
        await SignInAsAsync("analyst");
        await Session.OpenAsync($"/forums/{School}/threads/{question}?lang=ru");
        await Assertions.Expect(Post(studentPost)).ToHaveCountAsync(0);
        await Post(question).Locator("details.report > summary").ClickAsync();
        await Post(question).Locator("form.report-form select").SelectOptionAsync("abuse");
        await Post(question).Locator("form.report-form button").ClickAsync();
        await Assertions.Expect(Page.Locator("[data-notice=reported]")).ToHaveTextAsync("Спасибо: модераторы рассмотрят сообщение.");

        // The officer: the report with its reason; edits the question, deletes the held one, approves the student's post.
        await SignInAsAsync("district.officer");
        await Session.OpenAsync($"/nodes/{District}/forum-queue?lang=ru");
        await Assertions.Expect(Post(question)).ToHaveAttributeAsync("data-reports", "1");
        await Assertions.Expect(Post(question).Locator("[data-report-reasons]")).ToContainTextAsync("Оскорбление");
        // The question's form offers its title (a reply's does not): the officer edits both.
        await Assertions.Expect(Post(question).Locator("form.moderate-form input[name=title]")).ToHaveValueAsync("Қысқы мектеп формасы");
        await Assertions.Expect(Post(studentPost).Locator("form.moderate-form input[name=title]")).ToHaveCountAsync(0);
        await DecideAsync(question, "edit", "Сілтеме алынды", "Қыстағы форма қандай болады?", "Қысқы мектеп формасы туралы");
        await DecideAsync(held, "delete", "Жеке деректер жарияланбайды");
        await Assertions.Expect(Post(held)).ToHaveCountAsync(0);
        await ApproveInQueueAsync(studentPost);
        await Session.OpenAsync($"/forums/{School}/threads/{question}?lang=ru");
        await Assertions.Expect(Post(question).Locator(".edited")).ToHaveTextAsync("изменено модератором");
        await Assertions.Expect(Page.Locator("h1")).ToHaveTextAsync("Қысқы мектеп формасы туралы");
        await Assertions.Expect(Post(question).Locator(".post-body a")).ToHaveCountAsync(0);
        await Assertions.Expect(Post(studentPost)).ToHaveAttributeAsync("data-state", "published");
        // An edit from the thread starts from the post's Markdown, not from an empty box.
        await Post(studentPost).Locator("details.post-action:not(.report) > summary").ClickAsync();
        await Assertions.Expect(Post(studentPost).Locator("form.moderate-form textarea[name=body]")).ToHaveValueAsync(new Regex(@"\S"));
        await Post(studentPost).Locator("details.post-action:not(.report) > summary").ClickAsync();
        await CheckAsync("forum-thread-moderator", "ru");

        // Blocks the student in this forum; switches the forum to post-moderation and back.
        await Post(studentPost).Locator("details.post-action:not(.report) > summary").ClickAsync();
        await Post(studentPost).Locator("form.block-form input[name=reason]").FillAsync("Тақырыпқа қатысы жоқ");
        await Post(studentPost).Locator("form.block-form button").ClickAsync();
        await Assertions.Expect(Page.Locator("[data-notice=blocked]")).ToBeVisibleAsync();
        await Page.ClickAsync("a[data-link=forum]");
        await Page.ClickAsync("form.mode-form button");
        await Assertions.Expect(Page.Locator("[data-notice=switched]")).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("section.forum-mode")).ToHaveAttributeAsync("data-moderation", "post");
        await CheckAsync("forum-moderator", "ru");
        await Page.ClickAsync("form.mode-form button");
        await Assertions.Expect(Page.Locator("section.forum-mode")).ToHaveAttributeAsync("data-moderation", "pre");

        // The blocked student sees why, and no form.
        await SignInAsAsync("student");
        await Session.OpenAsync($"/forums/{School}?lang=kk");
        await Assertions.Expect(Page.Locator("[data-why=blocked]")).ToHaveTextAsync("Модератор сізге бұл форумда жазуға тыйым салды.");
        await Assertions.Expect(Page.Locator("form.ask-form")).ToHaveCountAsync(0);

        // The head closes the thread: readers may post no more; the head still may answer.
        await SignInAsAsync("head");
        await Session.OpenAsync($"/forums/{School}/threads/{question}?lang=ru");
        await Page.ClickAsync("form.close-form button");
        await Assertions.Expect(Page.Locator("[data-notice=closed]")).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("form.close-form")).ToHaveCountAsync(0);
        await Assertions.Expect(Page.Locator("form.reply-form")).ToHaveCountAsync(1);
        await SignInAsAsync("parent");
        await Session.OpenAsync($"/forums/{School}/threads/{question}?lang=kk");
        await Assertions.Expect(Page.Locator("[data-why=closed]")).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("form.reply-form")).ToHaveCountAsync(0);
        Session.Guards.AssertClean();
    }

    [Fact]
    public async Task A_stored_XSS_corpus_posted_through_the_pages_and_approved_executes_nothing_in_Chromium()
    {
        var dialogs = new List<string>();
        Page.Dialog += (_, dialog) =>
        {
            lock (dialogs)
            {
                dialogs.Add(dialog.Message);
            }
            _ = dialog.DismissAsync();
        };
        var school = Web.Registry.Data.Organizations.Single(o => o.Id == School);
        const string title = "<script>window.__xss='title'</script><img src=x onerror=\"window.__xss='title-img'\">";
        string[] corpus =
        [
            """
            <script>window.__xss='script'</script>
            <img src=x onerror="window.__xss='img';alert(1)">
            [x](javascript:window.__xss='md-link')
            [y](JaVaScRiPt:alert(2))
            """,
            """
            <svg onload="window.__xss='svg'"></svg>
            <javascript:window.__xss='autolink'>
            <a href="javascript:window.__xss='raw-a'">a</a>
            ![img](x" onerror="window.__xss='md-img')
            [data](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9J2RhdGEnPC9zY3JpcHQ+)
            """,
            """
            &lt;script&gt;window.__xss='entity'&lt;/script&gt; &#60;img src=x onerror=alert(3)&#62;
            <details open ontoggle="window.__xss='details'">d</details>
            <iframe src="javascript:alert(4)"></iframe>
            `<script>window.__xss='code'</script>` and a [good link](https://edu.gov.kz/?q="><script>alert(5)</script>)
            <https://edu.gov.kz/" onmouseover="window.__xss='autolink-attr'>
            """,
        ];
        // Imitating the head's role label in plain Cyrillic: shown as text by its real author, never marked official.
        var imitation = $"**Ұйым басшысы · {school.NameKk}** — Ресми жауап: жиналыс ертең.";

        await SignInAsAsync("teacher");
        await Session.OpenAsync($"/forums/{School}?lang=kk");
        var thread = await AskAsync(title, corpus[0]);

        await SignInAsAsync("district.officer");
        await Session.OpenAsync($"/nodes/{District}/forum-queue?lang=ru");
        await AssertInertAsync(dialogs);
        await ApproveInQueueAsync(thread);

        await SignInAsAsync("teacher");
        await Session.OpenAsync($"/forums/{School}/threads/{thread}?lang=kk");
        var second = await ReplyAsync(corpus[1]);
        var third = await ReplyAsync(corpus[2]);

        // A bidirectional override and a Latin letter hidden in a Cyrillic word (a spoofed label) are refused, said why.
        await SignInAsAsync("class.teacher");
        await Session.OpenAsync($"/forums/{School}/threads/{thread}?lang=ru");
        await Page.FillAsync("#reply-body", "Официальный ответ \u202Eвокиаргод\u202C");
        await Page.ClickAsync("form.reply-form button[type=submit]");
        await Assertions.Expect(Page.Locator("[data-notice=refused] .refusals")).ToContainTextAsync("направления письма");
        // The refused text comes back in the box, to be fixed rather than typed again.
        await Assertions.Expect(Page.Locator("#reply-body")).ToHaveValueAsync("Официальный ответ \u202Eвокиаргод\u202C");
        await Page.FillAsync("#reply-body", "Руководитеlь организации: ответ");
        await Page.ClickAsync("form.reply-form button[type=submit]");
        await Assertions.Expect(Page.Locator("[data-notice=refused] .refusals")).ToContainTextAsync("латинские и кириллические");
        var fourth = await ReplyAsync(imitation);
        // Taken: its draft is gone, the box empty.
        await Assertions.Expect(Page.Locator("#reply-body")).ToHaveValueAsync("");

        await SignInAsAsync("district.officer");
        await Session.OpenAsync($"/nodes/{District}/forum-queue?lang=ru");
        await AssertInertAsync(dialogs);
        foreach (var id in new[] { second, third, fourth })
        {
            await ApproveInQueueAsync(id);
        }

        // Anyone reading the thread: the title is text, every payload inert.
        await Session.Context.ClearCookiesAsync();
        await Session.OpenAsync($"/forums/{School}/threads/{thread}?lang=kk");
        await Assertions.Expect(Page.Locator("h1")).ToHaveTextAsync(title);
        await Assertions.Expect(Page.Locator("article.post")).ToHaveCountAsync(4);
        await AssertInertAsync(dialogs);
        Assert.Equal(0, await Page.Locator("article.post[data-official=true]").CountAsync());
        Assert.Equal(0, await Page.Locator("[data-official-mark], .tag.official").CountAsync());
        await Assertions.Expect(Post(fourth)).ToHaveAttributeAsync("data-official", "false");
        await Assertions.Expect(Post(fourth).Locator(".author")).Not.ToContainTextAsync("Ұйым басшысы");
        await Assertions.Expect(Post(fourth).Locator(".post-body")).ToContainTextAsync("Ұйым басшысы");
        // Links: only http(s), each rel="nofollow ugc noopener".
        var links = await Page.EvaluateAsync<string[][]>("() => [...document.querySelectorAll('.post-body a')].map(a => [a.getAttribute('href') ?? '', a.getAttribute('rel') ?? ''])");
        Assert.NotEmpty(links);
        Assert.All(links, l =>
        {
            Assert.Matches("^(https?:|mailto:|$)", l[0]);
            Assert.Equal("nofollow ugc noopener", l[1]);
        });
        await CheckAsync("forum-thread-hostile", "kk");

        // Events on every element of the posts (as a reader's pointer and keyboard would fire them), and a real hover of each link, run nothing either.
        await Page.EvaluateAsync("""
            () => document.querySelectorAll('.post-body, .post-body *').forEach(e =>
              ['mouseover', 'mouseenter', 'focus', 'toggle', 'load', 'error', 'animationstart'].forEach(t => e.dispatchEvent(new Event(t))))
            """);
        foreach (var link in await Page.Locator(".post-body a").AllAsync())
        {
            await link.ScrollIntoViewIfNeededAsync();
            await link.HoverAsync();
        }
        await AssertInertAsync(dialogs);
        Session.Guards.AssertClean();
    }

    /// <summary>Nothing the payloads would set, no dialog, no script or handler attribute, no active element in any post.</summary>
    private async Task AssertInertAsync(List<string> dialogs)
    {
        Assert.True(await Page.EvaluateAsync<bool>("() => window.__xss === undefined"), "a payload set window.__xss");
        lock (dialogs)
        {
            Assert.Empty(dialogs);
        }
        var active = await Page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('.post-body, .post-body *')].flatMap(e =>
              [...e.attributes].filter(a => /^on/i.test(a.name) || /^\s*(javascript|data|vbscript):/i.test(a.value)).map(a => e.tagName + ' ' + a.name)
                .concat(/^(SCRIPT|IMG|SVG|IFRAME|OBJECT|EMBED|FORM|INPUT|BUTTON|STYLE|LINK|META|BASE|DETAILS)$/i.test(e.tagName) ? [e.tagName] : []))
            """);
        Assert.Empty(active);
        Assert.True(await Page.Locator(".post-body").CountAsync() > 0);
    }

    [Fact]
    public async Task The_officers_dashboard_counts_the_questions_left_unanswered_and_lists_them_per_organization()
    {
        // A question asked (through the API) and approved, then left unanswered past the term (its counting day moved back).
        var parentId = Web.Registry.Data.StudentParents.Select(p => p.ParentId).Distinct().Order(StringComparer.Ordinal).ElementAt(7);
        var threadId = Guid.NewGuid();
        var asked = await Web.Http.PostJsonAsync($"/api/v1/forums/{School}/threads",
            new { threadId, title = "Үйірмелер кестесі", body = "Үйірмелер кестесі қайда жарияланады?" }, ApplicationApiTests.Parent(parentId), "kk");
        Assert.True(asked.Status == 201, $"{asked.Status} {asked.Body}");
        var approved = await Web.Http.PostJsonAsync($"/api/v1/forums/{School}/posts/{threadId}/moderation", new { action = "approve" },
            $"user=forum-pages-officer; roles=district_officer@{District}");
        Assert.True(approved.Status == 200, $"{approved.Status} {approved.Body}");
        await Web.Db.ExecuteAsync("UPDATE forum_threads SET counts_from = counts_from - 21 WHERE id = @t", ("t", threadId));

        await SignInAsAsync("district.officer");
        await Session.OpenAsync($"/nodes/{District}?lang=kk");
        var figure = Page.Locator("dd[data-count=forum-unanswered] a");
        await Assertions.Expect(figure).ToHaveTextAsync(new Regex("^[1-9]"));
        await CheckAsync("forum-dashboard", "kk");
        await figure.ClickAsync();
        await Assertions.Expect(Page.Locator("h1")).ToHaveTextAsync("Жауапсыз сұрақтар");
        var row = Page.Locator($"tr[data-forum='{School}']");
        await Assertions.Expect(row).ToBeVisibleAsync();
        Assert.True(int.Parse((await row.GetAttributeAsync("data-questions"))!, CultureInfo.InvariantCulture) >= 1);
        await CheckAsync("forum-unanswered", "kk");
        await row.Locator("a").ClickAsync();
        await Assertions.Expect(Page.Locator($"li[data-thread='{threadId}'] [data-badge=waiting]")).ToBeVisibleAsync();

        // Not the head's to read, nor a parent's: 403.
        await SignInAsAsync("head");
        await Session.OpenAsync($"/nodes/{District}/forum-unanswered?lang=kk", 403);
        await Session.OpenAsync($"/nodes/{District}/forum-queue?lang=kk", 403);
        Session.Guards.AssertClean();
    }
}
