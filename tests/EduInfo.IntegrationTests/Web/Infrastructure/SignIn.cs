using Microsoft.Playwright;

namespace EduInfo.IntegrationTests.Web.Infrastructure;

public static class SignIn
{
    /// <summary>
    /// Signs in through the /signin form and waits for the page it lands on (any page but /signin); a form post that is
    /// not answered with a redirect fails at once, naming the status.
    /// </summary>
    public static async Task SignInAsync(this BrowserSession session, string login, string password)
    {
        await session.OpenAsync("/signin");
        var page = session.Page;
        await page.FillAsync("#login", login);
        await page.FillAsync("#password", password);
        var posted = await page.RunAndWaitForResponseAsync(
            () => page.ClickAsync("form[action='/signin'] [type=submit]", new PageClickOptions { Timeout = (float)BrowserFixture.NavigationTimeout.TotalMilliseconds }),
            r => r.Request.Method == "POST" && new Uri(r.Url).AbsolutePath == "/signin",
            // A navigation, with a password to hash: it gets a navigation's time, not a click's (it timed out under CI load).
            new PageRunAndWaitForResponseOptions { Timeout = (float)BrowserFixture.NavigationTimeout.TotalMilliseconds });
        Assert.True(posted.Status is >= 300 and < 400, $"POST /signin answered {posted.Status}, not a redirect to the reader's home");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath != "/signin");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        session.Guards.AssertClean();
    }

    /// <summary>
    /// Signs out with the page's own form and waits for the sign-in page it lands on. A test that opens another page at
    /// once instead races the form's redirect: two navigations, and a sign-in form fetched before the old session ended.
    /// </summary>
    public static async Task SignOutAsync(this BrowserSession session)
    {
        var page = session.Page;
        await page.ClickAsync("form[action='/signout'] [type=submit]");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/signin");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Assertions.Expect(page.Locator("form[action='/signout']")).ToHaveCountAsync(0);
        session.Guards.AssertClean();
    }
}
