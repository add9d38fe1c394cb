using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.IntegrationTests.Web.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace EduInfo.IntegrationTests.Web;

/// <summary>
/// The dashboard's Breakdowns block (issue 19): a plain GET form picks the dimension, the table lists its values for the
/// section's term, the choice stays in the address (and through the term filter); axe and screenshots.
/// </summary>
public sealed class BreakdownPagesTests(BrowserFixture browser, WebHost web, ITestOutputHelper output) : BrowserTest(browser, web, output)
{
    [Fact]
    public async Task An_officer_breaks_their_district_down_by_a_dimension_chosen_in_a_plain_form()
    {
        var officer = Web.Account("district.officer");
        await Session.SignInAsync(officer.Login, officer.Password);
        var block = Page.Locator("#dashboard .breakdown");
        await Assertions.Expect(block.Locator("table[data-breakdown=locality]")).ToHaveCountAsync(1);

        await block.Locator("select[name=dimension]").SelectOptionAsync("sex");
        await block.Locator("button[type=submit]").ClickAsync();
        await Page.WaitForURLAsync(url => url.Contains("dimension=sex", StringComparison.Ordinal));
        var rows = block.Locator("table[data-breakdown=sex] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        Assert.Equal(["male", "female"], await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.value)"));

        // Boys and girls are every pupil of the district.
        var students = await rows.EvaluateAllAsync<long[]>("rows => rows.map(r => Number(r.querySelector('td').dataset.value))");
        var summary = await Web.Http.GetJsonAsync($"/api/v1/nodes/{officer.ScopeId}/summary");
        Assert.Equal(summary.Body.GetProperty("figures").GetProperty("students").GetInt64(), students.Sum());

        // The section's term filter keeps the dimension: the block then shows that term.
        await Page.Locator("#dashboard form.filters select[name=term]").First.SelectOptionAsync("2");
        await Page.Locator("#dashboard form.filters button[type=submit]").First.ClickAsync();
        await Page.WaitForURLAsync(url => url.Contains("term=2", StringComparison.Ordinal) && url.Contains("dimension=sex", StringComparison.Ordinal));
        await Assertions.Expect(block.Locator("table[data-breakdown=sex] caption")).ToContainTextAsync("2");
        await Session.CheckPageAsync("breakdowns-district", Output);

        // The grades, read by the reader's language (the screenshots above reopen the page without the dimension).
        foreach (var lang in new[] { "kk", "ru" })
        {
            await Session.OpenAsync($"/nodes/{officer.ScopeId}?dimension=grade&lang={lang}");
            await Assertions.Expect(block.Locator("table[data-breakdown=grade] tbody tr").First).ToContainTextAsync(lang == "ru" ? "класс" : "сынып");
            await Page.AssertAccessibleAsync(Output);
            if (Screenshots.Enabled)
            {
                await Screenshots.TakeAsync(Page, "breakdowns-district-grade", lang);
            }
        }
        Session.Guards.AssertClean();
    }
}
