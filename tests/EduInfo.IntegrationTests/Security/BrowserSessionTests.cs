using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using EduInfo.Api.Security;
using EduInfo.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace EduInfo.IntegrationTests.Security;

/// <summary>
/// The Api with a page that needs a session (the pages are built elsewhere), a short account recheck, a short
/// absolute session lifetime and a short lock-out, and a session clock a test moves forward (only the cookie scheme's:
/// Orleans and the rest keep the host's).
/// </summary>
public sealed class BrowserSessionApiHost : ApiHost
{
    public const string Page = "/test/page";

    /// <summary>The cookie scheme's time: the host's, plus what a test has added.</summary>
    public SkewedTime SessionTime { get; } = new();

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Auth:SessionRecheck"] = "00:00:05";
        settings["Auth:SessionLifetime"] = "01:00:00";
        settings["Auth:LockoutThreshold"] = "3";
        settings["RateLimits:LoginsPerAddressPerMinute"] = "0";
    }

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddOptions<CookieAuthenticationOptions>(BrowserSession.Scheme)
            .PostConfigure<TimeProvider>((o, host) => o.TimeProvider = SessionTime.Over(host));

    protected override void Map(WebApplication app) => app.MapGet(Page, () => "page").RequireAuthorization();

    public sealed class SkewedTime : TimeProvider
    {
        private TimeProvider? inner;

        public TimeSpan Offset { get; set; }

        public SkewedTime Over(TimeProvider host)
        {
            inner = host;
            return this;
        }

        public override DateTimeOffset GetUtcNow() => inner!.GetUtcNow() + Offset;
    }
}

/// <summary>
/// Browser sessions (issue #15): the sign-in form gives an HttpOnly, Secure, SameSite=Lax cookie that is the same actor
/// as the account's bearer token; antiforgery guards the forms and cookie-authenticated API writes; sessions end on
/// sign-out (for every copy of the cookie), when idle, after their lifetime and when the account is disabled; every
/// response carries the security headers.
/// </summary>
public sealed class BrowserSessionTests(BrowserSessionApiHost api) : IClassFixture<BrowserSessionApiHost>
{
    private static readonly Regex Sha256Source = new("'sha256-[A-Za-z0-9+/=]+'");

    [Fact]
    public async Task The_sign_in_form_gives_a_session_cookie_that_is_the_same_actor_as_the_bearer_token()
    {
        using var browser = new BrowserClient(api);
        var signIn = await browser.SignInAsync("analyst", "demo-analyst");
        Assert.Equal((303, "/home"), (signIn.Status, signIn.Location));
        var cookie = Assert.Single(signIn.SetCookies, c => c.StartsWith(BrowserSession.CookieName + "=", StringComparison.Ordinal));
        var attributes = cookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
        Assert.Contains("path=/", attributes);
        Assert.Contains("secure", attributes);
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=lax", attributes);
        Assert.DoesNotContain(attributes, a => a.StartsWith("domain", StringComparison.Ordinal) || a.StartsWith("expires", StringComparison.Ordinal));
        Assert.DoesNotContain("analyst", signIn.Location + string.Join("", signIn.SetCookies), StringComparison.Ordinal);

        var byCookie = await browser.SendAsync(HttpMethod.Get, "/api/v1/me");
        Assert.Equal(200, byCookie.Status);
        Assert.Equal("no-store", byCookie.Header("Cache-Control"));
        var (access, _) = await api.Http.TokensAsync("analyst", "demo-analyst");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Authorization = new("Bearer", access);
        request.Headers.AcceptLanguage.ParseAdd("en");
        using var byToken = await api.Http.SendAsync(request);
        Assert.Equal(200, (int)byToken.StatusCode);
        Assert.Equal(await byToken.Content.ReadAsStringAsync(), byCookie.Body);

        // The same audit row as the token endpoint's, saying it began a browser session.
        Assert.Equal(1, await api.Db.ScalarAsync<long>(
            "SELECT count(*) FROM audit_log WHERE action = 'auth.login' AND actor_id = 'U-analyst' AND outcome = 'ok' AND detail->>'channel' = 'browser'"));
    }

