using Microsoft.AspNetCore.Components;

namespace EduInfo.Api.Web;

/// <summary>The status a page answers with when it shows a refusal instead of its content.</summary>
public static class PageStatus
{
    /// <summary>
    /// Not found: the not-found page is rendered in full, with 404 (NavigationManager.NotFound, then the status-code
    /// re-execution in the pipeline). Forbidden: 403, and the page renders its own refusal.
    /// </summary>
    public static void Refuse(HttpContext http, NavigationManager navigation, RefusalKind kind)
    {
        if (kind == RefusalKind.NotFound)
        {
            navigation.NotFound();
        }
        else
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
        }
    }
}
