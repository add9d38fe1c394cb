using Xunit.Abstractions;

namespace EduInfo.IntegrationTests.Web.Infrastructure;

/// <summary>
/// A browser test class: each test gets a fresh context and page on the shared Chromium, with the guards on; the test
/// fails when a guard was broken, even if it never asked (checked when its context closes).
/// </summary>
[Collection(BrowserCollection.Name)]
public abstract class BrowserTest(BrowserFixture browser, WebHost web, ITestOutputHelper output) : IAsyncLifetime
{
    protected WebHost Web { get; } = web;
    protected ITestOutputHelper Output { get; } = output;
    protected BrowserSession Session { get; private set; } = null!;
    protected Microsoft.Playwright.IPage Page => Session.Page;

    public async Task InitializeAsync() => Session = await browser.NewSessionAsync(Web.Origin);

    public async Task DisposeAsync() => await Session.DisposeAsync();
}