    [Fact]
    public async Task A_cross_site_write_carrying_the_session_cookie_is_refused_and_writes_nothing()
    {
        var t = api.Registry.InClass(0);
        using var browser = new BrowserClient(api);
        Assert.Equal(303, (await browser.SignInAsync(t.TeacherId, "demo-teacher")).Status);
        object Marks() => new { entries = new[] { new { entryId = Guid.NewGuid(), studentId = t.Roster[0], subjectId = t.SubjectId, date = "2026-11-16", kind = "formative", score = 8 } } };
        var before = await api.Db.ScalarAsync<long>("SELECT count(*) FROM journal WHERE class_id = @c", ("c", t.ClassId));

        // Another site's form or fetch: the browser adds the SameSite=Lax cookie to a top-level POST, never the token.
        browser.Cookies.Remove(ApiAntiforgery.CookieName);
        var forged = await browser.SendAsync(HttpMethod.Post, $"/api/v1/classes/{t.ClassId}/marks", JsonContent.Create(Marks()));
        AssertAntiforgeryProblem(403, forged);
        // A token of a page rendered to nobody (or to someone else) is not this session's.
        var anonymous = browser.FormToken();
        var stale = await browser.SendAsync(HttpMethod.Post, $"/api/v1/classes/{t.ClassId}/marks", JsonContent.Create(Marks()),
            new Dictionary<string, string> { [ApiAntiforgery.HeaderName] = anonymous });
        AssertAntiforgeryProblem(403, stale);
        Assert.Equal(before, await api.Db.ScalarAsync<long>("SELECT count(*) FROM journal WHERE class_id = @c", ("c", t.ClassId)));

        // The site's own page sends its token in the header: written, as the signed-in teacher.
        var token = browser.FormToken("U-" + t.TeacherId);
        var own = await browser.SendAsync(HttpMethod.Post, $"/api/v1/classes/{t.ClassId}/marks", JsonContent.Create(Marks()),
            new Dictionary<string, string> { [ApiAntiforgery.HeaderName] = token });
        Assert.True(own.Status == 200, own.Body);
        Assert.Equal(before + 1, await api.Db.ScalarAsync<long>("SELECT count(*) FROM journal WHERE class_id = @c", ("c", t.ClassId)));
        Assert.Equal(1, await api.Db.ScalarAsync<long>("SELECT count(*) FROM journal WHERE class_id = @c AND author_id = @a", ("c", t.ClassId), ("a", "U-" + t.TeacherId)));
    }

    [Fact]
    public async Task A_sign_in_without_a_valid_antiforgery_token_is_a_localized_400_and_starts_no_session()
    {
        using var browser = new BrowserClient(api);
        browser.FormToken(); // the cookie half only
        var noField = await browser.PostFormAsync("/signin", new() { ["login"] = "analyst", ["password"] = "demo-analyst" });
        AssertAntiforgeryProblem(400, noField);

        var token = browser.FormToken();
        browser.Cookies.Remove(ApiAntiforgery.CookieName);
        var noCookie = await browser.PostFormAsync("/signin", new() { ["login"] = "analyst", ["password"] = "demo-analyst", [ApiAntiforgery.FormFieldName] = token });
        AssertAntiforgeryProblem(400, noCookie);

        var empty = await browser.SendAsync(HttpMethod.Post, "/signin");
        AssertAntiforgeryProblem(400, empty);
        Assert.Null(browser.Session);
    }

