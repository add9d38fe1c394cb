namespace EduInfo.Api.Web;

/// <summary>Why a page shows no content: nothing there (404), or not for this reader (403).</summary>
public enum RefusalKind
{
    NotFound,
    Forbidden,
}
