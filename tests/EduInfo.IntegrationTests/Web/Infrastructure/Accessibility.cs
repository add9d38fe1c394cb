using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace EduInfo.IntegrationTests.Web.Infrastructure;

/// <summary>axe-core (Deque.AxeCore.Playwright) on the page as it stands: every violation is printed, a serious or
/// critical one fails the test with its rule id and the elements it found.</summary>
public static class Accessibility
{
    private static readonly string[] Failing = ["serious", "critical"];

    // Only violations are read: axe then details no passing or inapplicable node, and a dashboard's check takes
    // about a second instead of two to five (every rule still runs).
    private static readonly AxeRunOptions ViolationsOnly = new() { ResultTypes = [ResultType.Violations] };

    public static async Task AssertAccessibleAsync(this IPage page, ITestOutputHelper output)
    {
        var result = await page.RunAxe(ViolationsOnly);
        var lines = result.Violations
            .Select(v => (v.Impact, Line: $"{v.Impact} {v.Id} ({v.Help}) at {string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))}"))
            .ToList();
        foreach (var (_, line) in lines)
        {
            output.WriteLine($"axe {page.Url}: {line}");
        }
        var failing = lines.Where(l => Failing.Contains(l.Impact)).Select(l => l.Line).ToList();
        Assert.True(failing.Count == 0, $"axe found {failing.Count} serious or critical violation(s) on {page.Url}:\n  " + string.Join("\n  ", failing));
    }
}