    [Fact]
    public async Task A_wrong_password_a_locked_account_and_missing_fields_go_back_to_the_sign_in_page_without_a_session()
    {
        using var browser = new BrowserClient(api);
        for (var i = 0; i < 3; i++)
        {
            var wrong = await browser.SignInAsync("district.officer", "wrong-password", "/x?y=1");
            Assert.Equal((303, "/signin?notice=failed&returnUrl=%2Fx%3Fy%3D1"), (wrong.Status, wrong.Location));
            Assert.Null(browser.Session);
        }
        // Locked now (threshold 3): the right password is answered exactly as a wrong one.
        var locked = await browser.SignInAsync("district.officer", "demo-district-officer", "/x?y=1");
        Assert.Equal((303, "/signin?notice=failed&returnUrl=%2Fx%3Fy%3D1"), (locked.Status, locked.Location));
        Assert.Null(browser.Session);
        var unknown = await browser.SignInAsync("no-such-login", "whatever");
        Assert.Equal((303, "/signin?notice=failed"), (unknown.Status, unknown.Location));
        var missing = await browser.SignInAsync("analyst", "");
        Assert.Equal((303, "/signin?notice=missing"), (missing.Status, missing.Location));
        Assert.Null(browser.Session);

        Assert.Equal("refused-password,refused-password,refused-password,refused-locked", await api.Db.ScalarAsync<string>(
            "SELECT string_agg(outcome, ',' ORDER BY id) FROM audit_log WHERE action = 'auth.login' AND actor_id = 'U-district.officer' AND detail->>'channel' = 'browser'"));
    }

