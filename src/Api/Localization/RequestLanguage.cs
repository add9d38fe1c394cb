using EduInfo.Grains.Interfaces.Localization;
using Microsoft.Net.Http.Headers;

namespace EduInfo.Api.Localization;

/// <summary>
/// The language of a request: <c>?lang=</c> wins, then the choice a browser remembered (<see cref="CookieName"/>), then
/// Accept-Language by quality, then Kazakh.
/// </summary>
public static class RequestLanguage
{
    /// <summary>The cookie a page sets when its reader picks a language (a preference, not a credential).</summary>
    public const string CookieName = "eduinfo-lang";

    public static string Of(HttpContext context)
    {
        if (FromQuery(context) is { } fromQuery)
        {
            return fromQuery;
        }
        if (context.Request.Cookies.TryGetValue(CookieName, out var remembered) && Normalize(remembered) is { } fromCookie)
        {
            return fromCookie;
        }
        if (StringWithQualityHeaderValue.TryParseList(context.Request.Headers.AcceptLanguage, out var accepted))
        {
            foreach (var value in accepted.OrderByDescending(v => v.Quality ?? 1))
            {
                if (Normalize(value.Value.ToString()) is { } fromHeader)
                {
                    return fromHeader;
                }
            }
        }
        return Messages.Kazakh;
    }

    /// <summary>
    /// The language of a page: <c>?lang=</c>, then the remembered choice, then Kazakh — the state language is every
    /// page's default whatever the browser prefers; one click on the switch changes it for good.
    /// </summary>
    public static string OfPage(HttpContext context) =>
        FromQuery(context) ?? (context.Request.Cookies.TryGetValue(CookieName, out var remembered) ? Normalize(remembered) : null) ?? Messages.Kazakh;

    /// <summary>The language <c>?lang=</c> names, when it names a supported one.</summary>
    public static string? FromQuery(HttpContext context) =>
        context.Request.Query.TryGetValue("lang", out var lang) ? Normalize(lang.ToString()) : null;

    private static string? Normalize(string? tag)
    {
        if (string.IsNullOrEmpty(tag))
        {
            return null;
        }
        var primary = tag.Split('-', '_')[0].Trim().ToLowerInvariant();
        return Messages.Languages.Contains(primary) ? primary : null;
    }
}
