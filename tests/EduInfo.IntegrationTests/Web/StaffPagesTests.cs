using EduInfo.IntegrationTests.Api;
using EduInfo.IntegrationTests.Web.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace EduInfo.IntegrationTests.Web;

/// <summary>
/// The head's staff and classes pages (issue 18): a head hires a teacher, gives them an account and a subject in a
/// class from today; the new teacher signs in and finds the class on /teaching. Axe and screenshots of both pages.
/// </summary>
public sealed class StaffPagesTests(BrowserFixture browser, WebHost web, ITestOutputHelper output) : BrowserTest(browser, web, output)
{
    [Fact]
    public async Task A_head_hires_a_teacher_gives_an_account_and_a_subject_and_the_teacher_finds_the_class_on_teaching()
    {
        var head = Web.Account("head");
        await Session.SignInAsync(head.Login, head.Password);
        await Session.OpenAsync($"/desk/{head.ScopeId}?lang=ru");
        await Page.ClickAsync("a[data-link=staff]");
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/desk/{head.ScopeId}/staff");
        await Session.CheckPageAsync("staff", Output);

        await Page.FillAsync("#hire-iin", StaffWorld.NewIin());
        await Page.FillAsync("#hire-last", "Жұмабекова");
        await Page.FillAsync("#hire-first", "Әсем");
        await Page.FillAsync("#hire-from", "2026-11-27");
        await Page.ClickAsync("form[action$='/staff/hire'] button[type=submit]");
        var row = Page.Locator("tr[data-staff-id]", new() { HasText = "Жұмабекова" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        var staffId = await row.GetAttributeAsync("data-staff-id") ?? throw new InvalidOperationException("a staff row without its id");

        var login = "asem." + Guid.NewGuid().ToString("N")[..6];
        await Page.SelectOptionAsync("#account-staff", staffId);
        await Page.FillAsync("#account-login", login);
        await Page.ClickAsync("form[action$='/staff/account'] button[type=submit]");
        var password = (await Page.Locator($"[data-issued='{staffId}'] [data-password]").InnerTextAsync()).Trim();
        Assert.True(password.Length >= 12, "the initial password is shown once on the page");
        Assert.DoesNotContain(password, Page.Url, StringComparison.Ordinal);

        await Session.OpenAsync($"/desk/{head.ScopeId}/classes?lang=ru");
        await Session.CheckPageAsync("classes", Output);
        await Page.SelectOptionAsync("#assign-teacher", staffId);
        var group = await Page.Locator("#assign-group option").First.GetAttributeAsync("value") ?? "";
        var subject = await Page.Locator("#assign-subject option").First.GetAttributeAsync("value") ?? "";
        await Page.SelectOptionAsync("#assign-group", group);
        await Page.SelectOptionAsync("#assign-subject", subject);
        await Page.FillAsync("#assign-from", "2026-11-27");
        await Page.ClickAsync("form[action$='/classes/assign'] button[type=submit]");
        await Assertions.Expect(Page.Locator("tr[data-assignment-id]", new() { HasText = "Жұмабекова" })).ToHaveCountAsync(1);
        Session.Guards.AssertClean();

        // The new teacher signs in with the password handed over and finds the class among today's assignments.
        await Session.SignOutAsync();
        await Session.SignInAsync(login, password);
        await Session.OpenAsync("/teaching?lang=ru");
        await Assertions.Expect(Page.Locator($"a[href^='/teaching/{group}']")).Not.ToHaveCountAsync(0);
        Session.Guards.AssertClean();
    }
}
