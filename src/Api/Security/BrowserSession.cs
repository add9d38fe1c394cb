using System.Globalization;
using System.Security.Claims;
using EduInfo.Storage.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace EduInfo.Api.Security;

/// <summary>
/// The browser's session: an HttpOnly, Secure, SameSite=Lax cookie holding the same claims as an access token
/// (<see cref="ActorClaims"/>), so the same actor and the same AccessPolicy apply. EventSource cannot send an
/// Authorization header, so the web uses this cookie only. It expires after <see cref="AuthOptions.SessionIdleTimeout"/>
/// without use and <see cref="AuthOptions.SessionLifetime"/> after sign-in, and follows the account: it is re-read at
/// most every <see cref="AuthOptions.SessionRecheck"/>, ending the session of a removed, disabled or locked account and
/// taking changed grants at once. The session itself is kept on the server (<see cref="BrowserSessionTickets"/>), so
/// signing out ends it even for a copy of the cookie.
/// </summary>
public static class BrowserSession
{
    public const string Scheme = "BrowserSession";

    /// <summary>"__Host-": the browser keeps it only when Secure, Path=/ and without Domain, so no subdomain can plant one.</summary>
    public const string CookieName = "__Host-eduinfo";

    /// <summary>When the session began (Unix seconds, as a token's iat): the absolute lifetime counts from it, renewals keep it.</summary>
    public const string IssuedAtClaim = "iat";

    public const string SignInPath = "/signin";

    // When the account was last re-read (an item of the protected ticket, not a claim: it is no part of the actor).
    private const string CheckedItem = ".eduinfo.checked";

    public static AuthenticationBuilder AddBrowserSession(this AuthenticationBuilder authentication, AuthOptions options)
    {
        authentication.Services.AddSingleton<BrowserSessionTickets>();
        authentication.Services.AddOptions<CookieAuthenticationOptions>(Scheme).Configure<BrowserSessionTickets>((o, tickets) => o.SessionStore = tickets);
        return authentication.AddCookie(Scheme, o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            // Always, even on http://localhost (browsers accept it there), so no deployment can forget it.
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax;
            o.Cookie.Path = "/";
            o.ExpireTimeSpan = options.SessionIdleTimeout;
            o.SlidingExpiration = true;
            o.Events = new CookieAuthenticationEvents
            {
                OnValidatePrincipal = ValidateAsync,
                OnRedirectToLogin = RedirectToSignIn,
                // A page decides what to show a caller it refuses; nobody is sent elsewhere.
                OnRedirectToAccessDenied = context => Status(context, StatusCodes.Status403Forbidden),
            };
        });
    }

    /// <summary>Starts a session for the account (a fresh cookie: nothing of an earlier session carries over).</summary>
    public static Task SignInAsync(HttpContext context, Account account)
    {
        var now = Clock(context).GetUtcNow();
        var claims = ActorClaims.For(account);
        claims.Add(new Claim(IssuedAtClaim, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64));
        var properties = new AuthenticationProperties();
        properties.Items[CheckedItem] = now.ToString("O", CultureInfo.InvariantCulture);
        return context.SignInAsync(Scheme, Principal(claims), properties);
    }

    /// <summary>Paths answered with problem details, never sent to the sign-in page.</summary>
    public static bool IsApi(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/health");

    // The cookie handler's own clock (the host's TimeProvider unless the scheme is given another), so the session's
    // expiry, its issued-at and its rechecks count on one clock.
    private static TimeProvider Clock(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(Scheme).TimeProvider
        ?? context.RequestServices.GetRequiredService<TimeProvider>();

    private static ClaimsPrincipal Principal(IEnumerable<Claim> claims) =>
        new(new ClaimsIdentity(claims, Scheme, EduInfoClaims.Subject, null));

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var settings = services.GetRequiredService<IOptions<AuthOptions>>().Value;
        var now = Clock(context.HttpContext).GetUtcNow();
        var principal = context.Principal!;
        if (!long.TryParse(principal.FindFirst(IssuedAtClaim)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var issuedAt)
            || now - DateTimeOffset.FromUnixTimeSeconds(issuedAt) >= settings.SessionLifetime)
        {
            await RejectAsync(context);
            return;
        }
        if (context.Properties.Items.TryGetValue(CheckedItem, out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var checkedAt)
            && now - checkedAt < settings.SessionRecheck && checkedAt <= now)
        {
            return;
        }
        var subject = principal.FindFirst(EduInfoClaims.Subject)?.Value;
        var account = subject is null ? null : await services.GetRequiredService<AccountStore>().FindByIdAsync(subject, context.HttpContext.RequestAborted);
        if (account is null || account.Disabled || account.LockedUntil > now)
        {
            await RejectAsync(context);
            return;
        }
        var fresh = ActorClaims.For(account);
        if (ActorClaims.Fingerprint(fresh) != ActorClaims.Fingerprint(principal.Claims))
        {
            fresh.Add(principal.FindFirst(IssuedAtClaim)!);
            context.ReplacePrincipal(Principal(fresh.Select(c => new Claim(c.Type, c.Value, c.ValueType))));
        }
        context.Properties.Items[CheckedItem] = now.ToString("O", CultureInfo.InvariantCulture);
        context.ShouldRenew = true;
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(Scheme);
    }

    private static Task RedirectToSignIn(RedirectContext<CookieAuthenticationOptions> context)
    {
        var request = context.Request;
        if (IsApi(request.Path))
        {
            // As an API caller without a token has always been answered (the status code pages write the problem).
            context.Response.Headers.Append(HeaderNames.WWWAuthenticate, "Bearer");
            return Status(context, StatusCodes.Status401Unauthorized);
        }
        // A cookie that came and did not authenticate is a session that ended (idle, lifetime, account changed).
        var notice = request.Cookies.ContainsKey(CookieName) ? "notice=expired&" : "";
        var returnUrl = Uri.EscapeDataString(request.PathBase + request.Path + request.QueryString);
        context.Response.Redirect($"{SignInPath}?{notice}returnUrl={returnUrl}");
        return Task.CompletedTask;
    }

    private static Task Status(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