    [Theory]
    [InlineData("//evil.example", "/home")]
    [InlineData("https://evil.example/", "/home")]
    [InlineData("/\\evil.example", "/home")]
    [InlineData("/\t/evil.example", "/home")]
    [InlineData("javascript:alert(1)", "/home")]
    [InlineData("evil.example", "/home")]
    [InlineData("/students/S1/diary?term=2", "/students/S1/diary?term=2")]
    public async Task A_sign_in_returns_only_to_a_page_of_this_site(string returnUrl, string location)
    {
        using var browser = new BrowserClient(api);
        var signIn = await browser.SignInAsync("operator", "demo-operator", returnUrl);
        Assert.Equal((303, location), (signIn.Status, signIn.Location));
        using var other = new BrowserClient(api);
        var failed = await other.SignInAsync("operator", "wrong", returnUrl);
        Assert.Equal(location == "/home" ? "/signin?notice=failed" : "/signin?notice=failed&returnUrl=" + Uri.EscapeDataString(location), failed.Location);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_for_every_copy_of_the_cookie()
    {
        using var browser = new BrowserClient(api);
        Assert.Equal(303, (await browser.SignInAsync("head", "demo-head")).Status);
        var copy = browser.Session!;

        // Without the token a page rendered for the session, sign-out is refused and the session goes on.
        AssertAntiforgeryProblem(400, await browser.PostFormAsync("/signout", new()));
        Assert.Equal(200, (await browser.SendAsync(HttpMethod.Get, "/api/v1/me")).Status);

        var signOut = await browser.PostFormAsync("/signout", new() { [ApiAntiforgery.FormFieldName] = browser.FormToken("U-head") });
        Assert.Equal((303, "/signin?notice=signedOut"), (signOut.Status, signOut.Location));
        Assert.Null(browser.Session);
        Assert.Equal(1, await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'auth.signout' AND actor_id = 'U-head' AND outcome = 'ok'"));

        browser.Cookies[BrowserSession.CookieName] = copy;
        Assert.Equal(401, (await browser.SendAsync(HttpMethod.Get, "/api/v1/me")).Status);
        var page = await browser.SendAsync(HttpMethod.Get, BrowserSessionApiHost.Page);
        Assert.Equal((302, "/signin?notice=expired&returnUrl=%2Ftest%2Fpage"), (page.Status, page.Location));
        // A page left open after its session ended still signs out, though its token was the session's.
        var late = await browser.PostFormAsync("/signout", new() { [ApiAntiforgery.FormFieldName] = browser.FormToken("U-head") });
        Assert.Equal((303, "/signin?notice=signedOut"), (late.Status, late.Location));
        Assert.Null(browser.Session);
    }

    [Fact]
    public async Task A_disabled_account_s_session_ends_at_the_next_recheck_and_changed_grants_apply_then()
    {
        using var officer = new BrowserClient(api);
        using var student = new BrowserClient(api);
        Assert.Equal(303, (await officer.SignInAsync("region.officer", "demo-region-officer")).Status);
        Assert.Equal(303, (await student.SignInAsync("student", "demo-student")).Status);
        Assert.Equal(403, (await student.SendAsync(HttpMethod.Get, "/api/v1/nodes/KZ/summary")).Status);
        try
        {
            await api.Db.ExecuteAsync("UPDATE users SET disabled = true WHERE id = 'U-region.officer'");
            await api.Db.ExecuteAsync("INSERT INTO user_roles (user_id, role, scope_id) VALUES ('U-student', 'ministry_analyst', 'KZ')");
            // Within the recheck interval (5 s here) the session stands as it was read...
            Assert.Equal(200, (await officer.SendAsync(HttpMethod.Get, "/api/v1/me")).Status);
            Assert.Equal(403, (await student.SendAsync(HttpMethod.Get, "/api/v1/nodes/KZ/summary")).Status);

            // ...and at the next recheck the account is read again.
            api.SessionTime.Offset += TimeSpan.FromSeconds(6);
            var refused = await officer.SendAsync(HttpMethod.Get, "/api/v1/me");
            Assert.Equal(401, refused.Status);
            Assert.Null(officer.Session); // signed out: the cookie is cleared
            Assert.Equal(200, (await student.SendAsync(HttpMethod.Get, "/api/v1/nodes/KZ/summary")).Status);
        }
        finally
        {
            await api.Db.ExecuteAsync("UPDATE users SET disabled = false WHERE id = 'U-region.officer'");
            await api.Db.ExecuteAsync("DELETE FROM user_roles WHERE user_id = 'U-student' AND role = 'ministry_analyst'");
        }
    }

    [Fact]
    public async Task A_session_ends_when_idle_and_after_its_lifetime_and_a_page_then_sends_to_sign_in()
    {
        using var browser = new BrowserClient(api);
        var anonymous = await browser.SendAsync(HttpMethod.Get, BrowserSessionApiHost.Page + "?a=1");
        Assert.Equal((302, "/signin?returnUrl=%2Ftest%2Fpage%3Fa%3D1"), (anonymous.Status, anonymous.Location));

        Assert.Equal(303, (await browser.SignInAsync("operator", "demo-operator")).Status);
        Assert.Equal(200, (await browser.SendAsync(HttpMethod.Get, BrowserSessionApiHost.Page)).Status);
        api.SessionTime.Offset += TimeSpan.FromMinutes(31); // idle past Auth:SessionIdleTimeout (30 minutes)
        var idle = await browser.SendAsync(HttpMethod.Get, BrowserSessionApiHost.Page + "?a=1");
        Assert.Equal((302, "/signin?notice=expired&returnUrl=%2Ftest%2Fpage%3Fa%3D1"), (idle.Status, idle.Location));
        var api401 = await browser.SendAsync(HttpMethod.Get, "/api/v1/me");
        Assert.Equal((401, "application/problem+json", null), (api401.Status, api401.ContentType, api401.Location));

        // Busy all along, yet over after Auth:SessionLifetime (one hour here).
        Assert.Equal(303, (await browser.SignInAsync("operator", "demo-operator")).Status);
        for (var minutes = 20; minutes < 60; minutes += 20)
        {
            api.SessionTime.Offset += TimeSpan.FromMinutes(20);
            Assert.True((await browser.SendAsync(HttpMethod.Get, "/api/v1/me")).Status == 200, $"{minutes} minutes after sign-in");
        }
        api.SessionTime.Offset += TimeSpan.FromMinutes(20);
        Assert.Equal(401, (await browser.SendAsync(HttpMethod.Get, "/api/v1/me")).Status);
    }

    [Theory]
    [InlineData("/no-such-page", 404)]
    [InlineData("/api/v1/me", 401)]
    [InlineData("/api/v1/nodes/NOPE/summary", 404)]
    [InlineData("/health/live", 200)]
    public async Task Every_response_carries_the_security_headers(string path, int status)
    {
        using var browser = new BrowserClient(api);
        var response = await browser.SendAsync(HttpMethod.Get, path, headers: path.Contains("nodes") ? new Dictionary<string, string> { ["X-Dev-Actor"] = HttpExtensions.Analyst } : null);
        Assert.Equal(status, response.Status);
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, response.Header("Content-Security-Policy"));
        AssertOtherHeaders(response);
        // What an authenticated caller was answered is kept out of caches (health checks send their own no-store, no-cache).
        Assert.Equal(path.Contains("nodes") ? "no-store" : path.Contains("health") ? "no-store, no-cache" : "", response.Header("Cache-Control"));
    }

    [Fact]
    public async Task The_API_reference_admits_its_own_inline_script_by_hash_and_no_other()
    {
        using var browser = new BrowserClient(api);
        var page = await browser.SendAsync(HttpMethod.Get, "/api/reference/"); // "/api/reference" redirects here
        Assert.True(page.Status == 200, $"{page.Status} {page.Location} {page.Body}");
        var policy = page.Header("Content-Security-Policy");
        var scriptSrc = policy.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));
        Assert.DoesNotContain("'unsafe-inline'", scriptSrc, StringComparison.Ordinal); // eval is admitted for Scalar's bundle, inline scripts only by hash
        Assert.Contains("'unsafe-eval'", scriptSrc, StringComparison.Ordinal);
        var inline = Regex.Matches(page.Body, @"<script\b(?![^>]*\bsrc\s*=)[^>]*>(.*?)</script>", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(inline);
        var expected = inline.Select(s => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(s)))}'").Distinct().Order();
        Assert.Equal(expected, Sha256Source.Matches(scriptSrc).Select(m => m.Value).Order());
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("img-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self';", policy, StringComparison.Ordinal);
        AssertOtherHeaders(page);

        // Its script files keep the policy of every response.
        var script = await browser.SendAsync(HttpMethod.Get, "/api/reference/scalar.js");
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, script.Header("Content-Security-Policy"));

        // Another document name, echoed into the page's configuration, is not admitted by hash: the strict policy stays.
        var other = await browser.SendAsync(HttpMethod.Get, "/api/reference/%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, other.Header("Content-Security-Policy"));
    }

    private static void AssertOtherHeaders(BrowserClient.Response response)
    {
        Assert.Equal("nosniff", response.Header("X-Content-Type-Options"));
        Assert.Equal("DENY", response.Header("X-Frame-Options"));
        Assert.Equal("same-origin", response.Header("Referrer-Policy"));
        Assert.Equal("same-origin", response.Header("Cross-Origin-Opener-Policy"));
        Assert.Equal("camera=(), microphone=(), geolocation=()", response.Header("Permissions-Policy"));
    }

    private static void AssertAntiforgeryProblem(int status, BrowserClient.Response response)
    {
        Assert.True(response.Status == status, $"expected {status}, got {response.Status} {response.Body}");
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Equal("https://eduinfo.kz/problems/antiforgery", response.Json.GetProperty("type").GetString());
        Assert.Equal("The request did not come from a page of this site", response.Json.GetProperty("title").GetString());
        Assert.DoesNotContain(response.SetCookies, c => c.StartsWith(BrowserSession.CookieName + "=", StringComparison.Ordinal) && !c.Contains("1970", StringComparison.Ordinal));
    }
}
