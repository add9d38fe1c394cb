using System.Text.Json;
using EduInfo.Api.Hosting;
using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.IntegrationTests.Security;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EduInfo.IntegrationTests.Api;

/// <summary>The Api with the Orleans dashboard switched on (OrleansDashboard:Enabled), its co-hosted silo with it.</summary>
public sealed class OrleansDashboardApiHost : ApiHost
{
    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["OrleansDashboard:Enabled"] = "true";
        settings["RateLimits:LoginsPerAddressPerMinute"] = "0";
    }
}

/// <summary>
/// The Orleans dashboard (issue 25, item 3) when switched on: every route of it answers the authorization matrix's callers
/// as <see cref="AuthorizationMatrixTests.OrleansDashboardExpected"/> says (signed out: to the sign-in page; operators only;
/// grain state and the log stream withheld), through the browser's session as through the development header; its data
/// names the cluster's silo; and hostile addresses under it are refused without a 5xx.
/// </summary>
public sealed class OrleansDashboardTests(OrleansDashboardApiHost api) : IClassFixture<OrleansDashboardApiHost>
{
    private const string Operator = "user=operator; roles=operator@KZ";

    [Fact]
    public void Every_route_of_the_dashboard_has_a_row_and_is_under_its_path()
    {
        var routes = AuthorizationMatrixTests.Endpoints(api.Services).Where(e => e.Contains(OrleansDashboardEndpoints.Path, StringComparison.Ordinal)).Order();
        Assert.Equal(AuthorizationMatrixTests.OrleansDashboardExpected.Keys.Order(), routes);
        Assert.All(AuthorizationMatrixTests.OrleansDashboardExpected.Values, row => Assert.Equal(AuthorizationMatrixTests.Callers.Length, row.Length));
        // The silo records calls for it: the overhead docs/benchmarks.md measures.
        Assert.Contains(api.Services.GetServices<IIncomingGrainCallFilter>(), IsDashboards);
    }

