using Microsoft.Playwright;

namespace EduInfo.IntegrationTests.Web.Infrastructure;

/// <summary>
/// Full-page screenshots at phone (360×780) and desktop (1920×1080) size, only when EDUINFO_SCREENSHOTS=1, into
/// artifacts/screenshots/&lt;page&gt;-&lt;lang&gt;-&lt;phone|desktop&gt;.png under the repository root (git-ignored).
/// </summary>
public static class Screenshots
{
    private static readonly (string Name, int Width, int Height)[] Sizes = [("phone", 360, 780), ("desktop", 1920, 1080)];

    public static bool Enabled => Environment.GetEnvironmentVariable("EDUINFO_SCREENSHOTS") == "1";

    public static string Folder => Path.Combine(RepositoryRoot(), "artifacts", "screenshots");

    /// <summary>Takes the page as it stands at both sizes, then puts its viewport back.</summary>
    public static Task TakeAsync(IPage page, string name, string lang) =>
        Enabled ? TakeAsync(page, name, lang, Folder) : Task.CompletedTask;

    /// <summary>Takes the page into <paramref name="folder"/>, whatever EDUINFO_SCREENSHOTS says.</summary>
    public static async Task TakeAsync(IPage page, string name, string lang, string folder)
    {
        Directory.CreateDirectory(folder);
        var original = page.ViewportSize;
        foreach (var (size, width, height) in Sizes)
        {
            await page.SetViewportSizeAsync(width, height);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}-{lang}-{size}.png"), FullPage = true });
        }
        if (original is not null)
        {
            await page.SetViewportSizeAsync(original.Width, original.Height);
        }
    }

    /// <summary>The folder holding EduInfo.sln, found by walking up from the test assembly.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EduInfo.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("EduInfo.sln not found above " + AppContext.BaseDirectory);
    }
}
