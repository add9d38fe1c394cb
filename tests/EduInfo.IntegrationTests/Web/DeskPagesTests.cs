using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.IntegrationTests.Web.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace EduInfo.IntegrationTests.Web;

/// <summary>
/// The head's desk (issue 17): a head closes a term for one class through the form and reopens it with a reason (a
/// reopening without one is refused in the reader's language), the table reads the term events the class grain wrote,
/// the audit trail on the same page shows both; another organization's desk is refused; axe on every view.
/// </summary>
public sealed class DeskPagesTests(BrowserFixture browser, WebHost web, ITestOutputHelper output) : BrowserTest(browser, web, output)
{
    [Fact]
    public async Task A_head_closes_a_term_for_a_class_and_reopens_it_with_a_reason_and_the_audit_trail_shows_both()
    {
        var head = Web.Account("head");
        await Session.SignInAsync(head.Login, head.Password);
        // The head reaches the desk from the school's dashboard.
        await Session.OpenAsync($"/nodes/{head.ScopeId}?lang=ru");
        await Page.ClickAsync($"a[href='/desk/{head.ScopeId}']");
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/desk/{head.ScopeId}");
        await Session.CheckPageAsync("desk", Output);
        // The last class of the school (the demo's own accounts teach and parent the first ones).
        var row = Page.Locator("table.terms tbody tr").Last;
        var classId = await row.GetAttributeAsync("data-class-id");
        Assert.NotNull(classId);
        await Assertions.Expect(row.Locator("td[data-term='1']")).ToHaveAttributeAsync("data-closed", "false");

        await Page.SelectOptionAsync("#term-class", classId);
        await Page.SelectOptionAsync("#term-term", "1");
        await Page.SelectOptionAsync("#term-action", "close");
        await Page.ClickAsync("form[action$='/terms'] button[type=submit]");
        await Assertions.Expect(Page.Locator("[data-notice=closed]")).ToContainTextAsync("1");
        await Assertions.Expect(Page.Locator($"tr[data-class-id='{classId}'] td[data-term='1']")).ToHaveAttributeAsync("data-closed", "true");
        await Assertions.Expect(Page.Locator("table.audit tr[data-action='term.close']").First).ToContainTextAsync(classId!);

        // Reopening needs a reason: refused in Russian, nothing changes.
        await Page.SelectOptionAsync("#term-class", classId);
        await Page.SelectOptionAsync("#term-term", "1");
        await Page.SelectOptionAsync("#term-action", "reopen");
        await Page.ClickAsync("form[action$='/terms'] button[type=submit]");
        await Assertions.Expect(Page.Locator("[data-notice=refused]")).ToHaveCountAsync(1);
        Assert.Matches("[А-Яа-я]", await Page.Locator("[data-notice=refused]").InnerTextAsync());
        await Assertions.Expect(Page.Locator($"tr[data-class-id='{classId}'] td[data-term='1']")).ToHaveAttributeAsync("data-closed", "true");
        await Session.CheckPageAsync("desk-refused", Output);

        await Page.SelectOptionAsync("#term-class", classId);
        await Page.SelectOptionAsync("#term-term", "1");
        await Page.SelectOptionAsync("#term-action", "reopen");
        await Page.FillAsync("#term-reason", "Пересдача после болезни");
        await Page.ClickAsync("form[action$='/terms'] button[type=submit]");
        await Assertions.Expect(Page.Locator("[data-notice=reopened]")).ToHaveCountAsync(1);
        await Assertions.Expect(Page.Locator($"tr[data-class-id='{classId}'] td[data-term='1']")).ToHaveAttributeAsync("data-closed", "false");
        await Assertions.Expect(Page.Locator("table.audit tr[data-action='term.reopen']").First).ToContainTextAsync(classId!);
        Session.Guards.AssertClean();
    }

