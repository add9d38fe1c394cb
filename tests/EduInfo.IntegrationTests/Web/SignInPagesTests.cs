using EduInfo.IntegrationTests.Web.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace EduInfo.IntegrationTests.Web;

/// <summary>Signing in through the page: every role lands on its home; the form works from the keyboard alone.</summary>
public sealed class SignInPagesTests(BrowserFixture browser, WebHost web, ITestOutputHelper output) : BrowserTest(browser, web, output)
{
    private const int DashboardBudgetKiB = 400;

    [Theory]
    [InlineData("parent")]
    [InlineData("student")]
    [InlineData("teacher")]
    [InlineData("class.teacher")]
    [InlineData("head")]
    [InlineData("district.officer")]
    [InlineData("region.officer")]
    [InlineData("analyst")]
    [InlineData("operator")]
    public async Task Each_role_lands_on_its_home_signed_in(string login)
    {
        var account = Web.Account(login);

        await Session.SignInAsync(account.Login, account.Password);

        Assert.Equal(HomeOf(login), new Uri(Page.Url).AbsolutePath);
        await Assertions.Expect(Page.Locator("h1")).ToHaveCountAsync(1);
        await Assertions.Expect(Page.Locator("form[action='/signout']")).ToHaveCountAsync(1);
        await Session.CheckPageAsync("home-" + login.Replace('.', '-'), Output);
    }

    [Fact]
    public async Task A_dashboard_weighs_at_most_400_KB()
    {
        var analyst = Web.Account("analyst");
        await Session.SignInAsync(analyst.Login, analyst.Password);

        await PageWeight.AssertWithinAsync(Session, "/nodes/KZ", DashboardBudgetKiB, Output);
        var district = Web.Account("district.officer");
        await PageWeight.AssertWithinAsync(Session, $"/nodes/{district.ScopeId}", DashboardBudgetKiB, Output);
    }

    [Fact]
    public async Task The_sign_in_form_is_completed_and_submitted_with_the_keyboard_alone()
    {
        var head = Web.Account("head");
        await Session.OpenAsync("/signin");
        await Session.CheckPageAsync("signin", Output);
        await Session.OpenAsync("/signin");
        await Page.AssertSkipLinkFirstAsync();

        for (var presses = 0; await FocusedIdAsync() != "login"; presses++)
        {
            Assert.True(presses < 30, "Tab never reached the login field");
            await Page.Keyboard.PressAsync("Tab");
        }
        await Page.Keyboard.TypeAsync(head.Login);
        await Page.Keyboard.PressAsync("Tab");
        Assert.Equal("password", await FocusedIdAsync());
        await Page.Keyboard.TypeAsync(head.Password);
        var posted = await Page.RunAndWaitForResponseAsync(() => Page.Keyboard.PressAsync("Enter"),
            r => r.Request.Method == "POST" && new Uri(r.Url).AbsolutePath == "/signin");
        Assert.True(posted.Status is >= 300 and < 400, $"POST /signin answered {posted.Status}");

        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == HomeOf("head"));
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Page.AssertSkipLinkFirstAsync();
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var officer = Web.Account("district.officer");
        await Session.SignInAsync(officer.Login, officer.Password);

        await Page.Locator("form[action='/signout'] [type=submit]").ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath != HomeOf("district.officer"));
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        await Assertions.Expect(Page.Locator("form[action='/signout']")).ToHaveCountAsync(0);
        // The home now sends the reader to sign in again (docs/web.md: /signin?returnUrl=…).
        await Page.GotoAsync(new Uri(Web.Origin, HomeOf("district.officer")).ToString());
        Assert.Equal("/signin", new Uri(Page.Url).AbsolutePath);
    }

    [Theory]
    [InlineData("kk", "Логин немесе құпиясөз қате")]
    [InlineData("ru", "Неверный логин или пароль")]
    public async Task A_failed_sign_in_says_so_in_the_page_language_and_names_no_cause(string language, string expected)
    {
        await Session.OpenAsync($"/signin?lang={language}");
        await Page.FillAsync("#login", "head");
        await Page.FillAsync("#password", "not-the-password");
        await Page.RunAndWaitForResponseAsync(() => Page.ClickAsync("form[action='/signin'] [type=submit]"),
            r => r.Request.Method == "POST" && new Uri(r.Url).AbsolutePath == "/signin");
        await Page.WaitForURLAsync(url => new Uri(url).Query.Contains("notice=failed", StringComparison.Ordinal));

        var notice = Page.Locator("[role=alert]");
        await Assertions.Expect(notice).ToContainTextAsync(expected);
        // The address says what happened, never who tried: no login in the URL.
        Assert.DoesNotContain("head", new Uri(Page.Url).Query, StringComparison.Ordinal);
        await Assertions.Expect(Page.Locator("#login")).ToBeEmptyAsync();
        await Page.AssertAccessibleAsync(Output);
    }

    private Task<string> FocusedIdAsync() => Page.EvaluateAsync<string>("() => document.activeElement?.id ?? ''");

    private string HomeOf(string login)
    {
        var account = Web.Account(login);
        return login switch
        {
            "parent" => "/family",
            "student" => $"/students/{account.ScopeId}",
            "teacher" or "class.teacher" => "/teaching",
            "head" or "district.officer" or "region.officer" => $"/nodes/{account.ScopeId}",
            _ => "/nodes/KZ",
        };
    }
}
