using System.Globalization;
using EduInfo.Api.Actors;
using EduInfo.Api.Endpoints;
using EduInfo.Api.Localization;
using EduInfo.Api.Problems;
using EduInfo.Api.Security;
using EduInfo.Domain.Calendar;
using EduInfo.Api.Web.Components;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduInfo.Api.Web;

/// <summary>
/// The pages (docs/web.md): Razor components rendered on the server (static SSR), served by the Api on its own origin,
/// with the bundled modules and stylesheet; the pages read through the same services and rules as the API.
/// </summary>
public static class WebHostingExtensions
{
    public static WebApplicationBuilder AddEduInfoWeb(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents();
        // Kazakh and Russian text is written as it is, not as numeric character references (six times the bytes).
        builder.Services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<WebText>();
        builder.Services.AddSingleton<WebAssets>();
        builder.Services.AddSingleton((builder.Configuration.GetSection("DashboardViews").Get<DashboardViewOptions>() ?? new DashboardViewOptions()).Validated());
        builder.Services.AddSingleton<DashboardViews>();
        return builder;
    }

    /// <summary>Remembers a language picked with <c>?lang=</c> on a page, for a year (a preference, readable by nothing but this origin).</summary>
    public static WebApplication UseWebLanguage(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            if (HttpMethods.IsGet(context.Request.Method) && RequestLanguage.FromQuery(context) is { } language
                && context.Request.Cookies[RequestLanguage.CookieName] != language)
            {
                context.Response.Cookies.Append(RequestLanguage.CookieName, language, new CookieOptions
                {
                    MaxAge = TimeSpan.FromDays(365),
                    HttpOnly = true,
                    Secure = true,
                    SameSite = SameSiteMode.Lax,
                    IsEssential = true,
                });
            }
            return next(context);
        });
        return app;
    }

    public static WebApplication MapEduInfoWeb(this WebApplication app)
    {
        app.MapWebAssets();
        app.MapGet("/home", Home).RequireAuthorization().ExcludeFromDescription();
        // The dashboard's section alone, for its live refresh: the page's rule on every request, then the shared render.
        app.MapGet("/nodes/{nodeId}/view", DashboardView).RequireAuthorization().RequireNode(AccessPolicy.CanReadSummary).ExcludeFromDescription();
        // Pages are read with GET; every form posts to an endpoint of its own (e.g. POST /signin), never to a page.
        app.MapRazorComponents<App>().Add(endpoint => endpoint.Metadata.Add(new HttpMethodMetadata([HttpMethods.Get])));
        return app;
    }

    private static RedirectHttpResult Home(HttpContext http, ActorResolver actors) =>
        TypedResults.Redirect(actors.Resolve(http) is { } actor ? WebHome.For(actor) : "/");

    /// <summary>
    /// #dashboard of <c>/nodes/{nodeId}</c> with the same filters (ignored when they name nothing, as on the page), at
    /// summary version <c>v</c> or newer; the server's clock travels in a header, not in the shared HTML.
    /// </summary>
    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> DashboardView(string nodeId, string? term, string? subjectId, string? dimension, string? v,
        [AsParameters] EndpointCall call, DashboardViews views, IKazakhstanClock clock)
    {
        var version = 0L;
        if (v is not null && !long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out version))
        {
            return LocalizedProblems.Invalid(call.Http, [("v", "versionInvalid")], "summary.error");
        }
        var view = await views.GetAsync(call.Caller.Node, DashboardSectionData.FilterOf(term, subjectId), DashboardSectionData.DimensionOf(dimension),
            RequestLanguage.OfPage(call.Http), version, call.Aborted);
        call.Http.Response.Headers.CacheControl = "no-store";
        call.Http.Response.Headers[DashboardViews.ServerNowHeader] = clock.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        return TypedResults.Content(view.Html, "text/html; charset=utf-8");
    }

    /// <summary>Whether a path belongs to the machine interfaces (JSON problems) rather than to the pages (HTML).</summary>
    public static bool IsPagePath(PathString path) =>
        !path.StartsWithSegments("/api") && !path.StartsWithSegments("/openapi") && !path.StartsWithSegments("/health")
        && !path.StartsWithSegments("/assets");
}
