using EduInfo.IntegrationTests.Web.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace EduInfo.IntegrationTests.Web;

/// <summary>
/// Staff and load and the organization profile (issue 18): the head reaches the staff page from the school's dashboard
/// and sees who teaches what; from the desk the head renames the school, the dashboard shows the new name at once, and a
/// name with a bidirectional override is refused in the reader's language; axe on every view.
/// </summary>
public sealed class OrganizationPagesTests(BrowserFixture browser, WebHost web, ITestOutputHelper output) : BrowserTest(browser, web, output)
{
    [Fact]
    public async Task The_head_reads_the_staff_page_and_renames_the_school_from_the_desk()
    {
        var head = Web.Account("head");
        await Session.SignInAsync(head.Login, head.Password);
        await Session.OpenAsync($"/nodes/{head.ScopeId}?lang=ru");
        await Page.ClickAsync("a[data-link=staff]");
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/nodes/{head.ScopeId}/staff");
        Assert.True(int.Parse(await Page.Locator("[data-figure=teachers]").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.True(await Page.Locator("table.staff tr[data-subject-id]").CountAsync() > 0);
        await Assertions.Expect(Page.Locator("#teachers-title")).ToHaveCountAsync(1); // the head sees the teachers by name
        await Session.CheckPageAsync("staff", Output);

        await Session.OpenAsync($"/desk/{head.ScopeId}?lang=kk");
        await Page.ClickAsync("a[data-link=profile]");
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/organizations/{head.ScopeId}/profile");
        await Assertions.Expect(Page.Locator("select#org-kind")).ToHaveCountAsync(0); // the kind is not the head's to change
        await Session.CheckPageAsync("organization-profile", Output);
        var original = (Kk: await Page.InputValueAsync("#org-name-kk"), Ru: await Page.InputValueAsync("#org-name-ru"), En: await Page.InputValueAsync("#org-name-en"));

        await Page.FillAsync("#org-name-kk", "Абай атындағы мектеп");
        await Page.FillAsync("#org-name-ru", "Школа имени Абая");
        await Page.FillAsync("#org-name-en", "Abai School");
        await Page.ClickAsync("form.org-form button[type=submit]");
        await Assertions.Expect(Page.Locator("[data-notice=saved]")).ToHaveCountAsync(1);
        await Session.OpenAsync($"/nodes/{head.ScopeId}?lang=ru");
        await Assertions.Expect(Page.Locator("h1")).ToHaveTextAsync("Школа имени Абая");

        // A name that would display reversed is refused, in Kazakh, and nothing changes.
        await Session.OpenAsync($"/organizations/{head.ScopeId}/profile?lang=kk");
        await Page.FillAsync("#org-name-en", "School \u202Egnp.exe");
        await Page.ClickAsync("form.org-form button[type=submit]");
        await Assertions.Expect(Page.Locator("[data-notice=refused] li[data-field=nameEn]")).ToHaveCountAsync(1);
        Assert.Matches("[ӘәҒғҚқҢңӨөҰұҮүІі]", await Page.Locator("[data-notice=refused]").InnerTextAsync());
        await Assertions.Expect(Page.Locator("#org-name-en")).ToHaveValueAsync("Abai School");
        await Session.CheckPageAsync("organization-profile-refused", Output);

        // The school's names as they were, for the other tests of the shared host.
        await Page.FillAsync("#org-name-kk", original.Kk);
        await Page.FillAsync("#org-name-ru", original.Ru);
        await Page.FillAsync("#org-name-en", original.En);
        await Page.ClickAsync("form.org-form button[type=submit]");
        await Assertions.Expect(Page.Locator("[data-notice=saved]")).ToHaveCountAsync(1);
        Session.Guards.AssertClean();
    }
}
