using EduInfo.IntegrationTests.Api;
using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.Storage.Security;

namespace EduInfo.IntegrationTests.Security;

/// <summary>
/// The authorization matrix through the real sign-in: each caller of <see cref="AuthorizationMatrixTests"/> is an
/// account with the same grants, logs in at <c>POST /api/v1/auth/token</c> and calls with its bearer token, on an Api
/// whose development header is off. The expected statuses are read from the same hand-written tables, so the header
/// path and the token path cannot drift apart.
/// </summary>
public sealed class AuthorizationMatrixTokenTests : IClassFixture<TokenOnlyApiHost>, IAsyncLifetime
{
    private const string Password = "matrix-password";

    private readonly TokenOnlyApiHost api;
    private readonly AuthorizationScenario scenario;
    private readonly Dictionary<string, string> tokens = [];

    // Rows of the endpoint table run here as well: what a parent, a student, a teacher and an officer do with their
    // own person or area (the node endpoints, every level, are run in full besides).
    private static readonly string[] Slice =
    [
        "GET /api/v1/students/{studentId}/diary",
        "GET /api/v1/students/{studentId}",
        "GET /api/v1/classes/{classId}/journal",
        "POST /api/v1/classes/{classId}/marks",
        "POST /api/v1/students/{studentId}/transfers",
        "GET /api/v1/classes/{classId}/timetable",
        "GET /api/v1/audit",
        "GET /api/v1/ops/runtime",
        "GET /api/v1/me",
    ];

    public AuthorizationMatrixTokenTests(TokenOnlyApiHost api)
    {
        this.api = api;
        scenario = new AuthorizationScenario(api, (request, caller, _) =>
        {
            if (caller != "anonymous")
            {
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tokens[caller]);
            }
        });
    }

    private static string Login(AuthorizationScenario.Identity who) => "matrix." + who.User;

    /// <summary>An account per caller (once per host), then a fresh login of each.</summary>
    public async Task InitializeAsync()
    {
        var target = scenario.Target();
        var callers = AuthorizationMatrixTests.Callers.Where(c => c != "anonymous").ToList();
        if (await api.Db.ScalarAsync<long>("SELECT count(*) FROM users WHERE login LIKE 'matrix.%'") == 0)
        {
            // One hash for all: PBKDF2 is slow by design, and the accounts differ only in their grants.
            var hash = PasswordHashing.Hash(Password);
            await new AccountStore(api.Db.DataSource).CreateAsync(callers.Select(c => AuthorizationScenario.IdentityOf(c, target)!).Select(who =>
                new NewAccount("U-" + Login(who), Login(who), hash, who.Person,
                    who.Grants.Select(g => new Grant(g[..g.IndexOf('@')], g[(g.IndexOf('@') + 1)..])).ToList())).ToList());
            await scenario.ProfileGroupAsync(target);
        }
        foreach (var caller in callers)
        {
            tokens[caller] = (await api.Http.TokensAsync(Login(AuthorizationScenario.IdentityOf(caller, target)!), Password)).Access;
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Every_node_endpoint_answers_every_token_at_every_level_as_the_table_says()
    {
        var target = scenario.Target();
        var failures = new List<string>();
        foreach (var ((endpoint, level), statuses) in AuthorizationMatrixTests.NodeExpected)
        {
            for (var i = 0; i < AuthorizationMatrixTests.Callers.Length; i++)
            {
                var status = await scenario.StatusAsync(endpoint, AuthorizationMatrixTests.Callers[i], target, AuthorizationScenario.NodeAt(level, target));
                if (status != statuses[i])
                {
                    failures.Add($"{endpoint} at the {level} with the token of {AuthorizationMatrixTests.Callers[i]}: expected {statuses[i]}, got {status}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task A_slice_of_the_endpoint_table_answers_every_token_as_the_table_says()
    {
        var target = scenario.Target();
        var failures = new List<string>();
        foreach (var endpoint in Slice)
        {
            Assert.True(AuthorizationMatrixTests.Expected.TryGetValue(endpoint, out var statuses), $"{endpoint} has no row in the table");
            for (var i = 0; i < AuthorizationMatrixTests.Callers.Length; i++)
            {
                var status = await scenario.StatusAsync(endpoint, AuthorizationMatrixTests.Callers[i], target);
                if (status != statuses![i])
                {
                    failures.Add($"{endpoint} with the token of {AuthorizationMatrixTests.Callers[i]}: expected {statuses[i]}, got {status}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task The_development_header_is_no_way_in_here()
    {
        // The control that the statuses above are the tokens' doing: on this host the header of an analyst is nobody.
        var response = await api.Http.GetJsonAsync("/api/v1/nodes/KZ/summary", HttpExtensions.Analyst);
        Assert.Equal(401, response.Status);
        Assert.Equal(200, (await scenario.SendAsync("ministry_analyst/in", HttpMethod.Get, "/api/v1/nodes/KZ/summary", null)).Status);
    }
}
