using EduInfo.Api.Problems;
using EduInfo.Api.Security;
using EduInfo.Storage.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduInfo.Api.Endpoints;

/// <summary>
/// Login for the registry's users: a password gives a short-lived access token and a single-use refresh token.
/// Failures answer the same 401 whatever the cause (unknown login, wrong password, locked or disabled account), so
/// the endpoint tells an attacker nothing; the audit log records which.
/// </summary>
public static class AuthEndpoints
{
    public static RouteGroupBuilder MapAuthEndpoints(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Authentication").AllowAnonymous().RequireRateLimiting(RateLimits.LoginPolicy);
        auth.MapPost("/token", Login).WithName("Login").WithSummary("Exchange a login and password for tokens");
        auth.MapPost("/refresh", Refresh).WithName("RefreshToken").WithSummary("Exchange a refresh token for new tokens (the old one is spent)");
        return api;
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Login(
        TokenRequest request, HttpContext context, AccountSignIn signIn, TokenIssuer issuer, CancellationToken cancellationToken)
    {
        var attempt = await signIn.VerifyAsync(request.Login, request.Password, context, SignInChannel.Token, cancellationToken);
        return attempt switch
        {
            { Outcome: SignInOutcome.Missing } =>
                LocalizedProblems.Create(context, StatusCodes.Status400BadRequest, "validation", "problem.login.missing.title", "problem.login.missing.detail"),
            { Account: { } account } => TypedResults.Ok(await issuer.IssueAsync(account, family: null, cancellationToken)),
            _ => Failed(context),
        };
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Refresh(
        RefreshRequest request, HttpContext context, AccountStore accounts, TokenIssuer issuer, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.RefreshToken) || request.RefreshToken.Length > 256 || request.RefreshToken.Contains('\0'))
        {
            return Failed(context);
        }
        var used = await accounts.UseRefreshTokenAsync(TokenIssuer.HashRefreshToken(request.RefreshToken), cancellationToken);
        var account = used is null ? null : await accounts.FindByIdAsync(used.Value.UserId, cancellationToken);
        if (account is null || account.Disabled || account.LockedUntil > clock.GetUtcNow())
        {
            return Failed(context);
        }
        return TypedResults.Ok(await issuer.IssueAsync(account, used!.Value.Family, cancellationToken));
    }

    private static ProblemHttpResult Failed(HttpContext context) =>
        LocalizedProblems.Create(context, StatusCodes.Status401Unauthorized, "login-failed", "problem.login.failed.title", "problem.login.failed.detail");
}
