using System.Net;
using System.Net.Sockets;
using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.IntegrationTests.Web.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace EduInfo.IntegrationTests.Web;

/// <summary>The harness catches what it promises to: each guard and helper is shown failing on a page made to fail it.</summary>
public sealed class HarnessTests(BrowserFixture browser, WebHost web, ITestOutputHelper output) : BrowserTest(browser, web, output)
{
    // A page of the system's origin without the system's CSP (served by a route), so the browser itself lets a request
    // go and only the guard stands in the way.
    private const string Blank = "/__harness/blank";

    [Fact]
    public async Task A_request_to_another_origin_is_aborted_before_it_leaves_and_fails_the_test()
    {
        // Another origin that would answer: a listener on another loopback port, which must never see a connection.
        using var elsewhere = new TcpListener(IPAddress.Loopback, 0);
        elsewhere.Start();
        var url = $"http://localhost:{((IPEndPoint)elsewhere.LocalEndpoint).Port}/beacon";
        await OpenBlankAsync();

        var outcome = await Page.EvaluateAsync<string>("url => fetch(url).then(() => 'sent', () => 'blocked')", url);

        Assert.Equal("blocked", outcome);
        Assert.False(elsewhere.Pending(), "a connection reached the other origin");
        Assert.Contains($"request to another origin (aborted): GET {url}", Session.Guards.Violations);
        Assert.Throws<Xunit.Sdk.FailException>(Session.Guards.AssertClean);
        Session.Guards.Clear();
    }

    [Fact]
    public async Task The_loopback_address_is_another_origin_than_localhost()
    {
        await OpenBlankAsync();
        Assert.True(Session.Guards.IsInside(Web.Origin + "api/v1/public"));
        Assert.True(Session.Guards.IsInside($"ws://localhost:{Web.Origin.Port}/live"));
        Assert.False(Session.Guards.IsInside(Web.BaseAddress.ToString())); // 127.0.0.1: cookies of localhost would not go there
        Assert.False(Session.Guards.IsInside($"https://localhost:{Web.Origin.Port}/"));
        Assert.True(Session.Guards.IsInside("data:image/png;base64,AAAA"));
    }

    [Fact]
    public async Task A_console_error_and_an_uncaught_error_fail_the_test()
    {
        await OpenBlankAsync();

        await Page.EvaluateAsync("() => { console.error('deliberate'); setTimeout(() => { throw new Error('deliberate throw'); }); }");

        await Eventually.MatchesAsync(() => Task.FromResult(Session.Guards.Violations), v => v.Count >= 2, TimeSpan.FromSeconds(5), "both errors reported");
        Assert.Contains(Session.Guards.Violations, v => v.StartsWith("console error: deliberate", StringComparison.Ordinal));
        Assert.Contains(Session.Guards.Violations, v => v.StartsWith("page error:", StringComparison.Ordinal) && v.Contains("deliberate throw"));
        Session.Guards.Clear();
    }

    [Fact]
    public async Task A_content_security_policy_violation_fails_the_test()
    {
        await ServeAsync("/__harness/csp", "<!doctype html><html lang=en><title>t</title><script>document.title = 'ran'</script></html>",
            ("Content-Security-Policy", "script-src 'none'"));

        await Page.GotoAsync(new Uri(Web.Origin, "/__harness/csp").ToString());

        Assert.Equal("t", await Page.TitleAsync());
        await Eventually.MatchesAsync(() => Task.FromResult(Session.Guards.Violations),
            v => v.Any(x => x.Contains("securitypolicyviolation: script-src")), TimeSpan.FromSeconds(5), "the violation reported");
        Assert.Contains(Session.Guards.Violations, v => v.Contains("Content Security Policy")); // Chromium's own report too
        Session.Guards.Clear();
    }

