using Microsoft.AspNetCore.Diagnostics;

namespace EduInfo.Api.Web;

/// <summary>The status a page answers with when it shows a refusal instead of its content.</summary>
public static class PageStatus
{
    /// <summary>
    /// Sets 404 or 403 for the page being rendered; the page renders its own refusal, so the status-code handler
    /// (which answers bare 4xx responses) stays out of it.
    /// </summary>
    public static void Refuse(HttpContext http, RefusalKind kind)
    {
        http.Response.StatusCode = kind == RefusalKind.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status403Forbidden;
        if (http.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
        {
            statusCodePages.Enabled = false;
        }
    }
}
