using EduInfo.Api.Problems;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;

namespace EduInfo.Api.Security;

/// <summary>
/// Antiforgery for what a browser sends with its ambient session cookie: every form post (the sign-in forms, and the
/// pages' forms through minimal API form binding) and every unsafe /api call authenticated by the cookie, whose token
/// comes in the <see cref="HeaderName"/> header. Bearer and development-header calls carry no ambient credential, so
/// a cross-site page cannot make them; they are not checked.
/// </summary>
public static class ApiAntiforgery
{
    public const string CookieName = "__Host-eduinfo-af";
    public const string HeaderName = "X-EduInfo-Antiforgery";
    public const string FormFieldName = "__RequestVerificationToken";

    public static WebApplicationBuilder AddEduInfoAntiforgery(this WebApplicationBuilder builder)
    {
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            // Secure always all the same: SecurityHeaders adds it to every "__Host-" cookie (Always would make the
            // antiforgery refuse every plain-http request, http://localhost included).
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.Path = "/";
            o.HeaderName = HeaderName;
            o.FormFieldName = FormFieldName;
            o.SuppressXFrameOptionsHeader = true; // SecurityHeaders sends DENY on every response
        });
        return builder;
    }

    /// <summary>After authentication: a cookie-authenticated unsafe /api request without a valid token is a localized 403.</summary>
    public static WebApplication UseEduInfoApiAntiforgery(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api") && !IsSafe(context.Request.Method) && IsBrowserSession(context)
                && !await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context))
            {
                await LocalizedProblems.Antiforgery(context, StatusCodes.Status403Forbidden).ExecuteAsync(context);
                return;
            }
            await next(context);
        });
        return app;
    }

    /// <summary>True when the request's principal came from the browser session cookie.</summary>
    public static bool IsBrowserSession(HttpContext context) =>
        context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Ticket?.AuthenticationScheme == BrowserSession.Scheme;

    private static bool IsSafe(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);
}
