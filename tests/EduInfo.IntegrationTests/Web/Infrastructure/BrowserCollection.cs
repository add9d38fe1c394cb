namespace EduInfo.IntegrationTests.Web.Infrastructure;

/// <summary>
/// Every browser test class shares one Chromium and one web host (the tiny demo country); each test gets a fresh
/// browser context. The classes of the collection run one after another.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>, ICollectionFixture<WebHost>
{
    public const string Name = "Browser";
}
