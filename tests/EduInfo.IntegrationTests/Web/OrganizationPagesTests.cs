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

    /// <summary>
    /// The public card (issue 21, item 4): the head publishes the school's contacts from the profile page (a Russian
    /// number refused in Russian, nothing saved), then anyone, signed out, reads them on the school's open page in
    /// Kazakh and in Russian — the address in the reader's language, the phone as a tel: link, the website opening
    /// without an opener; axe and screenshots of both pages.
    /// </summary>
    [Fact]
    public async Task The_head_publishes_contacts_and_anyone_reads_the_school_s_card_in_kazakh_and_russian()
    {
        var head = Web.Account("head");
        var school = head.ScopeId;
        await Session.SignInAsync(head.Login, head.Password);
        await Session.OpenAsync($"/organizations/{school}/profile?lang=ru");
        await Page.FillAsync("#org-address-kk", "Алматы қ., Абай даңғылы, 21");
        await Page.FillAsync("#org-address-ru", "г. Алматы, пр. Абая, 21");
        await Page.FillAsync("#org-phone", "8 (727) 123-45-67");
        await Page.FillAsync("#org-email", "school@edu.almaty.kz");
        await Page.FillAsync("#org-website", "https://school.edu.kz");
        await Page.FillAsync("#org-head-name", "Сәрсенбаева Гүлнар Әлиқызы");
        await Page.ClickAsync("form.org-form button[type=submit]");
        await Assertions.Expect(Page.Locator("[data-notice=saved]")).ToHaveCountAsync(1);
        await Assertions.Expect(Page.Locator("#org-phone")).ToHaveValueAsync("+7 727 123 45 67");
        await Session.CheckPageAsync("organization-profile-contacts", Output);

        await Page.FillAsync("#org-phone", "+7 495 123 45 67");
        await Page.ClickAsync("form.org-form button[type=submit]");
        await Assertions.Expect(Page.Locator("[data-notice=refused] li[data-field=phone]")).ToContainTextAsync("казахстанский");
        await Assertions.Expect(Page.Locator("#org-phone")).ToHaveValueAsync("+7 727 123 45 67");

        await Page.ClickAsync("a[data-link=public-page]");
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/open/{school}");
        await Session.Context.ClearCookiesAsync(); // signed out: the card is public
        await Session.OpenAsync($"/open/{school}?lang=kk");
        var card = Page.Locator("section[data-section=organization]");
        await Assertions.Expect(card.Locator("[data-fact=address]")).ToHaveTextAsync("Алматы қ., Абай даңғылы, 21");
        await Assertions.Expect(card.Locator("[data-fact=head]")).ToHaveTextAsync("Сәрсенбаева Гүлнар Әлиқызы");
        await Assertions.Expect(card.Locator("[data-fact=phone] a")).ToHaveAttributeAsync("href", "tel:+77271234567");
        await Assertions.Expect(card.Locator("[data-fact=email] a")).ToHaveAttributeAsync("href", "mailto:school@edu.almaty.kz");
        var website = card.Locator("[data-fact=website] a");
        await Assertions.Expect(website).ToHaveAttributeAsync("href", "https://school.edu.kz/");
        Assert.Contains("noopener", await website.GetAttributeAsync("rel"), StringComparison.Ordinal);
        await Assertions.Expect(card.Locator("[data-fact=languages]")).ToContainTextAsync("Қазақ тілі");
        await Assertions.Expect(card.Locator("h2")).ToHaveTextAsync("Ұйым туралы");
        await Assertions.Expect(Page.Locator(".account a[href='/signin']")).ToHaveCountAsync(1);
        await Session.CheckPageAsync("open-organization-card", Output);

        await Session.OpenAsync($"/open/{school}?lang=ru");
        await Assertions.Expect(card.Locator("[data-fact=address]")).ToHaveTextAsync("г. Алматы, пр. Абая, 21");
        await Assertions.Expect(card.Locator("[data-fact=phone]")).ToHaveTextAsync("+7 727 123 45 67");
        await Assertions.Expect(card.Locator("h2")).ToHaveTextAsync("Об организации");

        // No contacts again, for the other tests of the shared host.
        await Session.SignInAsync(head.Login, head.Password);
        await Session.OpenAsync($"/organizations/{school}/profile?lang=ru");
        foreach (var field in new[] { "#org-address-kk", "#org-address-ru", "#org-phone", "#org-email", "#org-website", "#org-head-name" })
        {
            await Page.FillAsync(field, "");
        }
        await Page.ClickAsync("form.org-form button[type=submit]");
        await Assertions.Expect(Page.Locator("[data-notice=saved]")).ToHaveCountAsync(1);
        Session.Guards.AssertClean();
    }
}