    [Fact]
    public async Task An_expected_error_status_is_allowed_for_that_document_only()
    {
        await Session.OpenAsync("/api/v1/nodes/KZ/summary", 401);
        Session.Guards.AssertClean();

        await Page.EvaluateAsync("() => fetch('/api/v1/me')");

        await Eventually.MatchesAsync(() => Task.FromResult(Session.Guards.Violations), v => v.Count > 0, TimeSpan.FromSeconds(5), "the 401 reported");
        Assert.Contains(Session.Guards.Violations, v => v.Contains("status of 401") && v.Contains("/api/v1/me"));
        Session.Guards.Clear();
    }

    [Fact]
    public async Task Axe_fails_a_page_with_a_serious_violation_and_names_the_rule_and_element()
    {
        await ServeAsync("/__harness/axe", "<!doctype html><html><title>t</title><main><img id=nameless src='data:image/gif;base64,R0lGODlhAQABAAAAACw='></main></html>");
        await Page.GotoAsync(new Uri(Web.Origin, "/__harness/axe").ToString());

        var failure = await Assert.ThrowsAsync<Xunit.Sdk.TrueException>(() => Page.AssertAccessibleAsync(Output));

        Assert.Contains("image-alt", failure.Message);
        Assert.Contains("#nameless", failure.Message);
        Assert.Contains("html-has-lang", failure.Message);
    }

    [Fact]
    public async Task The_page_weight_counts_the_body_and_headers_of_everything_transferred_and_holds_a_budget()
    {
        var body = await (await Web.Http.GetAsync("/openapi/v1.json")).Content.ReadAsByteArrayAsync();

        var weight = await PageWeight.MeasureAsync(Session, "/openapi/v1.json");

        Output.WriteLine($"{weight.Bytes} bytes weighed, body {body.Length}");
        Assert.Equal(1, weight.Requests);
        Assert.InRange(weight.Bytes, body.Length + 50, body.Length + 2048); // the body and its headers, nothing else
        await Assert.ThrowsAsync<Xunit.Sdk.TrueException>(() => PageWeight.AssertWithinAsync(Session, "/openapi/v1.json", body.Length / 1024 - 1, Output));
    }

    [Fact]
    public async Task Screenshots_are_taken_full_page_at_phone_and_desktop_size()
    {
        var folder = Path.Combine(Path.GetTempPath(), "eduinfo-shots-" + Guid.NewGuid().ToString("N"));
        try
        {
            await OpenBlankAsync();

            await Screenshots.TakeAsync(Page, "reference", "en", folder);

            Assert.Equal(360, PngWidth(Path.Combine(folder, "reference-en-phone.png")));
            Assert.Equal(1920, PngWidth(Path.Combine(folder, "reference-en-desktop.png")));
            Assert.Equal(1280, Page.ViewportSize!.Width);
            Assert.True(File.Exists(Path.Combine(Screenshots.RepositoryRoot(), "EduInfo.sln")));
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public void Without_Chromium_the_browser_tests_fail_with_a_clear_message()
    {
        var missing = Assert.Throws<InvalidOperationException>(() => BrowserFixture.RequireChromium("/nonexistent/chromium"));
        Assert.Contains("apt-get install", missing.Message);
    }

    private async Task OpenBlankAsync()
    {
        await ServeAsync(Blank, "<!doctype html><html lang=en><title>blank</title><main id=main><h1>blank</h1></main></html>");
        await Session.OpenAsync(Blank);
    }

    private async Task ServeAsync(string path, string html, params (string Name, string Value)[] headers)
    {
        var h = headers.ToDictionary(x => x.Name, x => x.Value);
        await Page.RouteAsync(new Uri(Web.Origin, path).ToString(), route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 200, ContentType = "text/html; charset=utf-8", Body = html, Headers = h,
        }));
    }

    // A PNG's width: bytes 16–19 of its IHDR chunk, big-endian.
    private static int PngWidth(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return bytes[16] << 24 | bytes[17] << 16 | bytes[18] << 8 | bytes[19];
    }
}
