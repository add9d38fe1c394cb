using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EduInfo.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using static EduInfo.IntegrationTests.Security.SecurityHttp;

namespace EduInfo.IntegrationTests.Security;

/// <summary>
/// The Api with real tokens only: the development header is off, and an external identity provider (its RSA key
/// generated here) is trusted besides the Api's own HMAC-signed tokens.
/// </summary>
public sealed class TokenOnlyApiHost : ApiHost
{
    public const string IdpIssuer = "https://idp.example.kz";
    public const string IdpAudience = "eduinfo";

    /// <summary>The identity provider's key pair: the Api is given only the public half.</summary>
    public RSA IdpKey { get; } = RSA.Create(2048);

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Auth:DevelopmentActorHeader"] = "false";
        settings["Auth:External:Issuer"] = IdpIssuer;
        settings["Auth:External:Audience"] = IdpAudience;
        settings["Auth:External:SigningKeysPem:0"] = IdpKey.ExportSubjectPublicKeyInfoPem();
        // Every test client is 127.0.0.1; the login rate limit has its own tests (Api/LimitsTests).
        settings["RateLimits:LoginsPerAddressPerMinute"] = "0";
    }
}

public sealed class AuthenticationTests(TokenOnlyApiHost api) : IClassFixture<TokenOnlyApiHost>
{
    private const string Summary = "/api/v1/nodes/KZ/summary";
    private const string OwnIssuer = "eduinfo";
    private const string OwnAudience = "eduinfo-api";

    private static readonly JsonWebTokenHandler Handler = new();

