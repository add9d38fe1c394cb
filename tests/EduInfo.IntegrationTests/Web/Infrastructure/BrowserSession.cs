using Microsoft.Playwright;

namespace EduInfo.IntegrationTests.Web.Infrastructure;

/// <summary>One test's browser context and page on the system's origin, with the guards that fail the test.</summary>
public sealed class BrowserSession(Uri origin, IBrowserContext context, IPage page, PageGuards guards) : IAsyncDisposable
{
    public Uri Origin { get; } = origin;
    public IBrowserContext Context { get; } = context;
    public IPage Page { get; } = page;
    public PageGuards Guards { get; } = guards;

    /// <summary>Opens <paramref name="path"/> (relative to the origin), checks the document's status, waits until the
    /// network is idle and checks that no guard was broken on the way.</summary>
    public async Task<IResponse> OpenAsync(string path, int status = 200)
    {
        var url = new Uri(Origin, path).ToString();
        if (status >= 400)
        {
            Guards.ExpectDocumentStatus(url, status);
        }
        var response = await Page.GotoAsync(url) ?? throw new InvalidOperationException($"No response for {path}");
        Assert.True(response.Status == status, $"GET {path} answered {response.Status}, expected {status}");
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Guards.AssertClean();
        return response;
    }

    /// <summary>Closes the context, then fails if any guard was broken (events of the last page included).</summary>
    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        Guards.AssertClean();
    }
}
