using System.Text.Json;
using System.Text.RegularExpressions;
using EduInfo.IntegrationTests.Web.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace EduInfo.IntegrationTests.Web;

/// <summary>
/// The API reference (Scalar, served by the Api) in a real browser, with the guards on: nothing it loads or sends leaves
/// the system and it breaks no Content-Security-Policy. No axe scan here: the page is the vendor's markup, not ours.
/// </summary>
public sealed class ApiReferencePageTests(BrowserFixture browser, WebHost web, ITestOutputHelper output) : BrowserTest(browser, web, output)
{
    // The vendor's cloud features, which would send the document or the visitor elsewhere.
    private static readonly string[] CloudFeatures = ["Ask AI", "Deploy", "Generate SDK", "Open in"];

    [Fact]
    public async Task The_reference_shows_every_operation_of_the_API_and_none_of_the_vendors_cloud_features()
    {
        var (tags, summaries) = await OperationsAsync();

        await Session.OpenAsync("/api/reference");
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "EduInfo API" })).ToBeVisibleAsync();
        var closedGroups = Page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Open Group - ") });
        while (await closedGroups.CountAsync() > 0)
        {
            await closedGroups.First.ClickAsync();
        }

        var shown = await Page.InnerTextAsync("body");
        var everything = await Page.EvaluateAsync<string>("() => document.documentElement.textContent");
        Assert.All(tags, tag => Assert.Contains(tag, shown));
        Assert.All(summaries, summary => Assert.Contains(summary, shown));
        Assert.All(CloudFeatures, feature => Assert.DoesNotContain(feature, shown));
        Assert.All(CloudFeatures, feature => Assert.DoesNotContain(feature, everything));
        Output.WriteLine($"{tags.Count} tags and {summaries.Count} operations shown");
    }

    private async Task<(IReadOnlyList<string> Tags, IReadOnlyList<string> Summaries)> OperationsAsync()
    {
        using var document = JsonDocument.Parse(await Web.Http.GetStringAsync("/openapi/v1.json"));
        var operations = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject())
            .Where(op => op.Value.ValueKind == JsonValueKind.Object && op.Value.TryGetProperty("operationId", out _))
            .Select(op => op.Value)
            .ToList();
        var tags = operations.SelectMany(op => op.TryGetProperty("tags", out var t) ? t.EnumerateArray().Select(x => x.GetString()!) : []).Distinct().ToList();
        var summaries = operations.Select(op => op.GetProperty("summary").GetString()!).ToList();
        Assert.True(summaries.Count >= 20, $"only {summaries.Count} operations in the OpenAPI document");
        return (tags, summaries);
    }
}
