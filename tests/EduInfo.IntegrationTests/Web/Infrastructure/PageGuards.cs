using Microsoft.Playwright;

namespace EduInfo.IntegrationTests.Web.Infrastructure;

/// <summary>
/// Watches every page of a browser context and collects what fails a test: a request or web socket to another origin
/// (aborted, so nothing leaves the system), a console error, an uncaught page error, a crash, and any
/// Content-Security-Policy violation (the <c>securitypolicyviolation</c> event, and Chromium's console report).
/// </summary>
public sealed class PageGuards
{
    private const string CspMarker = "securitypolicyviolation";

    // Reports each violation to the console, where the console guard sees it; CDP runs the script whatever the CSP says.
    private const string CspListener = $$"""
        document.addEventListener('securitypolicyviolation', e =>
          console.error('{{CspMarker}}: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));
        """;

    private readonly Uri _origin;
    private readonly List<string> _violations = [];
    private readonly HashSet<(string Url, int Status)> _expectedStatuses = [];
    private readonly List<string> _expectedFailures = [];
    private readonly Lock _lock = new();

    private PageGuards(Uri origin) => _origin = origin;

    public static async Task<PageGuards> AttachAsync(IBrowserContext context, Uri origin)
    {
        var guards = new PageGuards(origin);
        await context.AddInitScriptAsync(CspListener);
        await context.RouteAsync(url => !guards.IsInside(url), async route =>
        {
            guards.Add($"request to another origin (aborted): {route.Request.Method} {route.Request.Url}");
            await route.AbortAsync("blockedbyclient");
        });
        await context.RouteWebSocketAsync(url => !guards.IsInside(url), socket =>
        {
            // Never connected to the server: a routed web socket without ConnectToServer stays in the browser.
            guards.Add($"web socket to another origin (closed): {socket.Url}");
            _ = socket.CloseAsync();
        });
        context.Page += (_, page) => guards.Watch(page);
        return guards;
    }

    /// <summary>What went wrong so far, in order.</summary>
    public IReadOnlyList<string> Violations
    {
        get
        {
            lock (_lock)
            {
                return [.. _violations];
            }
        }
    }

    /// <summary>
    /// A document the test expects to answer an error status (a 404 or 403 page): Chromium reports it on the console as
    /// "Failed to load resource", which is then not a violation. Call before navigating.
    /// </summary>
    public void ExpectDocumentStatus(string absoluteUrl, int status)
    {
        lock (_lock)
        {
            _expectedStatuses.Add((absoluteUrl, status));
        }
    }

    /// <summary>
    /// Requests under <paramref name="absoluteUrlPrefix"/> that the test makes fail on purpose (a cut network, a refusal it
    /// provokes): Chromium's "Failed to load resource" report of them is then not a violation; any other console error still is.
    /// </summary>
    public void ExpectFailedRequests(string absoluteUrlPrefix)
    {
        lock (_lock)
        {
            _expectedFailures.Add(absoluteUrlPrefix);
        }
    }

    /// <summary>Forgets what was collected (a harness test that provoked violations on purpose).</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _violations.Clear();
        }
    }

    public void AssertClean()
    {
        var violations = Violations;
        if (violations.Count > 0)
        {
            Assert.Fail($"The page broke {violations.Count} guard(s):\n  " + string.Join("\n  ", violations));
        }
    }

    /// <summary>Same scheme family (http or ws), host and port as the system; data: and blob: never leave the browser.</summary>
    public bool IsInside(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return false;
        }
        if (uri.Scheme is "data" or "blob" or "about")
        {
            return true;
        }
        var http = uri.Scheme switch { "http" or "ws" => "http", "https" or "wss" => "https", _ => uri.Scheme };
        return http == _origin.Scheme && uri.Host == _origin.Host && uri.Port == _origin.Port;
    }

    private void Watch(IPage page)
    {
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !IsExpected(message))
            {
                Add($"console error: {message.Text} ({message.Location})");
            }
            else if (message.Type != "error" && message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                Add($"console {message.Type} about the Content Security Policy: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => Add("page error: " + error);
        page.Crash += (_, _) => Add("the page crashed");
    }

    private bool IsExpected(IConsoleMessage message)
    {
        lock (_lock)
        {
            if (message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal)
                && _expectedFailures.Any(p => message.Location.StartsWith(p, StringComparison.Ordinal)))
            {
                return true;
            }
            return _expectedStatuses.Any(e => (message.Location == e.Url || message.Location.StartsWith(e.Url + ":", StringComparison.Ordinal))
                && message.Text.StartsWith($"Failed to load resource: the server responded with a status of {e.Status}", StringComparison.Ordinal));
        }
    }

    private void Add(string violation)
    {
        lock (_lock)
        {
            _violations.Add(violation);
        }
    }
}
