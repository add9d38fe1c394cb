using Microsoft.Playwright;

namespace EduInfo.IntegrationTests.Web.Infrastructure;

/// <summary>
/// One headless Chromium for every browser test: Debian's /usr/bin/chromium (scripts/test.sh installs it), never a
/// browser Playwright downloads. Without it the browser tests fail, they do not skip.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    // These bound a hang, they measure nothing: a click that writes through a cold grain took over 5 s on a loaded CI
    // machine (ForumPagesTests, 2026-12), so actions and expectations wait as long as a navigation.
    public static readonly TimeSpan ActionTimeout = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan NavigationTimeout = TimeSpan.FromSeconds(15);

    private IPlaywright? _playwright;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        RequireChromium(ChromiumPath);
        Assertions.SetDefaultExpectTimeout((float)ActionTimeout.TotalMilliseconds);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
    }

    /// <summary>Throws (so every browser test fails) when there is no Chromium at <paramref name="path"/>.</summary>
    public static void RequireChromium(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"Chromium is missing at {path}: the browser tests need Debian's chromium " +
                "(scripts/test.sh installs it as root; by hand: apt-get install -y --no-install-recommends chromium).");
        }
    }

    /// <summary>A fresh context (no cookies, no storage) with its guards on, browsing <paramref name="origin"/>.</summary>
    public async Task<BrowserSession> NewSessionAsync(Uri origin)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = origin.ToString(),
            // Service workers would fetch past the context's routes, and so past the origin guard.
            ServiceWorkers = ServiceWorkerPolicy.Block,
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        context.SetDefaultTimeout((float)ActionTimeout.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)NavigationTimeout.TotalMilliseconds);
        var guards = await PageGuards.AttachAsync(context, origin);
        return new BrowserSession(origin, context, await context.NewPageAsync(), guards);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
    }
}
