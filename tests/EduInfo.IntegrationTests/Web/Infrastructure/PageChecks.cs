using Microsoft.Playwright;
using Xunit.Abstractions;

namespace EduInfo.IntegrationTests.Web.Infrastructure;

/// <summary>What every page of ours is checked for, and the readings the page tests compare.</summary>
public static class PageChecks
{
    public static readonly string[] ScreenshotLanguages = ["kk", "ru"];

    /// <summary>axe on the page as it stands, then (with EDUINFO_SCREENSHOTS=1) its screenshots in kk and ru at both sizes.</summary>
    public static async Task CheckPageAsync(this BrowserSession session, string name, ITestOutputHelper output)
    {
        await session.Page.AssertAccessibleAsync(output);
        if (!Screenshots.Enabled)
        {
            return;
        }
        var path = new Uri(session.Page.Url).AbsolutePath;
        var status = await session.StatusAsync();
        foreach (var lang in ScreenshotLanguages)
        {
            await session.OpenAsync($"{path}?lang={lang}", status);
            await Screenshots.TakeAsync(session.Page, name, lang);
        }
    }

    /// <summary>The status the current document answered (a 403 or 404 page is reopened with the same expectation).</summary>
    public static async Task<int> StatusAsync(this BrowserSession session) =>
        await session.Page.EvaluateAsync<int>("() => performance.getEntriesByType('navigation')[0]?.responseStatus ?? 200");

    /// <summary>
    /// Every text a reader meets, outside the language switch (whose links are each in their own language): text
    /// nodes, accessible names, placeholders, alternative texts and the title, whitespace collapsed.
    /// </summary>
    public static async Task<IReadOnlyList<string>> TextsAsync(this IPage page) =>
        await page.EvaluateAsync<string[]>("""
            () => {
              const texts = [document.title];
              const skip = 'script,style,template,noscript,nav.languages';
              const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
              for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                if (n.parentElement && !n.parentElement.closest(skip)) texts.push(n.textContent);
              }
              for (const el of document.body.querySelectorAll('[aria-label],[placeholder],[title],img[alt],input[value]:not([type=hidden]):not([type=text]):not([type=password])')) {
                if (el.closest(skip)) continue;
                for (const a of ['aria-label', 'placeholder', 'title', 'alt']) if (el.getAttribute(a)) texts.push(el.getAttribute(a));
                if (el.tagName === 'INPUT' && el.value) texts.push(el.value);
              }
              return texts.map(t => t.replace(/\s+/g, ' ').trim()).filter(t => t.length > 0);
            }
            """);

    /// <summary>From the top of the page, the first Tab reaches a skip link to the main content.</summary>
    public static async Task AssertSkipLinkFirstAsync(this IPage page)
    {
        await page.EvaluateAsync("() => { document.activeElement?.blur(); window.scrollTo(0, 0); }");
        await page.Keyboard.PressAsync("Tab");
        var focused = await page.EvaluateAsync<string>("() => document.activeElement?.getAttribute('href') ?? document.activeElement?.tagName ?? ''");
        Assert.True(focused == "#main", $"the first Tab on {page.Url} reached '{focused}', not a skip link to #main");
        Assert.Equal(1, await page.Locator("main#main").CountAsync());
    }
}
