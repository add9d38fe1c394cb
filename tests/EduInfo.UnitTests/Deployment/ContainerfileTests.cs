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
        var root = RepositoryRoot();
        Assert.True(File.Exists(Path.Combine(root.FullName, ".containerignore")), ".containerignore is missing");
        var lines = Instructions(Path.Combine(root.FullName, "deploy", "containers", $"{image}.Containerfile"));

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

    /// <summary>
    /// The images built without a registry (scripts/build-images.sh): one stage on the debootstrapped Debian base, whose
    /// tag is pinned (Debian point release and build date) as the default of the BASE_IMAGE argument, the host's
    /// self-contained publish copied in, the non-root user 1654 that the script adds to the base, and the app host as the
    /// entry point.
    /// </summary>
    [Theory]
    [InlineData("silo", "src/Silo/EduInfo.Silo.csproj", "EduInfo.Silo")]
    [InlineData("api", "src/Api/EduInfo.Api.csproj", "EduInfo.Api")]
    [InlineData("tools", "src/Tools/EduInfo.Tools.csproj", "eduinfo")]
    public void An_offline_image_is_pinned_non_root_and_runs_its_own_self_contained_app(string image, string project, string apphost)
    {
        var root = RepositoryRoot();
        var lines = Instructions(Path.Combine(root.FullName, "deploy", "containers", "offline", $"{image}.Containerfile"));

        var arg = Assert.Single(lines, l => l.StartsWith("ARG ", StringComparison.Ordinal));
        var defaultBase = Assert.Single(BaseArgument().Matches(arg)).Groups[1].Value;
        Assert.StartsWith("localhost/eduinfo/debian-base:", defaultBase, StringComparison.Ordinal);
        Assert.True(PinnedBase().IsMatch(defaultBase), $"{image}: base {defaultBase} is not pinned by version tag or digest");
        Assert.Equal("FROM ${BASE_IMAGE}", Assert.Single(lines, l => l.StartsWith("FROM ", StringComparison.Ordinal)));
        Assert.True(lines.IndexOf(arg) < lines.FindIndex(l => l.StartsWith("FROM ", StringComparison.Ordinal)), $"{image}: ARG after FROM");

        Assert.Contains("COPY . /app", lines);
        Assert.Equal("USER 1654:1654", Assert.Single(lines, l => l.StartsWith("USER ", StringComparison.Ordinal)));
        Assert.Equal($"ENTRYPOINT [\"/app/{apphost}\"]", Assert.Single(lines, l => l.StartsWith("ENTRYPOINT", StringComparison.Ordinal)));
        Assert.True(lines.FindIndex(l => l.StartsWith("USER ", StringComparison.Ordinal)) > lines.IndexOf("COPY . /app"),
            $"{image}: the publish is copied after USER (it would be owned by the app user)");

        // The script that builds it: a self-contained publish of this project, and the base's user with that uid.
        var script = File.ReadAllText(Path.Combine(root.FullName, "scripts", "build-images.sh"));
        Assert.Contains($"{image}) project={project}", script, StringComparison.Ordinal);
        Assert.Contains("-r linux-x64 --self-contained", script, StringComparison.Ordinal);
        Assert.Contains("--uid 1654 --gid 1654", script, StringComparison.Ordinal);
        Assert.Contains("deploy/containers/offline/$name.Containerfile", script, StringComparison.Ordinal);
    }

    private static DirectoryInfo RepositoryRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "EduInfo.sln")))
        {
            root = root.Parent ?? throw new DirectoryNotFoundException("EduInfo.sln not found above the test output.");
        }
        return root;
    }

    // The instructions of a Containerfile: trimmed, without blank lines and comments.
    private static List<string> Instructions(string path) =>
        File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

    [GeneratedRegex(@"^ARG BASE_IMAGE=(\S+)$")]
    private static partial Regex BaseArgument();

    // registry/name:version (a dotted version, never latest), optionally @sha256:digest.
    [GeneratedRegex(@"^[^@\s:]+(/[^@\s:]+)*:\d+(\.\d+)+[\w.-]*(@sha256:[0-9a-f]{64})?$")]
    private static partial Regex PinnedBase();
}
