using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EduInfo.UnitTests.Deployment;

/// <summary>
/// Issue 25, alerting: the Prometheus rules are valid (<c>promtool check rules</c>), every alert fires on the series
/// that should raise it and stays quiet on its healthy neighbour (<c>promtool test rules</c>), and the Grafana dashboard
/// reads only recorded series that the rules define. promtool comes from Debian's <c>prometheus</c> package, which the
/// test command installs; without it these tests fail, they are not skipped.
/// </summary>
public sealed class AlertRulesTests
{
    private static readonly string Rules = Path.Combine(Root(), "ops", "prometheus", "eduinfo.rules.yml");
    private static readonly string RuleTests = Path.Combine(Root(), "ops", "prometheus", "eduinfo.rules.test.yml");
    private static readonly string Dashboard = Path.Combine(Root(), "ops", "grafana", "eduinfo-operations.json");
    private static readonly string ScrapeConfig = Path.Combine(Root(), "ops", "prometheus", "prometheus.yml");

    [Fact]
    public async Task The_rules_pass_promtool_check()
    {
        var (exit, output) = await PromtoolAsync("check", "rules", Rules);
        Assert.True(exit == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_alert_passes_its_promtool_unit_tests()
    {
        var (exit, output) = await PromtoolAsync("test", "rules", RuleTests);
        Assert.True(exit == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_scrape_config_is_valid_loads_the_rules_and_names_every_job_the_rules_select()
    {
        var (exit, output) = await PromtoolAsync("check", "config", ScrapeConfig);
        Assert.True(exit == 0, output);
        Assert.Contains("SUCCESS: 1 rule files found", output, StringComparison.Ordinal);
        var jobs = Regex.Matches(File.ReadAllText(ScrapeConfig), @"- job_name: (\S+)").Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var selected = Regex.Matches(File.ReadAllText(Rules) + File.ReadAllText(Dashboard), @"job=\\?""(?<job>[a-z-]+)\\?""").Select(m => m.Groups["job"].Value).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(selected);
        Assert.Subset(jobs, selected);
    }

    [Theory]
    [InlineData("EduInfoFreshnessSlow")]
    [InlineData("EduInfoWritesShed")]
    [InlineData("EduInfoSiloDown")]
    [InlineData("EduInfoSiloOutOfCluster")]
    [InlineData("EduInfoJournalWriteErrors")]
    [InlineData("EduInfoOverdueDecisions")]
    public void The_alert_the_issue_asks_for_exists_and_is_tested_both_ways(string alert)
    {
        Assert.Contains($"- alert: {alert}\n", File.ReadAllText(Rules), StringComparison.Ordinal);
        var tests = Regex.Matches(File.ReadAllText(RuleTests), $@"alertname: {alert}\s+exp_alerts:(?<expected>\s*\[\]|\s*\n\s+- exp_labels)");
        Assert.Contains(tests, t => t.Groups["expected"].Value.Contains("[]", StringComparison.Ordinal));
        Assert.Contains(tests, t => t.Groups["expected"].Value.Contains("exp_labels", StringComparison.Ordinal));
    }

    [Fact]
    public void The_dashboard_reads_only_series_the_rules_record_and_every_panel_has_a_query()
    {
        var recorded = Regex.Matches(File.ReadAllText(Rules), @"- record: (\S+)").Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Dashboard));
        var panels = dashboard.RootElement.GetProperty("panels").EnumerateArray().Where(p => p.GetProperty("type").GetString() != "row").ToList();
        Assert.True(panels.Count >= 12, $"{panels.Count} panels");
        foreach (var panel in panels)
        {
            var expressions = panel.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("expr").GetString()!).ToList();
            Assert.NotEmpty(expressions);
            foreach (var name in expressions.SelectMany(e => Regex.Matches(e, @"\b[a-z_]+:[a-z0-9_:]+\b").Select(m => m.Value)))
            {
                Assert.True(recorded.Contains(name), $"panel '{panel.GetProperty("title").GetString()}' reads {name}, which no rule records");
            }
        }
    }

    private static async Task<(int Exit, string Output)> PromtoolAsync(params string[] arguments)
    {
        Assert.True(File.Exists("/usr/bin/promtool"), "promtool is missing: apt-get install prometheus (scripts/test.sh does it when run as root)");
        var start = new ProcessStartInfo("/usr/bin/promtool", arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var promtool = Process.Start(start)!;
        var output = promtool.StandardOutput.ReadToEndAsync();
        var errors = promtool.StandardError.ReadToEndAsync();
        await promtool.WaitForExitAsync();
        return (promtool.ExitCode, await output + await errors);
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
}
