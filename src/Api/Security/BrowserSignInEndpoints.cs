using EduInfo.Api.Actors;
using EduInfo.Api.Problems;
using EduInfo.Storage.Audit;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace EduInfo.Api.Security;

/// <summary>
/// The browser's sign-in and sign-out forms (application/x-www-form-urlencoded, antiforgery-validated). They answer
/// 303 to a page, never with the login in the URL; a refused sign-in looks the same whatever the cause, as the token
/// endpoint's does, and is audited by the same check (<see cref="AccountSignIn"/>).
/// </summary>
public static class BrowserSignInEndpoints
{
    public const string HomePath = "/home";

    public static WebApplication MapBrowserSignIn(this WebApplication app)
    {
        var forms = app.MapGroup("").WithTags("Browser session").ExcludeFromDescription().AllowAnonymous();
        forms.MapPost(BrowserSession.SignInPath, SignIn).RequireRateLimiting(RateLimits.LoginPolicy);
        // No form field to bind, so ask for the check explicitly.
        forms.MapPost("/signout", SignOut).WithMetadata(new RequireAntiforgeryTokenAttribute());
        return app;
    }

    public sealed record SignInForm(
        [FromForm(Name = "login")] string? Login,
        [FromForm(Name = "password")] string? Password,
        [FromForm(Name = "returnUrl")] string? ReturnUrl);

    private static async Task<Results<SeeOther, ProblemHttpResult>> SignIn(
        [AsParameters] SignInForm form, HttpContext context, AccountSignIn signIn, CancellationToken cancellationToken)
    {
        // Form binding has refused an invalid token already; a post without a body binds nothing and lands here.
        if (context.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true })
        {
            return LocalizedProblems.Antiforgery(context, StatusCodes.Status400BadRequest);
        }
        var returnUrl = IsLocal(form.ReturnUrl) ? form.ReturnUrl : null;
        var attempt = await signIn.VerifyAsync(form.Login, form.Password, context, SignInChannel.Browser, cancellationToken);
        if (attempt.Account is { } account)
        {
            await BrowserSession.SignInAsync(context, account);
            return new SeeOther(returnUrl ?? HomePath);
        }
        var notice = attempt.Outcome == SignInOutcome.Missing ? "missing" : "failed";
        return new SeeOther($"{BrowserSession.SignInPath}?notice={notice}{(returnUrl is null ? "" : "&returnUrl=" + Uri.EscapeDataString(returnUrl))}");
    }

    private static async Task<Results<SeeOther, ProblemHttpResult>> SignOut(
        HttpContext context, ActorResolver actors, AuditLog audit, CancellationToken cancellationToken)
    {
        var actor = actors.Resolve(context);
        // A session cookie that no longer authenticates has nothing left to forge: a session that expired while its page
        // was open signs out cleanly (its page's token was bound to the session, so it cannot pass).
        var ended = actor is null && context.Request.Cookies.ContainsKey(BrowserSession.CookieName);
        if (!ended && context.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true })
        {
            return LocalizedProblems.Antiforgery(context, StatusCodes.Status400BadRequest);
        }
        await context.SignOutAsync(BrowserSession.Scheme);
        if (actor is not null)
        {
            await audit.RecordAsync(new AuditEntry(actor.UserId, actor.Roles, actor.ClientAddress, "auth.signout", "account", actor.UserId, null, "ok"),
                cancellationToken);
        }
        return new SeeOther($"{BrowserSession.SignInPath}?notice=signedOut");
    }

    /// <summary>A path of this site: "/x", never "//host" or "/\host" (both leave it), nor a control character (a browser drops tabs: "/\t/host").</summary>
    public static bool IsLocal(string? url) =>
        url is { Length: > 0 and <= 2048 } && url[0] == '/'
        && (url.Length == 1 || url[1] is not ('/' or '\\'))
        && !url.Any(char.IsControl);
}

/// <summary>303 See Other: after a form post the browser GETs the location.</summary>
public sealed class SeeOther(string location) : IResult
{
    public string Location => location;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
        httpContext.Response.Headers.Location = location;
        return Task.CompletedTask;
    }
}
