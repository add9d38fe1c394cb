using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Net.Http.Headers;

namespace EduInfo.Api.Security;

/// <summary>
/// Headers on every response, error pages included: a Content-Security-Policy that lets a page load and send
/// nothing outside the system and run no inline script, no framing, no sniffing, no referrer to other sites, no
/// camera, microphone or location, and no caching of what an authenticated caller was answered.
/// </summary>
public static partial class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private const string ReferencePath = "/api/reference";

    /// <summary>First in the pipeline, so even the exception handler's and the status code pages' answers carry the headers.</summary>
    public static WebApplication UseEduInfoSecurityHeaders(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                Apply(context);
                return Task.CompletedTask;
            });
            await (IsReferencePage(context.Request.Path) ? WithReferencePolicyAsync(context, next) : next(context));
        });
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        return app;
    }

    private static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.TryAdd(HeaderNames.ContentSecurityPolicy, ContentSecurityPolicy);
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        SecureHostCookies(headers);
        // Personal data must not stay in a shared browser's or a proxy's cache; an endpoint that knows better says so itself.
        if (context.User.Identity?.IsAuthenticated == true && !headers.ContainsKey(HeaderNames.CacheControl))
        {
            headers.CacheControl = "no-store";
        }
    }

    /// <summary>
    /// Every "__Host-" cookie leaves Secure, also on a plain-http request (http://localhost, which browsers treat as
    /// secure, or behind a TLS-terminating proxy): ASP.NET Core's antiforgery refuses CookieSecurePolicy.Always on such
    /// a request, so its cookie is built SameAsRequest and made Secure here.
    /// </summary>
    private static void SecureHostCookies(IHeaderDictionary headers)
    {
        var cookies = headers.SetCookie;
        if (cookies.Any(c => c is not null && c.StartsWith("__Host-", StringComparison.Ordinal) && !IsSecure(c)))
        {
            headers.SetCookie = cookies.Select(c => c is not null && c.StartsWith("__Host-", StringComparison.Ordinal) && !IsSecure(c) ? c + "; secure" : c).ToArray();
        }
    }

    private static bool IsSecure(string cookie) =>
        cookie.Split(';').Skip(1).Any(a => a.Trim().Equals("secure", StringComparison.OrdinalIgnoreCase));

    // The API reference's HTML for the one document (not its scripts or favicon). Any other {documentName} keeps the
    // strict policy: hashing whatever a page serves would admit a script reflected from the address.
    private static bool IsReferencePage(PathString path) =>
        path.StartsWithSegments(ReferencePath, out var rest) && rest.Value is "" or "/" or "/v1" or "/v1/";

    /// <summary>
    /// The API reference page configures Scalar in an inline module script: its policy admits exactly that script by
    /// its SHA-256 (taken from the page as served, so a package update cannot break or widen it), inline styles, which
    /// Scalar injects at runtime, and eval, which its bundled script calls (the browser test saw the violation). Only
    /// this vendor page: our pages keep script-src 'self' alone.
    /// </summary>
    private static async Task WithReferencePolicyAsync(HttpContext context, RequestDelegate next)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
        if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
        {
            context.Response.Headers.ContentSecurityPolicy = ReferencePolicy(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    /// <summary>The policy for an HTML page whose inline scripts are admitted by hash (the page's own, as served).</summary>
    public static string ReferencePolicy(string html)
    {
        var hashes = InlineScript().Matches(html)
            .Select(m => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(m.Groups["body"].Value)))}'")
            .Distinct();
        return ContentSecurityPolicy
            .Replace("script-src 'self'", string.Join(' ', ["script-src 'self'", .. hashes, "'unsafe-eval'"]), StringComparison.Ordinal)
            .Replace("style-src 'self'", "style-src 'self' 'unsafe-inline'", StringComparison.Ordinal);
    }

    // A script element without src: its text is what the browser hashes.
    [GeneratedRegex(@"<script\b(?![^>]*\bsrc\s*=)[^>]*>(?<body>.*?)</script\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