    [Fact]
    public async Task Every_route_answers_every_caller_as_the_table_says()
    {
        var target = new AuthorizationScenario(api, (_, _, _) => { }).Target();
        var silo = await SiloAddressAsync();
        var failures = new List<string>();
        foreach (var (endpoint, statuses) in AuthorizationMatrixTests.OrleansDashboardExpected)
        {
            var path = PathOf(endpoint, silo);
            for (var i = 0; i < AuthorizationMatrixTests.Callers.Length; i++)
            {
                var caller = AuthorizationMatrixTests.Callers[i];
                var (status, location, _) = await GetAsync(path, AuthorizationScenario.Header(caller, target));
                if (status != statuses[i])
                {
                    failures.Add($"{endpoint} as {caller}: expected {statuses[i]}, got {status}");
                }
                if (status == 302 && location?.StartsWith("/signin?returnUrl=", StringComparison.Ordinal) != true)
                {
                    failures.Add($"{endpoint} as {caller}: sent to {location}, not to sign in");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task An_operator_signed_in_in_the_browser_reads_the_cluster_and_a_teacher_is_refused()
    {
        using var anonymous = new BrowserClient(api);
        var signedOut = await anonymous.SendAsync(HttpMethod.Get, OrleansDashboardEndpoints.Path + "/");
        Assert.Equal(302, signedOut.Status);
        Assert.Equal("/signin?returnUrl=%2Fops%2Forleans%2F", signedOut.Location);

        using var operatorBrowser = new BrowserClient(api);
        Assert.Equal(303, (await operatorBrowser.SignInAsync("operator", "demo-operator")).Status);
        var page = await operatorBrowser.SendAsync(HttpMethod.Get, OrleansDashboardEndpoints.Path + "/");
        Assert.Equal(200, page.Status);
        Assert.Contains("index.min.js", page.Body, StringComparison.Ordinal);
        // The page's scripts and styles are its own files: the strict Content-Security-Policy of every page stays.
        Assert.Contains("script-src 'self'", page.Header("Content-Security-Policy"), StringComparison.Ordinal);
        var counters = await operatorBrowser.SendAsync(HttpMethod.Get, OrleansDashboardEndpoints.Path + "/DashboardCounters");
        Assert.Equal(200, counters.Status);
        var hosts = counters.Json.GetProperty("hosts").EnumerateArray().ToList();
        var host = Assert.Single(hosts);
        Assert.Equal("Active", host.GetProperty("status").GetString());
        Assert.Equal(1, counters.Json.GetProperty("totalActiveHostCount").GetInt32());

        using var teacher = new BrowserClient(api);
        Assert.Equal(303, (await teacher.SignInAsync(api.Registry.InClass(0).TeacherId, "demo-teacher")).Status);
        Assert.Equal(403, (await teacher.SendAsync(HttpMethod.Get, OrleansDashboardEndpoints.Path + "/DashboardCounters")).Status);
        Assert.Equal(403, (await teacher.SendAsync(HttpMethod.Get, OrleansDashboardEndpoints.Path + "/")).Status);
    }

    public static TheoryData<string, int> HostileRequests() => new()
    {
        // A grain's state is never read through the dashboard, whatever grain is named.
        { "/GrainState?grainId=KZ&grainType=EduInfo.Grains.Summaries.NodeSummaryGrain", 404 },
        { "/GrainState?grainId=%00&grainType=System.Object", 404 },
        { "/GRAINSTATE?grainId=x&grainType=y", 404 },
        { "/Trace", 404 },
        // Out of the dashboard's embedded files: nothing of the host's disk is served.
        { "/fonts/..%2F..%2Fappsettings.json", 404 },
        { "/img/%2e%2e/%2e%2e/EduInfo.Api.dll", 404 },
        { "/fonts/nothing.woff2", 404 },
        // Pages of reminders out of range: an empty page, or no route (not an int).
        { "/Reminders/-1", 200 },
        { "/Reminders/99999999999", 404 },
    };

    [Theory]
    [MemberData(nameof(HostileRequests))]
    public async Task A_hostile_address_is_refused_or_answered_without_a_server_error(string path, int expected)
    {
        var (status, _, body) = await GetAsync(OrleansDashboardEndpoints.Path + path, Operator);
        Assert.True(status < 500, $"{path}: {status} {body}");
        Assert.Equal(expected, status);
        Assert.DoesNotContain("ConnectionStrings", body, StringComparison.Ordinal);
    }

    /// <summary>The dashboard's profiler, a filter on every incoming grain call.</summary>
    internal static bool IsDashboards(IIncomingGrainCallFilter filter) =>
        filter.GetType().Namespace?.StartsWith("Orleans.Dashboard", StringComparison.Ordinal) == true;

    private async Task<string> SiloAddressAsync()
    {
        var (status, _, body) = await GetAsync(OrleansDashboardEndpoints.Path + "/DashboardCounters", Operator);
        Assert.Equal(200, status);
        return JsonDocument.Parse(body).RootElement.GetProperty("hosts")[0].GetProperty("siloAddress").GetString()!;
    }

    /// <summary>A request for the route: its catch-all takes the co-hosted silo's address (or a grain type), a page number 1.</summary>
    private static string PathOf(string endpoint, string silo) => endpoint[(endpoint.IndexOf(' ') + 1)..] switch
    {
        var r when r.EndsWith("/fonts/{**path}", StringComparison.Ordinal) => r.Replace("{**path}", "fa-solid-900.woff2", StringComparison.Ordinal),
        var r when r.EndsWith("/img/{**path}", StringComparison.Ordinal) => r.Replace("{**path}", "OrleansLogo.png", StringComparison.Ordinal),
        var r when r.EndsWith("{page:int}", StringComparison.Ordinal) => r.Replace("{page:int}", "1", StringComparison.Ordinal),
        var r when r.EndsWith("{*grainName}", StringComparison.Ordinal) => r.Replace("{*grainName}", "EduInfo.Grains.Summaries.NodeSummaryGrain", StringComparison.Ordinal),
        var r when r.Contains("{*", StringComparison.Ordinal) => r[..r.IndexOf("{*", StringComparison.Ordinal)] + silo,
        var r when r.EndsWith("/GrainState", StringComparison.Ordinal) => r + "?grainId=KZ&grainType=EduInfo.Grains.Summaries.NodeSummaryGrain",
        var r => r,
    };

    private async Task<(int Status, string? Location, string Body)> GetAsync(string path, string? actor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (actor is not null)
        {
            request.Headers.Add(HttpExtensions.ActorHeader, actor);
        }
        using var response = await api.Http.SendAsync(request);
        return ((int)response.StatusCode, response.Headers.Location?.OriginalString, await response.Content.ReadAsStringAsync());
    }
}

/// <summary>Off by default: with no setting nothing of the dashboard is mapped (the page address is not found) or recorded.</summary>
public sealed class OrleansDashboardOffTests(ApiHost api) : IClassFixture<ApiHost>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/DashboardCounters")]
    [InlineData("/index.min.js")]
    public async Task Its_addresses_are_not_found_for_anyone(string path)
    {
        foreach (var actor in new[] { null, "user=operator; roles=operator@KZ" })
        {
            var response = await api.Http.GetJsonAsync(OrleansDashboardEndpoints.Path + path, actor);
            Assert.Equal(404, response.Status);
        }
        Assert.DoesNotContain(AuthorizationMatrixTests.Endpoints(api.Services), e => e.Contains(OrleansDashboardEndpoints.Path, StringComparison.Ordinal));
        Assert.DoesNotContain(api.Services.GetServices<IIncomingGrainCallFilter>(), OrleansDashboardTests.IsDashboards);
    }
}

/// <summary>
/// The Cluster profile with the dashboard on in every process: the Api, an Orleans client, serves it from the silos'
/// dashboard grains, and it lists both silo processes.
/// </summary>
public sealed class OrleansDashboardClusterTests : IAsyncLifetime
{
    private ClusterApiHost _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = new ClusterApiHost(null, new Dictionary<string, string> { ["OrleansDashboard__Enabled"] = "true" });
        await _cluster.InitializeAsync();
    }

    public Task DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task The_client_Api_shows_operators_both_silos_and_refuses_a_teacher()
    {
        var active = await Eventually.MatchesAsync(async () =>
        {
            var counters = await _cluster.Http.GetJsonAsync(OrleansDashboardEndpoints.Path + "/DashboardCounters", "user=operator; roles=operator@KZ");
            Assert.Equal(200, counters.Status);
            return counters.Body.GetProperty("hosts").EnumerateArray().Count(h => h.GetProperty("status").GetString() == "Active");
        }, count => count == 2, TimeSpan.FromSeconds(60), "both silos active on the dashboard");
        Assert.Equal(2, active);
        var t = _cluster.Registry.InClass(0);
        var refused = await _cluster.Http.GetJsonAsync(OrleansDashboardEndpoints.Path + "/DashboardCounters",
            $"user={t.TeacherId}; person={t.TeacherId}; roles=teacher@{t.ClassId}");
        Assert.Equal(403, refused.Status);
    }
}
