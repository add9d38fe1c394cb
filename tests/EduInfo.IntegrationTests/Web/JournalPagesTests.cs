using System.Collections.Concurrent;
using System.Text.Json;
using EduInfo.Grains.Interfaces.Localization;
using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.IntegrationTests.Web.Infrastructure;
using EduInfo.Tools.Demo;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace EduInfo.IntegrationTests.Web;

/// <summary>
/// The teacher's journal (issue 17): keyboard entry into the grid, the offline queue (a cut network, a reload, the
/// network back: every entry stored once, with the ids it was made with), another login on the same browser, and an
/// entry refused on reconnect that stays with its reason. Each test has a class and a teacher of its own.
/// </summary>
public sealed class JournalPagesTests(BrowserFixture browser, WebHost web, ITestOutputHelper output) : BrowserTest(browser, web, output)
{
    private const string Today = "2026-11-27"; // TestClock.Today: the new column's day
    private const string Api = "**/api/v1/**";

    [Fact]
    public async Task A_teacher_opens_a_class_from_their_teaching_and_enters_a_column_of_marks_by_keyboard()
    {
        var t = Teacher(0);
        await Session.SignInAsync(t.TeacherId, DemoAccounts.TeacherPassword);
        Assert.Equal("/teaching", new Uri(Page.Url).AbsolutePath);
        await Page.Locator($"table.assignments a[href^='/teaching/{t.ClassId}?subjectId={t.SubjectId}']").First.ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/teaching/{t.ClassId}");
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Session.CheckPageAsync("journal", Output);
        await Session.OpenAsync(JournalPath(t));

        await AddColumnAsync("formative");
        var students = await RowsAsync();
        foreach (var score in new[] { "7", "10", "9" })
        {
            await Page.Keyboard.TypeAsync(score);
            await Page.Keyboard.PressAsync("Enter");
        }
        // Escape drops what was typed; the arrows move back up without writing anything.
        await Page.Keyboard.TypeAsync("5");
        await Page.Keyboard.PressAsync("Escape");
        await Page.Keyboard.PressAsync("ArrowUp");
        // Not "nothing waiting": the queue counts an entry once its store has kept it, so the count is 0 before too.
        await WaitForStoredInNewColumnAsync(3);

        var marks = await MarksOfTodayAsync(t, "formative");
        Assert.Equal([7, 10, 9], students.Take(3).Select(s => marks.GetValueOrDefault(s)?.Single() ?? -1));
        Assert.Equal(3, marks.Values.Sum(m => m.Count));
        // The server's grid shows them after a reload, in one column.
        await Session.OpenAsync(JournalPath(t));
        await Assertions.Expect(Page.Locator($"thead th[data-kind=formative][data-date='{Today}']")).ToHaveCountAsync(1);
        await Assertions.Expect(Page.Locator("tbody td[data-seq]")).ToHaveCountAsync(3);
        await Session.CheckPageAsync("journal-entered", Output);
    }

