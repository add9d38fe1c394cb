using EduInfo.Api.Actors;
using EduInfo.Api.Localization;
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
        // Pages are read with GET; every form posts to an endpoint of its own (e.g. POST /signin), never to a page.
        app.MapRazorComponents<App>().Add(endpoint => endpoint.Metadata.Add(new HttpMethodMetadata([HttpMethods.Get])));
        return app;
    }

    private static RedirectHttpResult Home(HttpContext http, ActorResolver actors) =>
        TypedResults.Redirect(actors.Resolve(http) is { } actor ? WebHome.For(actor) : "/");

    /// <summary>Whether a path belongs to the machine interfaces (JSON problems) rather than to the pages (HTML).</summary>
    public static bool IsPagePath(PathString path) =>
        !path.StartsWithSegments("/api") && !path.StartsWithSegments("/openapi") && !path.StartsWithSegments("/health")
        && !path.StartsWithSegments("/assets");
}
