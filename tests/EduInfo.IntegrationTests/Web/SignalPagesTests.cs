using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.IntegrationTests.Web.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace EduInfo.IntegrationTests.Web;

/// <summary>An area's dashboard carries its signals (issue 19, docs/analysis.md#signals) outside the shared live section.</summary>
public sealed class SignalPagesTests(BrowserFixture browser, WebHost web, ITestOutputHelper output) : BrowserTest(browser, web, output)
{
    /// <summary>The tiny country's district has one school of 16 pupils: nobody is compared, so no outliers, said in the reader's language.</summary>
    [Fact]
    public async Task A_district_officer_sees_the_grade_inflation_block_on_the_district_dashboard()
    {
        var officer = Web.Account("district.officer");
        await Session.SignInAsync(officer.Login, officer.Password);
        await Session.OpenAsync($"/nodes/{officer.ScopeId}?lang=ru");

        await Assertions.Expect(Page.Locator("#inflation-title")).ToHaveTextAsync("Признаки завышения оценок");
        await Assertions.Expect(Page.Locator("[data-inflation=none]")).ToHaveTextAsync("Выбросов нет");
        Assert.Equal(0, await Page.Locator("#dashboard [data-block=inflation]").CountAsync()); // not in the shared section
        await Session.CheckPageAsync("area-signals", Output);

        // An organization's dashboard has no such block: it is compared, not comparing.
        var school = Web.Registry.Data.Organizations.First(o => o.NodeId == officer.ScopeId && o.Kind == "school").Id;
        await Session.OpenAsync($"/nodes/{school}");
        await Assertions.Expect(Page.Locator("[data-block=inflation]")).ToHaveCountAsync(0);
        Session.Guards.AssertClean();
    }
}
