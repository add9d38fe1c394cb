using System.Text.RegularExpressions;

namespace EduInfo.UnitTests.Deployment;

/// <summary>
/// The images' Containerfiles, read as text (no registry is reachable to build them here: docs/operations.md):
/// multi-stage, bases pinned by version tag or digest, a non-root user, and the entry point of the right assembly.
/// </summary>
public sealed partial class ContainerfileTests
{
    [Theory]
    [InlineData("silo", "src/Silo/EduInfo.Silo.csproj", "EduInfo.Silo.dll")]
    [InlineData("api", "src/Api/EduInfo.Api.csproj", "EduInfo.Api.dll")]
    [InlineData("tools", "src/Tools/EduInfo.Tools.csproj", "eduinfo.dll")]
    public void An_image_is_multi_stage_pinned_non_root_and_runs_its_own_assembly(string image, string project, string assembly)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "EduInfo.sln")))
        {
            root = root.Parent ?? throw new DirectoryNotFoundException("EduInfo.sln not found above the test output.");
        }
        Assert.True(File.Exists(Path.Combine(root.FullName, ".containerignore")), ".containerignore is missing");
        var lines = File.ReadAllLines(Path.Combine(root.FullName, "deploy", "containers", $"{image}.Containerfile"))
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

        var bases = lines.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).Select(l => l.Split(' ')[1]).ToList();
        Assert.True(bases.Count >= 2, $"{image}: not multi-stage");
        Assert.All(bases, b => Assert.True(PinnedBase().IsMatch(b), $"{image}: base {b} is not pinned by version tag or digest"));
        Assert.Contains(lines, l => l.StartsWith("RUN dotnet publish " + project, StringComparison.Ordinal));

        // The final stage: after the last FROM, a numeric non-root user and the entry point of this image's assembly.
        var final = lines.Skip(lines.FindLastIndex(l => l.StartsWith("FROM ", StringComparison.Ordinal))).ToList();
        var user = Assert.Single(final, l => l.StartsWith("USER ", StringComparison.Ordinal));
        Assert.Matches(@"^USER [1-9]\d*(:[1-9]\d*)?$", user);
        Assert.Equal($"ENTRYPOINT [\"dotnet\", \"/app/{assembly}\"]", Assert.Single(final, l => l.StartsWith("ENTRYPOINT", StringComparison.Ordinal)));
    }

    // registry/name:version (a dotted version, never latest), optionally @sha256:digest.
    [GeneratedRegex(@"^[^@\s:]+(/[^@\s:]+)*:\d+(\.\d+)+[\w.-]*(@sha256:[0-9a-f]{64})?$")]
    private static partial Regex PinnedBase();
}