    [Fact]
    public async Task Another_organizations_desk_is_refused_and_junk_in_the_address_is_not_shown()
    {
        var head = Web.Account("head");
        var other = Web.Registry.Data.Organizations.First(o => o.Id != head.ScopeId && o.Kind == "school").Id;
        await Session.SignInAsync(head.Login, head.Password);
        await Session.OpenAsync($"/desk/{other}", 403);
        await Assertions.Expect(Page.Locator("table.terms")).ToHaveCountAsync(0);
        await Page.AssertAccessibleAsync(Output);

        await Session.OpenAsync($"/desk/{head.ScopeId}?notice=%3Cscript%3Ealert(1)%3C%2Fscript%3E&error=%3Cb%3E&a=%3Cscript%3E");
        await Assertions.Expect(Page.Locator("[data-notice]")).ToHaveCountAsync(0);
        await Session.OpenAsync($"/desk/{head.ScopeId}?notice=refused&error=ReasonTooLong&a=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        // A known error is shown with its argument as text, never as markup.
        await Assertions.Expect(Page.Locator("[data-notice=refused]")).ToContainTextAsync("<script>");
        Assert.Equal(0, await Page.Locator("[data-notice] script").CountAsync());
        Session.Guards.AssertClean();
    }

    [Fact]
    public async Task A_head_adds_a_lesson_to_a_class_timetable_from_the_desk_and_a_row_without_a_lesson_is_removed()
    {
        var head = Web.Account("head");
        await Session.SignInAsync(head.Login, head.Password);
        await Session.OpenAsync($"/desk/{head.ScopeId}?lang=kk");
        var classId = await Page.Locator("table.terms tbody tr").Last.GetAttributeAsync("data-class-id");
        var slots = async () => (await Web.Http.GetJsonAsync($"/api/v1/classes/{classId}/timetable")).Body.EnumerateArray().Count(s => s.GetProperty("validTo").ValueKind == System.Text.Json.JsonValueKind.Null);
        var before = await slots();
        await Page.ClickAsync($"details[data-timetable='{classId}'] summary");
        await Page.ClickAsync($"a[href='/desk/{head.ScopeId}/timetables/{classId}']");
        await Session.CheckPageAsync("desk-timetable", Output);

        // A new Saturday lesson in period 7, in the first blank row; the first lesson in force is removed.
        var blank = Page.Locator($"tr[data-slot='{before}']");
        await blank.Locator("select[name=weekday]").SelectOptionAsync("6");
        await blank.Locator("input[name=period]").FillAsync("7");
        var lesson = await blank.Locator("select[name=lesson] option").Nth(1).GetAttributeAsync("value");
        await blank.Locator("select[name=lesson]").SelectOptionAsync(lesson!);
        await Page.Locator("tr[data-slot='0'] select[name=lesson]").SelectOptionAsync("");
        await Page.ClickAsync("form.timetable-form button[type=submit]");
        await Assertions.Expect(Page.Locator("[data-notice=saved]")).ToHaveCountAsync(1);
        Assert.Equal(before, await slots()); // one added, one removed
        var saturday = (await Web.Http.GetJsonAsync($"/api/v1/classes/{classId}/timetable")).Body.EnumerateArray()
            .Where(s => s.GetProperty("validTo").ValueKind == System.Text.Json.JsonValueKind.Null && s.GetProperty("weekday").GetInt32() == 6 && s.GetProperty("period").GetInt32() == 7)
            .Select(s => $"{s.GetProperty("groupId").GetString()}|{s.GetProperty("subjectId").GetString()}").ToList();
        Assert.Equal([lesson!], saturday);

        // A period out of range is the grain's refusal, in the reader's language; nothing changes.
        await Page.Locator($"tr[data-slot='{before}'] input[name=period]").FillAsync("40");
        await Page.Locator($"tr[data-slot='{before}'] select[name=lesson]").SelectOptionAsync(lesson!);
        await Page.Locator($"tr[data-slot='{before}'] input[name=period]").EvaluateAsync("e => e.removeAttribute('max')");
        await Page.ClickAsync("form.timetable-form button[type=submit]");
        await Assertions.Expect(Page.Locator("[data-notice=refused]")).ToHaveCountAsync(1);
        Assert.Equal(before, await slots());
        Session.Guards.AssertClean();
    }
}
