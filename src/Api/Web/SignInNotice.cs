namespace EduInfo.Api.Web;

/// <summary>
/// What the sign-in page tells a reader sent back to it (<c>/signin?notice=…</c>). Only these are shown: the query
/// never puts text of its own on the page. A failure never says whether the login exists or the account is locked.
/// </summary>
public enum SignInNotice
{
    Failed,
    Missing,
    Expired,
    SignedOut,
    Locked,
}