    [Fact]
    public async Task Entries_made_while_the_network_is_cut_are_kept_and_each_is_stored_once_when_it_returns()
    {
        var t = Teacher(1);
        await Session.SignInAsync(t.TeacherId, DemoAccounts.TeacherPassword);
        await Session.OpenAsync(JournalPath(t));
        var sent = new ConcurrentBag<Guid>();
        var posts = 0;
        Page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.Url.Contains("/api/v1/classes/", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref posts);
                foreach (var entry in JsonDocument.Parse(request.PostData!).RootElement.GetProperty("entries").EnumerateArray())
                {
                    sent.Add(entry.GetProperty("entryId").GetGuid());
                }
            }
        };
        await CutNetworkAsync();

        await AddColumnAsync("formative");
        var students = await RowsAsync();
        foreach (var score in new[] { "6", "8", "9" })
        {
            await Page.Keyboard.TypeAsync(score);
            await Page.Keyboard.PressAsync("Enter");
        }
        await AddColumnAsync("rollcall", period: "1");
        await Page.Keyboard.PressAsync("s"); // the first student: sick
        await Page.Keyboard.PressAsync("ArrowUp");
        await Page.Keyboard.PressAsync("Enter");
        await WaitForWaitingAsync(4);
        await Assertions.Expect(Page.Locator("[data-queue-status]")).ToHaveAttributeAsync("data-state", "offline");
        await Session.CheckPageAsync("journal-offline", Output);

        // A reload (still without the API) shows every kept entry where it belongs.
        await Session.OpenAsync(JournalPath(t));
        await WaitForWaitingAsync(4);
        await Assertions.Expect(Page.Locator("tbody td.pending")).ToHaveCountAsync(3);
        await Assertions.Expect(Page.Locator("thead th.pending[data-kind=rollcall]")).ToHaveCountAsync(1);

        await Page.UnrouteAsync(Api);
        await WaitForWaitingAsync(0, seconds: 30);

        var marks = await MarksOfTodayAsync(t, "formative");
        Assert.Equal([6, 8, 9], students.Take(3).Select(s => marks.GetValueOrDefault(s)?.Single() ?? -1));
        Assert.Equal(3, marks.Values.Sum(m => m.Count));
        var journal = await JournalAsync(t);
        var lessons = journal.GetProperty("lessons").EnumerateArray().Where(l => l.GetProperty("date").GetString() == Today).ToList();
        Assert.Single(lessons);
        Assert.Equal(1, lessons[0].GetProperty("absent").GetInt32());
        var absences = journal.GetProperty("students").EnumerateArray().Single(s => s.GetProperty("studentId").GetString() == students[0])
            .GetProperty("absences").EnumerateArray().Where(a => a.GetProperty("date").GetString() == Today).Select(a => a.GetProperty("code").GetString());
        Assert.Equal(["sick"], absences);
        // Every attempt carried the ids the entries were made with: four ids over more posts, four rows.
        Assert.Equal(4, sent.Distinct().Count());
        Assert.True(posts > 2, $"only {posts} posts: the entries were never tried while the network was cut");
        Assert.Equal(4L, await Web.Db.ScalarAsync<long>("SELECT count(*) FROM journal WHERE entry_id = ANY (@ids)", ("ids", sent.Distinct().ToArray())));
    }

    [Fact]
    public async Task Another_login_on_the_same_browser_does_not_see_the_first_ones_queue_which_stays_for_its_return()
    {
        var (a, b) = (Teacher(2), Teacher(3));
        Assert.NotEqual(a.TeacherId, b.TeacherId);
        await Session.SignInAsync(a.TeacherId, DemoAccounts.TeacherPassword);
        await Session.OpenAsync(JournalPath(a));
        await CutNetworkAsync();
        await AddColumnAsync("formative");
        var students = await RowsAsync();
        await Page.Keyboard.TypeAsync("6");
        await Page.Keyboard.PressAsync("Enter");
        await Page.Keyboard.TypeAsync("5");
        await Page.Keyboard.PressAsync("Enter");
        await WaitForWaitingAsync(2);

        // The first press of "sign out" warns and stays; the second signs out.
        await Page.ClickAsync("form[action='/signout'] [type=submit]");
        await Assertions.Expect(Page.Locator("[data-signout-warning]")).ToHaveAttributeAsync("data-signout-warning", "2");
        Assert.Equal($"/teaching/{a.ClassId}", new Uri(Page.Url).AbsolutePath);
        await Page.AssertAccessibleAsync(Output);
        if (Screenshots.Enabled)
        {
            await Screenshots.TakeAsync(Page, "journal-signout-warning", "kk");
        }
        await Page.ClickAsync("form[action='/signout'] [type=submit]");
        await Page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/teaching", StringComparison.Ordinal));

        // Another teacher: nothing of the first one's queue, and a sign-out without a warning.
        await Session.SignInAsync(b.TeacherId, DemoAccounts.TeacherPassword);
        await Session.OpenAsync(JournalPath(b));
        await Assertions.Expect(Page.Locator("[data-queue]")).ToBeHiddenAsync();
        await Assertions.Expect(Page.Locator("td.pending, th.pending, td.refused, th.refused, ul.refused li")).ToHaveCountAsync(0);
        await Page.ClickAsync("form[action='/signout'] [type=submit]");
        await Page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/teaching", StringComparison.Ordinal));
        await Assertions.Expect(Page.Locator("[data-signout-warning]")).ToHaveCountAsync(0);

        // The first teacher's entries were neither sent nor cleared by the other: back, they are there and go out.
        await Session.SignInAsync(a.TeacherId, DemoAccounts.TeacherPassword);
        await Session.OpenAsync(JournalPath(a));
        await WaitForWaitingAsync(2);
        await Assertions.Expect(Page.Locator("tbody td.pending")).ToHaveCountAsync(2);
        await Page.UnrouteAsync(Api);
        await SendNowAsync();
        await WaitForWaitingAsync(0, seconds: 30);
        var marks = await MarksOfTodayAsync(a, "formative");
        Assert.Equal([6, 5], students.Take(2).Select(s => marks.GetValueOrDefault(s)?.Single() ?? -1));
        Assert.Equal(2, marks.Values.Sum(m => m.Count));
    }

    [Fact]
    public async Task An_entry_refused_on_reconnect_stays_with_its_reason_until_the_teacher_dismisses_it()
    {
        var t = Teacher(4);
        var head = $"user=head-journal; roles=head@{Web.Registry.Data.Classes.Single(c => c.Id == t.ClassId).OrganizationId}";
        await Session.SignInAsync(t.TeacherId, DemoAccounts.TeacherPassword);
        await Session.OpenAsync(JournalPath(t));
        await CutNetworkAsync();
        await AddColumnAsync("formative");
        await Page.Keyboard.TypeAsync("7");
        await Page.Keyboard.PressAsync("Enter");
        await WaitForWaitingAsync(1);
        try
        {
            // Meanwhile the head closes the term: on reconnect the entry is refused (400, the term is closed).
            Assert.Equal(200, (await Web.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/terms/2/close", new { reason = "term end" }, head)).Status);
            await Page.UnrouteAsync(Api);
            await SendNowAsync();
            var reason = Messages.Get("journal.error.TermClosed", "kk");
            await Assertions.Expect(Page.Locator("tbody td.refused .cell-error")).ToContainTextAsync(reason);
            await Assertions.Expect(Page.Locator("ul.refused li .why")).ToContainTextAsync(reason);
            await WaitForWaitingAsync(0);
            await Page.AssertAccessibleAsync(Output);

            // It stays through a reload (now of a closed term), in the language of the page it was refused on.
            await Session.OpenAsync(JournalPath(t));
            await Assertions.Expect(Page.Locator("ul.refused li")).ToHaveCountAsync(1);
            await Assertions.Expect(Page.Locator("tbody td.refused")).ToHaveCountAsync(1);
            await Session.CheckPageAsync("journal-refused", Output);
            await Session.OpenAsync(JournalPath(t));

            await Page.ClickAsync("ul.refused li button");
            await Assertions.Expect(Page.Locator("ul.refused li")).ToHaveCountAsync(0);
            await Session.OpenAsync(JournalPath(t));
            await Assertions.Expect(Page.Locator(".refused li, td.refused, td.pending")).ToHaveCountAsync(0);
            Assert.Empty(await MarksOfTodayAsync(t, "formative"));
        }
        finally
        {
            await Web.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/terms/2/reopen", new { reason = "test over" }, head);
        }
    }

    /// <summary>The teaching of the <paramref name="n"/>-th school class after those other tests use, each with another teacher.</summary>
    private DemoRegistry.Teaching Teacher(int n)
    {
        var picked = new List<DemoRegistry.Teaching>();
        for (var index = 6; picked.Count <= n; index++)
        {
            var t = Web.Registry.InSchoolClass(index);
            if (picked.All(p => p.TeacherId != t.TeacherId))
            {
                picked.Add(t);
            }
        }
        return picked[n];
    }

    private static string JournalPath(DemoRegistry.Teaching t) => $"/teaching/{t.ClassId}?subjectId={t.SubjectId}&term=2";

    /// <summary>Every request to the API fails from now on, as with the network down; Chromium's reports of them are expected.</summary>
    private async Task CutNetworkAsync()
    {
        Session.Guards.ExpectFailedRequests(new Uri(Session.Origin, "/api/v1/").ToString());
        await Page.RouteAsync(Api, route => route.AbortAsync("internetdisconnected"));
    }

    /// <summary>A new column of the kind for today; the first student's cell has the focus.</summary>
    private async Task AddColumnAsync(string kind, string? period = null)
    {
        await Page.SelectOptionAsync("#add-kind", kind);
        if (period is not null)
        {
            await Page.FillAsync("#add-period", period);
        }
        await Page.ClickAsync("form[data-add-column] [type=submit]");
        await Assertions.Expect(Page.Locator("table[data-grid] tbody td:focus")).ToHaveCountAsync(1);
    }

    private async Task<string[]> RowsAsync() =>
        await Page.Locator("table[data-grid] tbody tr[data-student]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.student)");

    /// <summary>
    /// Until <paramref name="count"/> cells of the column added on the page hold the sequence number the server acknowledged;
    /// an entry refused meanwhile fails at once with the server's reason.
    /// </summary>
    private async Task WaitForStoredInNewColumnAsync(int count, int seconds = 10)
    {
        var state = await Page.WaitForFunctionAsync("""
            n => {
              const refused = document.querySelector('ul.refused li');
              if (refused) return 'refused: ' + refused.textContent;
              const th = [...document.querySelectorAll('table[data-grid] thead th')].find(h => h.dataset.col?.startsWith('new'));
              const rows = [...document.querySelectorAll('table[data-grid] tbody tr')];
              return th && rows.filter(tr => tr.cells[th.cellIndex]?.dataset.seq).length === n ? 'stored' : false;
            }
            """, count, new PageWaitForFunctionOptions { Timeout = seconds * 1000 });
        Assert.Equal("stored", await state.JsonValueAsync<string>());
    }

    // Once the network is back the queue's own retry timer may already be sending: the button moves while its status line
    // changes and hides when nothing waits, so a pointer click can miss it. Pressing it in the page is the same handler.
    private async Task SendNowAsync() =>
        await Page.EvaluateAsync("() => document.querySelector('[data-send-now]:not([hidden])')?.click()");

    private async Task WaitForWaitingAsync(int count, int seconds = 10) =>
        await Page.WaitForFunctionAsync($"() => document.querySelector('[data-queue-status]')?.dataset.waiting === '{count}'", null,
            new PageWaitForFunctionOptions { Timeout = seconds * 1000 });

    private async Task<JsonElement> JournalAsync(DemoRegistry.Teaching t)
    {
        var organization = Web.Registry.Data.Classes.Single(c => c.Id == t.ClassId).OrganizationId;
        var response = await Web.Http.GetJsonAsync($"/api/v1/classes/{t.ClassId}/journal?subjectId={t.SubjectId}&term=2", $"user=head-reader; roles=head@{organization}");
        Assert.Equal(200, response.Status);
        return response.Body;
    }

    /// <summary>Today's marks of a kind in the class's journal (through the API), by student.</summary>
    private async Task<Dictionary<string, List<int>>> MarksOfTodayAsync(DemoRegistry.Teaching t, string kind) =>
        (await JournalAsync(t)).GetProperty("students").EnumerateArray()
            .Select(s => (Id: s.GetProperty("studentId").GetString()!, Marks: s.GetProperty("marks").EnumerateArray()
                .Where(m => m.GetProperty("date").GetString() == Today && m.GetProperty("kind").GetString() == kind)
                .Select(m => m.GetProperty("score").GetInt32()).ToList()))
            .Where(s => s.Marks.Count > 0)
            .ToDictionary(s => s.Id, s => s.Marks);
}
