using EduInfo.Grains.Interfaces.Localization;
using Microsoft.Net.Http.Headers;

namespace EduInfo.Api.Localization;

/// <summary>The language of a request: <c>?lang=</c> wins, then Accept-Language by quality, then Kazakh.</summary>
public static class RequestLanguage
{
    public static string Of(HttpContext context)
    {
        if (context.Request.Query.TryGetValue("lang", out var lang) && Normalize(lang.ToString()) is { } fromQuery)
        {
            return fromQuery;
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

    private static string? Normalize(string tag)
    {
        var primary = tag.Split('-', '_')[0].Trim().ToLowerInvariant();
        return Messages.Languages.Contains(primary) ? primary : null;
    }
}
