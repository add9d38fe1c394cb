namespace EduInfo.IntegrationTests.Web.Infrastructure;

/// <summary>
/// Browser test classes share one Chromium and one web host (the tiny demo country) per collection; each test gets a
/// fresh browser context. The classes of a collection run one after another; the two collections run side by side
/// (each with its own host and database), so the browser tests are not the whole run's longest serial path.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>, ICollectionFixture<WebHost>
{
    public const string Name = "Browser";

    /// <summary>The second collection: a class opts in with <c>[Collection(BrowserCollection.Second)]</c> (it overrides the base class's).</summary>
    public const string Second = "Browser, second host";
}

[CollectionDefinition(BrowserCollection.Second)]
public sealed class SecondBrowserCollection : ICollectionFixture<BrowserFixture>, ICollectionFixture<WebHost>;
