using EduInfo.IntegrationTests.Grains;
using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.IntegrationTests.Web.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace EduInfo.IntegrationTests.Web;

/// <summary>
/// A dashboard opened while the country is still being counted after a restart (issue 26.5) says so, in the reader's
/// language, and the notice goes by itself — a live update, no reload — once every class is counted.
/// </summary>
public sealed class CatchingUpPagesTests(BrowserFixture browser, CatchingUpPagesTests.RestartedHost restarted, ITestOutputHelper output)
    : BrowserTest(browser, restarted, output), IClassFixture<CatchingUpPagesTests.RestartedHost>
{
    /// <summary>A host of its own, started with every class's load held back (<see cref="ClassLoadBlocker"/>).</summary>
    public sealed class RestartedHost : WebHost
    {
        public ClassLoadBlocker Blocker { get; private set; } = null!;

        protected override async Task<DemoRegistry> CreateDatabaseAsync()
        {
            var registry = await base.CreateDatabaseAsync();
            Blocker = await ClassLoadBlocker.HoldAsync(Db.DataSource);
            return registry;
        }

        protected override void Configure(IDictionary<string, string?> settings)
        {
            settings["Rollup:ReconcileWait"] = "00:00:01"; // an area answers its parent within a second with what it has
            settings["Rollup:ReconcileInterval"] = "00:00:05";
            // Each held class load waits on the lock with a pooled connection in hand; 16 pulls a level would hold all
            // 50 of the test database's pool and leave none for the sign-in (it timed out once in CI). Two a level: ≤ 16.
            settings["Rollup:ReconcileParallelism"] = "2";
        }

        public override async Task DisposeAsync()
        {
            await Blocker.DisposeAsync();
            await base.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_dashboard_says_the_figures_are_being_counted_until_the_country_has_caught_up()
    {
        var analyst = Web.Account("analyst");
        await Session.SignInAsync(analyst.Login, analyst.Password);
        await Session.OpenAsync("/nodes/KZ?lang=kk");
        var notice = Page.Locator("#dashboard [data-catching-up]");
        await Assertions.Expect(notice).ToContainTextAsync("есептелуде");
        await Session.OpenAsync("/nodes/KZ?lang=ru");
        await Assertions.Expect(notice).ToContainTextAsync("пересчитываются");
        await Session.CheckPageAsync("dashboard-catching-up", Output);
        await Session.OpenAsync("/nodes/KZ?lang=ru");
        await Assertions.Expect(notice).ToHaveCountAsync(1);
        var version = long.Parse(await Page.Locator("#dashboard").GetAttributeAsync("data-version") ?? "0");
        await Page.EvaluateAsync("() => { window.notReloaded = true; }");

        await ((RestartedHost)Web).Blocker.ReleaseAsync(); // the classes load now
        await Assertions.Expect(notice).ToHaveCountAsync(0, new LocatorAssertionsToHaveCountOptions { Timeout = 120_000 });
        Assert.True(long.Parse(await Page.Locator("#dashboard").GetAttributeAsync("data-version") ?? "0") > version, "a newer version replaced the view");
        Assert.True(await Page.EvaluateAsync<bool>("() => window.notReloaded === true"), "the page was reloaded");

        // What the page now shows is the whole country, as the API says.
        var summary = await Web.Http.GetJsonAsync("/api/v1/nodes/KZ/summary", HttpExtensions.Analyst);
        Assert.Equal(200, summary.Status);
        Assert.False(summary.Body.GetProperty("catchingUp").GetBoolean());
        Assert.Equal(await Web.Db.ScalarAsync<long>("SELECT count(*) FROM classes"), summary.Body.GetProperty("figures").GetProperty("classes").GetInt64());
        Session.Guards.AssertClean();
    }
}
