using System.Diagnostics;

namespace EduInfo.UnitTests.Deployment;

/// <summary>The Kubernetes manifests render with kubectl (offline) and carry what Orleans Kubernetes hosting needs.</summary>
public sealed class KustomizeTests
{
    [Fact]
    public async Task The_base_renders_with_silos_labelled_for_Orleans_hosting()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "EduInfo.sln")))
        {
            root = root.Parent ?? throw new DirectoryNotFoundException("EduInfo.sln not found above the test output.");
        }
        var start = new ProcessStartInfo("kubectl", ["kustomize", Path.Combine(root.FullName, "k8s", "base")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var kubectl = Process.Start(start)!;
        var output = await kubectl.StandardOutput.ReadToEndAsync();
        var errors = await kubectl.StandardError.ReadToEndAsync();
        await kubectl.WaitForExitAsync();
        Assert.True(kubectl.ExitCode == 0, errors);

        var documents = output.Split("\n---\n");
        var silo = Assert.Single(documents, d => d.Contains("kind: Deployment") && d.Contains("name: eduinfo-silo\n"));
        foreach (var required in new[] { "orleans/serviceId: eduinfo", "orleans/clusterId: eduinfo", "POD_NAME", "POD_NAMESPACE", "POD_IP",
                                         "serviceAccountName: eduinfo-silo", "secretKeyRef", "/health/live" })
        {
            Assert.Contains(required, silo);
        }
        var api = Assert.Single(documents, d => d.Contains("kind: Deployment") && d.Contains("name: eduinfo-api\n"));
        Assert.Contains("/health/ready", api);
        Assert.Contains("value: Client", api);
        Assert.Single(documents, d => d.Contains("kind: Role\n") && d.Contains("- pods"));
    }
}
