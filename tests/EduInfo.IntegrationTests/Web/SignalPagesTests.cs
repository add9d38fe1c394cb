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

    /// <summary>
    /// The district's school leaves more timetabled lessons without a roll-call each day (history captured 18–26 November,
    /// the 23rd missing): the district's dashboard lists it as falling, and the school's own trend of completeness draws
    /// the same days, the missing one shown as missing.
    /// </summary>
    [Fact]
    public async Task A_district_officer_sees_a_school_whose_journal_completeness_falls_and_its_daily_trend()
    {
        var officer = Web.Account("district.officer");
        var school = Web.Registry.Data.Organizations.First(o => o.NodeId == officer.ScopeId && o.Kind == "school");
        DateOnly[] days = [new(2026, 11, 18), new(2026, 11, 19), new(2026, 11, 20), new(2026, 11, 24), new(2026, 11, 25), new(2026, 11, 26)];
        long[] held = [10, 19, 27, 34, 40, 45];
        await TrendHistory.CaptureAsync(Web, [new DateOnly(2026, 11, 23)], days.Select((day, i) =>
            (day, (IReadOnlyDictionary<string, EduInfo.Domain.Metrics.SummaryFigures>)new Dictionary<string, EduInfo.Domain.Metrics.SummaryFigures>
            {
                [school.Id] = TrendHistory.Lessons(10 * (i + 1), held[i]),
            })).ToArray());
        await Session.SignInAsync(officer.Login, officer.Password);

        await Session.OpenAsync($"/nodes/{officer.ScopeId}?lang=kk");
        await Assertions.Expect(Page.Locator("#completeness-title")).ToHaveTextAsync("Журнал толықтығы төмендеп барады");
        var row = Page.Locator($"[data-block=completeness] tr[data-node-id='{school.Id}']");
        await Assertions.Expect(row.Locator("th")).ToHaveTextAsync(school.NameKk);
        await Assertions.Expect(row.Locator("td").Nth(0)).ToHaveTextAsync("10,0 → 20,0 → 30,0 → 40,0 → 50,0");
        await Assertions.Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("+10,0");
        Assert.Equal(0, await Page.Locator("#dashboard [data-block=completeness]").CountAsync()); // not in the shared section
        await Session.CheckPageAsync("area-completeness", Output);

        await Assertions.Expect(row.Locator("a")).ToHaveAttributeAsync("href", $"/nodes/{school.Id}");
        await Session.OpenAsync($"/nodes/{school.Id}?metric=completeness&lang=ru");
        await Assertions.Expect(Page.Locator("[data-chart=trend] canvas")).ToHaveCountAsync(1);
        await Assertions.Expect(Page.Locator("tr[data-day='2026-11-23']")).ToHaveAttributeAsync("data-missing", "true");
        await Assertions.Expect(Page.Locator("tr[data-day='2026-11-26']")).ToHaveAttributeAsync("data-missing", "false");
        await Assertions.Expect(Page.Locator("[data-block=completeness]")).ToHaveCountAsync(0); // an organization compares nothing
        await Session.CheckPageAsync("organization-completeness-trend", Output);
        Session.Guards.AssertClean();
    }
}
