using System.Diagnostics;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace EduInfo.UnitTests.Deployment;

/// <summary>
/// Every kustomization renders with kubectl (offline) and its objects carry what docs/operations.md ("Kubernetes")
/// promises: probes, autoscalers, disruption budgets, the migrations Job, hardened pods, the metrics port, pinned
/// images, and NetworkPolicies equal to the table.
/// </summary>
public sealed partial class KubernetesManifestTests
{
    private const string Kubectl = "/usr/bin/kubectl";
    public static TheoryData<string> Kustomizations => new() { "base", "overlays/dev", "overlays/prod" };

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task Deployments_are_autoscaled_budgeted_and_probed_by_meaning(string kustomization)
    {
        var objects = await RenderAsync(kustomization);
        var silo = Single(objects, "Deployment", "eduinfo-silo");
        var api = Single(objects, "Deployment", "eduinfo-api");
        foreach (var deployment in new[] { silo, api })
        {
            var name = Text(deployment, "metadata", "name");
            var hpa = Single(objects, "HorizontalPodAutoscaler", name);
            Assert.Equal(("Deployment", name), (Text(hpa, "spec", "scaleTargetRef", "kind"), Text(hpa, "spec", "scaleTargetRef", "name")));
            var pdb = Single(objects, "PodDisruptionBudget", name);
            Assert.Equal(name, Text(pdb, "spec", "selector", "matchLabels", "app"));
            Assert.NotEmpty(Seq(deployment, "spec", "template", "spec", "topologySpreadConstraints"));
            var container = (YamlMappingNode)Seq(deployment, "spec", "template", "spec", "containers")[0];
            Assert.Equal("/health/ready", Text(container, "startupProbe", "httpGet", "path"));
            Assert.Equal("/health/ready", Text(container, "readinessProbe", "httpGet", "path"));
            Assert.Equal("/health/live", Text(container, "livenessProbe", "httpGet", "path"));
        }
        // Orleans Kubernetes hosting: the labels, the pod's identity and the RBAC to watch pods.
        var siloPod = Map(silo, "spec", "template");
        Assert.Equal("eduinfo", Text(siloPod, "metadata", "labels", "orleans/serviceId"));
        Assert.Equal("eduinfo", Text(siloPod, "metadata", "labels", "orleans/clusterId"));
        Assert.Equal("eduinfo-silo", Text(siloPod, "spec", "serviceAccountName"));
        var siloEnv = Env(objects, (YamlMappingNode)Seq(siloPod, "spec", "containers")[0]);
        Assert.All(new[] { "POD_NAME", "POD_NAMESPACE", "POD_IP" }, v => Assert.Contains(v, siloEnv.Keys));
        Assert.Equal("false", siloEnv["Schema__Migrate"]);
        Assert.Equal("Client", Env(objects, (YamlMappingNode)Seq(api, "spec", "template", "spec", "containers")[0])["Cluster__Role"]);
        Assert.Contains(Seq(Single(objects, "Role", "orleans-hosting"), "rules"), r => Seq((YamlMappingNode)r, "resources").Any(x => x.ToString() == "pods"));
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task A_job_migrates_and_silos_outlast_their_graceful_shutdown(string kustomization)
    {
        var objects = await RenderAsync(kustomization);
        var job = Single(objects, "Job", "eduinfo-migrate");
        var migrate = (YamlMappingNode)Seq(job, "spec", "template", "spec", "containers")[0];
        Assert.Contains("/eduinfo/tools:", Text(migrate, "image"));
        Assert.Equal(["migrate"], Seq(migrate, "args").Select(a => a.ToString()));

        var silo = Single(objects, "Deployment", "eduinfo-silo");
        var shutdown = TimeSpan.Parse(Env(objects, (YamlMappingNode)Seq(silo, "spec", "template", "spec", "containers")[0])["Silo__ShutdownTimeout"],
            System.Globalization.CultureInfo.InvariantCulture);
        var grace = int.Parse(Text(silo, "spec", "template", "spec", "terminationGracePeriodSeconds"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(grace > shutdown.TotalSeconds, $"terminationGracePeriodSeconds {grace} must exceed Silo__ShutdownTimeout {shutdown}");
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task Every_pod_is_hardened_limited_and_pinned(string kustomization)
    {
        var objects = await RenderAsync(kustomization);
        var workloads = objects.Where(o => Text(o, "kind") is "Deployment" or "StatefulSet" or "Job").ToList();
        Assert.True(workloads.Count >= 3, $"{kustomization}: {workloads.Count} workloads");
        foreach (var workload in workloads)
        {
            var what = $"{kustomization} {Text(workload, "kind")}/{Text(workload, "metadata", "name")}";
            var pod = Map(workload, "spec", "template", "spec");
            Assert.True(Text(pod, "securityContext", "runAsNonRoot") == "true", $"{what}: runAsNonRoot");
            Assert.True(Text(pod, "securityContext", "seccompProfile", "type") == "RuntimeDefault", $"{what}: seccomp");
            var emptyDirs = Seq(pod, "volumes").Cast<YamlMappingNode>().Where(v => v.Children.ContainsKey("emptyDir")).Select(v => Text(v, "name")).ToHashSet();
            foreach (var container in Seq(pod, "containers").Cast<YamlMappingNode>())
            {
                Assert.True(Text(container, "securityContext", "allowPrivilegeEscalation") == "false", $"{what}: privilege escalation");
                Assert.True(Text(container, "securityContext", "readOnlyRootFilesystem") == "true", $"{what}: read-only root");
                Assert.Equal(["ALL"], Seq(container, "securityContext", "capabilities", "drop").Select(c => c.ToString()));
                Assert.Contains(Seq(container, "volumeMounts").Cast<YamlMappingNode>(), m => Text(m, "mountPath") == "/tmp" && emptyDirs.Contains(Text(m, "name")));
                foreach (var (section, resource) in new[] { ("requests", "cpu"), ("requests", "memory"), ("limits", "cpu"), ("limits", "memory") })
                {
                    Assert.False(string.IsNullOrEmpty(Text(container, "resources", section, resource)), $"{what}: resources.{section}.{resource}");
                }
                var image = Text(container, "image");
                Assert.True(PinnedImage().IsMatch(image), $"{what}: image {image} is not pinned by version tag or digest");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task Silos_and_the_Api_are_scraped_on_the_metrics_port(string kustomization)
    {
        var objects = await RenderAsync(kustomization);
        foreach (var name in new[] { "eduinfo-silo", "eduinfo-api" })
        {
            var template = Map(Single(objects, "Deployment", name), "spec", "template");
            Assert.Equal(("true", "9464", "/metrics"), (Text(template, "metadata", "annotations", "prometheus.io/scrape"),
                Text(template, "metadata", "annotations", "prometheus.io/port"), Text(template, "metadata", "annotations", "prometheus.io/path")));
            var container = (YamlMappingNode)Seq(template, "spec", "containers")[0];
            Assert.Contains(Seq(container, "ports").Cast<YamlMappingNode>(), p => Text(p, "name") == "metrics" && Text(p, "containerPort") == "9464");
            var args = Seq(container, "args").Select(a => a.ToString()).ToList();
            Assert.Contains("--urls", args);
            Assert.Contains("http://0.0.0.0:9464", args[args.IndexOf("--urls") + 1].Split(';'));
            Assert.Equal("9464", Env(objects, container)["Telemetry__MetricsPort"]);
            // ops/prometheus/prometheus.yml finds the pods through a headless Service named in its job of the same name.
            var service = Single(objects, "Service", $"{name}-metrics");
            Assert.Equal(("None", name), (Text(service, "spec", "clusterIP"), Text(service, "spec", "selector", "app")));
            var port = (YamlMappingNode)Seq(service, "spec", "ports")[0];
            Assert.Equal(("9464", "metrics"), (Text(port, "port"), Text(port, "targetPort")));
            Assert.Matches($@"- job_name: {name}\s+dns_sd_configs:\s+- names: \[{name}-metrics\.{Text(service, "metadata", "namespace")}\.svc\.cluster\.local\]\s+type: A\s+port: 9464",
                File.ReadAllText(Path.Combine(Root(), "ops", "prometheus", "prometheus.yml")));
        }
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task Network_policies_are_the_table_of_the_operations_guide(string kustomization)
    {
        var objects = await RenderAsync(kustomization);
        var rendered = objects.Where(o => Text(o, "kind") == "NetworkPolicy").SelectMany(PolicyRows).Order(StringComparer.Ordinal).ToList();
        var overlay = kustomization.Split('/')[^1];
        var documented = File.ReadAllLines(Path.Combine(Root(), "docs", "operations.md"))
            .SkipWhile(l => !l.StartsWith("| policy | pods | direction | peer | ports | overlays |", StringComparison.Ordinal)).Skip(2)
            .TakeWhile(l => l.StartsWith('|'))
            .Select(l => l.Trim('|').Split('|').Select(c => c.Trim()).ToArray())
            .Where(c => c[5] == "all" || c[5] == overlay)
            .Select(c => string.Join(" | ", c[..5])).Order(StringComparer.Ordinal).ToList();
        Assert.True(documented.Count >= 10, $"the table in docs/operations.md has {documented.Count} rows for {overlay}");
        Assert.Equal(documented, rendered);
    }

    /// <summary>One row per policy, direction and peer, spelled as the table spells it.</summary>
    private static IEnumerable<string> PolicyRows(YamlMappingNode policy)
    {
        var name = Text(policy, "metadata", "name");
        var pods = Selector(Map(policy, "spec", "podSelector")) is { Length: > 0 } s ? s : "all";
        foreach (var type in Seq(policy, "spec", "policyTypes").Select(t => t.ToString()))
        {
            var (direction, peers) = type == "Ingress" ? ("ingress", "from") : ("egress", "to");
            var rules = Seq(policy, "spec", direction);
            if (rules.Count == 0)
            {
                yield return $"{name} | {pods} | {direction} | none | —";
            }
            foreach (var rule in rules.Cast<YamlMappingNode>())
            {
                var ports = string.Join(", ", Seq(rule, "ports").Cast<YamlMappingNode>().Select(p => $"{Text(p, "protocol")} {Text(p, "port")}"));
                var peerList = Seq(rule, peers);
                foreach (var peer in peerList.Count == 0 ? ["any"] : peerList.Cast<YamlMappingNode>().Select(Peer))
                {
                    yield return $"{name} | {pods} | {direction} | {peer} | {ports}";
                }
            }
        }
    }

    private static string Peer(YamlMappingNode peer)
    {
        var parts = new List<string>();
        if (peer.Children.ContainsKey("ipBlock"))
        {
            parts.Add($"cidr {Text(peer, "ipBlock", "cidr")}");
        }
        if (peer.Children.ContainsKey("namespaceSelector"))
        {
            var labels = Map(peer, "namespaceSelector", "matchLabels");
            parts.Add("namespace " + (labels.Children.Count == 1 && Text(labels, "kubernetes.io/metadata.name") is { Length: > 0 } ns
                ? ns
                : Selector(Map(peer, "namespaceSelector"))));
        }
        if (peer.Children.ContainsKey("podSelector"))
        {
            parts.Add("pods " + Selector(Map(peer, "podSelector")));
        }
        return string.Join(", ", parts);
    }

    private static string Selector(YamlMappingNode selector)
    {
        Assert.False(selector.Children.ContainsKey("matchExpressions"), "the table spells matchLabels only");
        return string.Join(", ", Map(selector, "matchLabels").Children.Select(c => $"{c.Key}={c.Value}"));
    }

    /// <summary>A container's environment, the ConfigMaps it takes in (envFrom) included.</summary>
    private static Dictionary<string, string> Env(IReadOnlyList<YamlMappingNode> objects, YamlMappingNode container)
    {
        var env = new Dictionary<string, string>();
        foreach (var from in Seq(container, "envFrom").Cast<YamlMappingNode>())
        {
            foreach (var (key, value) in Map(Single(objects, "ConfigMap", Text(from, "configMapRef", "name")), "data").Children)
            {
                env[key.ToString()] = value.ToString();
            }
        }
        foreach (var variable in Seq(container, "env").Cast<YamlMappingNode>())
        {
            env[Text(variable, "name")] = Text(variable, "value");
        }
        return env;
    }

    private static YamlMappingNode Single(IReadOnlyList<YamlMappingNode> objects, string kind, string name) =>
        Assert.Single(objects, o => Text(o, "kind") == kind && Text(o, "metadata", "name") == name);

    private static YamlMappingNode Map(YamlMappingNode node, params string[] path) =>
        Node(node, path) as YamlMappingNode ?? new YamlMappingNode();

    private static List<YamlNode> Seq(YamlMappingNode node, params string[] path) =>
        Node(node, path) is YamlSequenceNode s ? s.Children.ToList() : [];

    private static string Text(YamlMappingNode node, params string[] path) =>
        Node(node, path) is YamlScalarNode s ? s.Value ?? "" : "";

    private static YamlNode? Node(YamlMappingNode node, string[] path)
    {
        YamlNode? current = node;
        foreach (var key in path)
        {
            current = current is YamlMappingNode m && m.Children.TryGetValue(new YamlScalarNode(key), out var next) ? next : null;
        }
        return current;
    }

    /// <summary>kubectl kustomize of one kustomization; no kubectl is a failure, never a skip (scripts/test.sh installs it).</summary>
    private static async Task<IReadOnlyList<YamlMappingNode>> RenderAsync(string kustomization)
    {
        Assert.True(File.Exists(Kubectl), $"{Kubectl} is missing: the Kubernetes manifests cannot be rendered (scripts/test.sh installs kubectl as root)");
        var start = new ProcessStartInfo(Kubectl, ["kustomize", Path.Combine(Root(), "k8s", kustomization)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var kubectl = Process.Start(start)!;
        var output = kubectl.StandardOutput.ReadToEndAsync();
        var errors = await kubectl.StandardError.ReadToEndAsync();
        await kubectl.WaitForExitAsync();
        Assert.True(kubectl.ExitCode == 0, errors);
        var stream = new YamlStream();
        stream.Load(new StringReader(await output));
        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode).ToList();
    }

    private static string Root()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "EduInfo.sln")))
        {
            root = root.Parent ?? throw new DirectoryNotFoundException("EduInfo.sln not found above the test output.");
        }
        return root.FullName;
    }

    // name:version (a dotted version, never latest) or name@sha256:digest.
    [GeneratedRegex(@"^[^@\s]+(:\d+(\.\d+)+[\w.-]*|@sha256:[0-9a-f]{64})$")]
    private static partial Regex PinnedImage();
}