    /// <summary>A token minted here, not by the Api: claims sub and grant, signed as asked.</summary>
    private static string Mint(SigningCredentials? credentials, string issuer, string audience, DateTime expires, string subject = "minted-user",
        string grant = "ministry_analyst@KZ", DateTime? notBefore = null)
    {
        var issuedAt = notBefore ?? expires - TimeSpan.FromHours(1);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", subject), new Claim("grant", grant)]),
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = expires,
            SigningCredentials = credentials,
        };
        return Handler.CreateToken(descriptor);
    }

    private static SigningCredentials Hmac(string key) =>
        new(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256);

    private SigningCredentials Rsa() => new(new RsaSecurityKey(api.IdpKey), SecurityAlgorithms.RsaSha256);

    /// <summary>The host's wall clock: JWT lifetimes are checked against real time, not the pinned domain date.</summary>
    private DateTime Now => api.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

    private DateTime InAnHour => Now.AddHours(1);

    // ---- tokens that work ------------------------------------------------------------------------------------------

    [Fact]
    public async Task A_demo_login_gives_a_bearer_token_that_reads_the_republic()
    {
        var login = await api.Http.LoginAsync("analyst", "demo-analyst");
        Assert.Equal(200, login.Status);
        Assert.Equal("Bearer", login.Body.GetProperty("tokenType").GetString());
        Assert.Equal(15 * 60, login.Body.GetProperty("expiresIn").GetInt32()); // Auth:AccessTokenLifetime defaults to 15 minutes
        var access = login.Body.GetProperty("accessToken").GetString()!;
        Assert.False(string.IsNullOrEmpty(login.Body.GetProperty("refreshToken").GetString()));

        var jwt = new JsonWebToken(access);
        Assert.Equal((OwnIssuer, OwnAudience), (jwt.Issuer, Assert.Single(jwt.Audiences)));
        Assert.Equal("U-analyst", jwt.Subject);
        Assert.Equal(["ministry_analyst@KZ"], jwt.Claims.Where(c => c.Type == "grant").Select(c => c.Value));
        Assert.Equal("HS256", jwt.Alg);
        Assert.InRange(jwt.ValidTo - jwt.ValidFrom, TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));

        var summary = await api.Http.GetWithTokenAsync(Summary + "?lang=ru", access);
        Assert.Equal(200, summary.Status);
        Assert.Equal(("KZ", "Республика Казахстан"), (summary.Body.GetProperty("nodeId").GetString(), summary.Body.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task A_teacher_logs_in_with_their_id_and_writes_marks_as_their_account()
    {
        var t = api.Registry.InClass(0);
        var (access, _) = await api.Http.TokensAsync(t.TeacherId, "demo-teacher");

        var marks = new
        {
            entries = new[]
            {
                new { entryId = Guid.NewGuid(), studentId = t.Roster[0], subjectId = t.SubjectId, date = "2026-11-16", kind = "formative", score = 8 },
                new { entryId = Guid.NewGuid(), studentId = t.Roster[1], subjectId = t.SubjectId, date = "2026-11-16", kind = "formative", score = 6 },
            },
        };
        var response = await api.Http.SendAsync(HttpMethod.Post, $"/api/v1/classes/{t.ClassId}/marks", access, marks);
        Assert.Equal(200, response.Status);
        Assert.Equal(2, response.Body.GetProperty("inserted").GetInt32());
        Assert.Equal("U-" + t.TeacherId, await api.Db.ScalarAsync<string>("SELECT DISTINCT author_id FROM journal WHERE class_id = @c", ("c", t.ClassId)));
        Assert.Equal(14, await api.Db.ScalarAsync<long>("SELECT sum(score) FROM journal WHERE class_id = @c", ("c", t.ClassId)));

        // The same token is no key to a class of another school.
        var elsewhere = api.Registry.Teachings().First(x => api.Registry.OrganizationOf(x.ClassId) != api.Registry.OrganizationOf(t.ClassId));
        var refused = await api.Http.SendAsync(HttpMethod.Post, $"/api/v1/classes/{elsewhere.ClassId}/marks", access, new
        {
            entries = new[] { new { entryId = Guid.NewGuid(), studentId = elsewhere.Roster[0], subjectId = elsewhere.SubjectId, date = "2026-11-16", kind = "formative", score = 5 } },
        });
        AssertProblem(403, refused);
        Assert.Equal(0, await api.Db.ScalarAsync<long>("SELECT count(*) FROM journal WHERE class_id = @c", ("c", elsewhere.ClassId)));
    }

    [Fact]
    public async Task A_token_minted_with_the_api_s_key_issuer_and_audience_is_accepted()
    {
        // The positive control of the refusals below: only the one property each of them changes makes the difference.
        var token = Mint(Hmac(ApiHost.TestSigningKey), OwnIssuer, OwnAudience, InAnHour);
        Assert.Equal(200, (await api.Http.GetWithTokenAsync(Summary, token)).Status);
    }

    // ---- tokens that do not ----------------------------------------------------------------------------------------

    [Fact]
    public async Task No_token_is_a_localized_401_problem()
    {
        var response = await api.Http.SendAsync(HttpMethod.Get, Summary + "?lang=en", bearer: null);
        AssertProblem(401, response);
        Assert.Equal("Authentication required", response.Body.GetProperty("title").GetString());

        var kazakh = await api.Http.SendAsync(HttpMethod.Get, Summary, bearer: null, acceptLanguage: "kk");
        AssertProblem(401, kazakh);
        Assert.Equal("kk", kazakh.Body.GetProperty("language").GetString());
        Assert.NotEqual(response.Body.GetProperty("title").GetString(), kazakh.Body.GetProperty("title").GetString());

        var t = api.Registry.InClass(1);
        AssertProblem(401, await api.Http.SendAsync(HttpMethod.Post, $"/api/v1/classes/{t.ClassId}/marks", null,
            new { entries = new[] { new { entryId = Guid.NewGuid(), studentId = t.Roster[0], subjectId = t.SubjectId, date = "2026-11-16", kind = "formative", score = 5 } } }));
        AssertProblem(401, await api.Http.SendAsync(HttpMethod.Get, $"/api/v1/students/{t.Roster[0]}/diary", null));
        AssertProblem(401, await api.Http.SendAsync(HttpMethod.Get, "/api/v1/audit", null));
        Assert.Equal(0, await api.Db.ScalarAsync<long>("SELECT count(*) FROM journal WHERE class_id = @c", ("c", t.ClassId)));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("not.a.jwt")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl")]
    public async Task A_garbage_token_is_a_401(string token) =>
        AssertProblem(401, await api.Http.GetWithTokenAsync(Summary, token));

    [Fact]
    public async Task An_expired_token_is_a_401()
    {
        // exp ten minutes ago: well past the 30 s clock skew the Api allows
        var token = Mint(Hmac(ApiHost.TestSigningKey), OwnIssuer, OwnAudience, Now.AddMinutes(-10));
        AssertProblem(401, await api.Http.GetWithTokenAsync(Summary, token));
        AssertProblem(401, await api.Http.GetWithTokenAsync("/api/v1/me", token));
    }

    [Fact]
    public async Task A_token_not_yet_valid_is_a_401()
    {
        var token = Mint(Hmac(ApiHost.TestSigningKey), OwnIssuer, OwnAudience, Now.AddHours(2), notBefore: Now.AddHours(1));
        AssertProblem(401, await api.Http.GetWithTokenAsync(Summary, token));
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_a_401()
    {
        var token = Mint(Hmac("another-signing-key-of-at-least-thirty-two-characters"), OwnIssuer, OwnAudience, InAnHour);
        AssertProblem(401, await api.Http.GetWithTokenAsync(Summary, token));
    }

    [Fact]
    public async Task An_unsigned_token_is_a_401()
    {
        var token = Mint(null, OwnIssuer, OwnAudience, InAnHour);
        Assert.Equal("none", new JsonWebToken(token).Alg);
        AssertProblem(401, await api.Http.GetWithTokenAsync(Summary, token));
    }

    [Theory]
    [InlineData("someone-else", OwnAudience)]
    [InlineData(OwnIssuer, "another-api")]
    public async Task A_token_of_another_issuer_or_audience_is_a_401(string issuer, string audience)
    {
        var token = Mint(Hmac(ApiHost.TestSigningKey), issuer, audience, InAnHour);
        AssertProblem(401, await api.Http.GetWithTokenAsync(Summary, token));
    }

    [Fact]
    public async Task The_development_header_is_ignored_when_the_setting_is_off()
    {
        var headers = new Dictionary<string, string> { [HttpExtensions.ActorHeader] = HttpExtensions.Analyst };
        AssertProblem(401, await api.Http.SendAsync(HttpMethod.Get, Summary, bearer: null, headers: headers));

        var t = api.Registry.InClass(2);
        headers[HttpExtensions.ActorHeader] = $"user={t.TeacherId}; roles=teacher";
        AssertProblem(401, await api.Http.SendAsync(HttpMethod.Post, $"/api/v1/classes/{t.ClassId}/marks", null,
            new { entries = new[] { new { entryId = Guid.NewGuid(), studentId = t.Roster[0], subjectId = t.SubjectId, date = "2026-11-16", kind = "formative", score = 5 } } },
            headers: headers));
        Assert.Equal(0, await api.Db.ScalarAsync<long>("SELECT count(*) FROM journal WHERE class_id = @c", ("c", t.ClassId)));
    }

    // ---- lock-out --------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_every_failure_looks_the_same()
    {
        for (var i = 1; i <= 5; i++)
        {
            AssertProblem(401, await api.Http.LoginAsync("district.officer", $"wrong-{i}", acceptLanguage: "ru"));
        }
        var locked = await api.Http.LoginAsync("district.officer", "demo-district-officer", acceptLanguage: "ru");
        AssertProblem(401, locked);
        Assert.False(locked.Body.TryGetProperty("accessToken", out _));
        Assert.True(await api.Db.ScalarAsync<bool>("SELECT locked_until > now() FROM users WHERE login = 'district.officer'"));

        // another account is unaffected
        Assert.Equal(200, (await api.Http.LoginAsync("region.officer", "demo-region-officer")).Status);

        // unknown login, wrong password and locked account: one and the same answer
        var unknown = await api.Http.LoginAsync("no-such-login", "whatever", acceptLanguage: "ru");
        var wrong = await api.Http.LoginAsync("student", "not-the-password", acceptLanguage: "ru");
        AssertProblem(401, unknown);
        AssertProblem(401, wrong);
        static (string?, string?, string?) Shape(JsonElement body) =>
            (body.GetProperty("type").GetString(), body.GetProperty("title").GetString(), body.GetProperty("detail").GetString());
        Assert.Equal(Shape(locked.Body), Shape(unknown.Body));
        Assert.Equal(Shape(locked.Body), Shape(wrong.Body));
        Assert.Equal("Войти не удалось", locked.Body.GetProperty("title").GetString());
        Assert.False(string.IsNullOrWhiteSpace(locked.Body.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Failures_count_only_in_a_row()
    {
        for (var round = 0; round < 2; round++)
        {
            for (var i = 1; i <= 4; i++)
            {
                AssertProblem(401, await api.Http.LoginAsync("parent", $"wrong-{round}-{i}"));
            }
            Assert.Equal(200, (await api.Http.LoginAsync("parent", "demo-parent")).Status);
        }
    }

    // ---- refresh tokens --------------------------------------------------------------------------------------------

    [Fact]
    public async Task A_refresh_token_gives_new_tokens_once_and_its_reuse_revokes_the_family()
    {
        var (_, first) = await api.Http.TokensAsync("analyst", "demo-analyst");

        var refreshed = await api.Http.RefreshAsync(first);
        Assert.Equal(200, refreshed.Status);
        var access = refreshed.Body.GetProperty("accessToken").GetString()!;
        var second = refreshed.Body.GetProperty("refreshToken").GetString()!;
        Assert.NotEqual(first, second);
        Assert.Equal("U-analyst", new JsonWebToken(access).Subject);
        Assert.Equal(200, (await api.Http.GetWithTokenAsync(Summary, access)).Status);

        // the spent token again: refused, and the newer token of its family is revoked with it
        var replay = await api.Http.RefreshAsync(first);
        AssertProblem(401, replay);
        AssertProblem(401, await api.Http.RefreshAsync(second));

        // a login starts a new family, unaffected
        var (_, fresh) = await api.Http.TokensAsync("analyst", "demo-analyst");
        Assert.Equal(200, (await api.Http.RefreshAsync(fresh)).Status);
    }

    [Fact]
    public async Task A_chain_of_refreshes_works_while_each_token_is_used_once()
    {
        var (_, token) = await api.Http.TokensAsync("head", "demo-head");
        var seen = new HashSet<string> { token };
        for (var i = 0; i < 3; i++)
        {
            var response = await api.Http.RefreshAsync(token);
            Assert.Equal(200, response.Status);
            token = response.Body.GetProperty("refreshToken").GetString()!;
            Assert.True(seen.Add(token));
        }
        var failed = await api.Http.LoginAsync("no-such-login", "x");
        var garbage = await api.Http.RefreshAsync("not-a-refresh-token");
        AssertProblem(401, garbage);
        Assert.Equal(failed.Body.GetProperty("title").GetString(), garbage.Body.GetProperty("title").GetString());
        AssertProblem(401, await api.Http.RefreshAsync(""));
    }

    // ---- an external identity provider -----------------------------------------------------------------------------

    [Fact]
    public async Task A_token_of_the_external_identity_provider_signed_with_its_key_is_accepted()
    {
        var token = Mint(Rsa(), TokenOnlyApiHost.IdpIssuer, TokenOnlyApiHost.IdpAudience, InAnHour, subject: "idp-user-1");
        Assert.Equal("RS256", new JsonWebToken(token).Alg);
        var response = await api.Http.GetWithTokenAsync(Summary, token);
        Assert.Equal(200, response.Status);
        Assert.Equal("KZ", response.Body.GetProperty("nodeId").GetString());

        // a grant of no known role gives nothing
        var unknownRole = Mint(Rsa(), TokenOnlyApiHost.IdpIssuer, TokenOnlyApiHost.IdpAudience, InAnHour, subject: "idp-user-2", grant: "superuser@KZ");
        AssertProblem(403, await api.Http.GetWithTokenAsync(Summary, unknownRole));

        // its grants count as ours do: an analyst reads no diary
        var student = api.Registry.InClass(3).Roster[0];
        AssertProblem(403, await api.Http.GetWithTokenAsync($"/api/v1/students/{student}/diary", token));
    }

    [Fact]
    public async Task Each_issuer_is_trusted_only_with_its_own_keys()
    {
        // the identity provider's key under the Api's own issuer
        var rsaAsOwn = Mint(Rsa(), OwnIssuer, OwnAudience, InAnHour);
        AssertProblem(401, await api.Http.GetWithTokenAsync(Summary, rsaAsOwn));
        var rsaAsOwnForIdpAudience = Mint(Rsa(), OwnIssuer, TokenOnlyApiHost.IdpAudience, InAnHour);
        AssertProblem(401, await api.Http.GetWithTokenAsync(Summary, rsaAsOwnForIdpAudience));

        // the Api's own key under the identity provider's issuer
        var hmacAsIdp = Mint(Hmac(ApiHost.TestSigningKey), TokenOnlyApiHost.IdpIssuer, TokenOnlyApiHost.IdpAudience, InAnHour);
        AssertProblem(401, await api.Http.GetWithTokenAsync(Summary, hmacAsIdp));

        // another RSA key under the identity provider's issuer
        using var stranger = RSA.Create(2048);
        var strangerToken = Mint(new SigningCredentials(new RsaSecurityKey(stranger), SecurityAlgorithms.RsaSha256),
            TokenOnlyApiHost.IdpIssuer, TokenOnlyApiHost.IdpAudience, InAnHour);
        AssertProblem(401, await api.Http.GetWithTokenAsync(Summary, strangerToken));
    }

    // ---- malformed logins ------------------------------------------------------------------------------------------

    public static TheoryData<string, object> MissingFields => new()
    {
        { "no password", new { login = "analyst" } },
        { "no login", new { password = "demo-analyst" } },
        { "neither", new { } },
        { "both empty", new { login = "", password = "" } },
    };

    [Theory]
    [MemberData(nameof(MissingFields))]
    public async Task A_login_without_its_fields_is_a_localized_400(string because, object body)
    {
        var titles = new Dictionary<string, string>();
        foreach (var language in new[] { "kk", "ru", "en" })
        {
            var response = await api.Http.SendAsync(HttpMethod.Post, $"/api/v1/auth/token?lang={language}", null, body);
            AssertProblem(400, response);
            Assert.Equal(language, response.Body.GetProperty("language").GetString());
            Assert.False(string.IsNullOrWhiteSpace(response.Body.GetProperty("detail").GetString()), because);
            titles[language] = response.Body.GetProperty("title").GetString()!;
        }
        Assert.Equal(3, titles.Values.Distinct().Count());
        Assert.Equal("A login and a password are required", titles["en"]);
    }
}

/// <summary>Tokens only, with a short lock-out (3 failures, 3 seconds) and 5-minute access tokens.</summary>
public sealed class ShortLockoutApiHost : ApiHost
{
    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Auth:DevelopmentActorHeader"] = "false";
        settings["Auth:LockoutThreshold"] = "3";
        settings["Auth:LockoutDuration"] = "00:00:03";
        settings["Auth:AccessTokenLifetime"] = "00:05:00";
        // The lock-out test polls the login until the lock ends: the login rate limit would answer 429 first.
        settings["RateLimits:LoginsPerAddressPerMinute"] = "0";
    }
}

public sealed class AuthenticationSettingsTests(ShortLockoutApiHost api) : IClassFixture<ShortLockoutApiHost>
{
    [Fact]
    public async Task The_access_token_lifetime_is_the_configured_one()
    {
        var login = await api.Http.LoginAsync("analyst", "demo-analyst");
        Assert.Equal(200, login.Status);
        Assert.Equal(300, login.Body.GetProperty("expiresIn").GetInt32());
        var jwt = new JsonWebToken(login.Body.GetProperty("accessToken").GetString()!);
        Assert.Equal(TimeSpan.FromMinutes(5), jwt.ValidTo - jwt.ValidFrom);
    }

    [Fact]
    public async Task The_configured_threshold_locks_for_the_configured_time_and_a_success_starts_the_count_again()
    {
        for (var i = 1; i <= 3; i++)
        {
            AssertProblem(401, await api.Http.LoginAsync("head", $"wrong-{i}"));
        }
        AssertProblem(401, await api.Http.LoginAsync("head", "demo-head"));

        // the lock ends by itself (no fixed sleep: poll until the right password works)
        var opened = await Eventually.MatchesAsync(() => api.Http.LoginAsync("head", "demo-head"), r => r.Status == 200,
            TimeSpan.FromSeconds(30), "the right password after the lock-out");
        Assert.False(string.IsNullOrEmpty(opened.Body.GetProperty("accessToken").GetString()));

        // the success reset the count: two failures do not lock
        for (var i = 1; i <= 2; i++)
        {
            AssertProblem(401, await api.Http.LoginAsync("head", $"again-wrong-{i}"));
        }
        Assert.Equal(200, (await api.Http.LoginAsync("head", "demo-head")).Status);
    }

    [Fact]
    public async Task A_locked_account_cannot_refresh_its_tokens_either()
    {
        var (_, refresh) = await api.Http.TokensAsync("region.officer", "demo-region-officer");
        for (var i = 1; i <= 3; i++)
        {
            AssertProblem(401, await api.Http.LoginAsync("region.officer", $"wrong-{i}"));
        }
        AssertProblem(401, await api.Http.RefreshAsync(refresh));
    }

    [Fact]
    public async Task Two_concurrent_refreshes_with_one_token_do_not_both_succeed()
    {
        var (_, refresh) = await api.Http.TokensAsync("operator", "demo-operator");
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => api.Http.RefreshAsync(refresh)));
        Assert.True(answers.Count(a => a.Status == 200) <= 1, string.Join(", ", answers.Select(a => a.Status)));
        Assert.All(answers.Where(a => a.Status != 200), a => AssertProblem(401, a));
    }
}
