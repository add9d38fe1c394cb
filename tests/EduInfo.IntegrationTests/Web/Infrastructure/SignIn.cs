using Microsoft.Playwright;

namespace EduInfo.IntegrationTests.Web.Infrastructure;

public static class SignIn
{
    /// <summary>Signs in through the /signin form and waits for the page it lands on (any page but /signin).</summary>
    public static async Task SignInAsync(this BrowserSession session, string login, string password)
    {
        await session.OpenAsync("/signin");
        var page = session.Page;
        await page.FillAsync("#login", login);
        await page.FillAsync("#password", password);
        await page.ClickAsync("form[action='/signin'] [type=submit]");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath != "/signin");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        session.Guards.AssertClean();
    }
}
