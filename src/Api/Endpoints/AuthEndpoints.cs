using EduInfo.Api.Localization;
using EduInfo.Api.Problems;
using EduInfo.Api.Security;
using EduInfo.Storage.Audit;
using EduInfo.Storage.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace EduInfo.Api.Endpoints;

/// <summary>
/// Login for the registry's users: a password gives a short-lived access token and a single-use refresh token.
/// Failures answer the same 401 whatever the cause (unknown login, wrong password, locked or disabled account), so
/// the endpoint tells an attacker nothing; the audit log records which.
/// </summary>
public static class AuthEndpoints
{
    // Verified against when the login is unknown, so an unknown login costs as much time as a wrong password.
    private static readonly Lazy<string> DecoyHash = new(() => PasswordHashing.Hash(Guid.NewGuid().ToString()));

    public static RouteGroupBuilder MapAuthEndpoints(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Authentication").AllowAnonymous().RequireRateLimiting(RateLimits.LoginPolicy);
        auth.MapPost("/token", Login).WithName("Login").WithSummary("Exchange a login and password for tokens");
        auth.MapPost("/refresh", Refresh).WithName("RefreshToken").WithSummary("Exchange a refresh token for new tokens (the old one is spent)");
        return api;
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Login(
        TokenRequest request, HttpContext context, AccountStore accounts, TokenIssuer issuer, AuditLog audit,
        IOptions<AuthOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.Login) || string.IsNullOrEmpty(request.Password) || request.Login.Length > 128 || request.Password.Length > 256
            || request.Login.Contains('\0'))
        {
            return LocalizedProblems.Create(context, StatusCodes.Status400BadRequest, "validation", "problem.login.missing.title", "problem.login.missing.detail");
        }
        var account = await accounts.FindByLoginAsync(request.Login, cancellationToken);
        if (account is null)
        {
            PasswordHashing.Verify(request.Password, DecoyHash.Value);
            await Audit(audit, context, "unknown", [], "refused-unknown-login", cancellationToken);
            return Failed(context);
        }
        if (account.Disabled || account.LockedUntil > clock.GetUtcNow())
        {
            await Audit(audit, context, account.Id, account.Grants.Select(g => g.Role), account.Disabled ? "refused-disabled" : "refused-locked", cancellationToken);
            return Failed(context);
        }
        if (!PasswordHashing.Verify(request.Password, account.PasswordHash))
        {
            await accounts.RecordFailureAsync(account.Id, options.Value.LockoutThreshold, options.Value.LockoutDuration, cancellationToken);
            await Audit(audit, context, account.Id, account.Grants.Select(g => g.Role), "refused-password", cancellationToken);
            return Failed(context);
        }
        await accounts.RecordSuccessAsync(account.Id, cancellationToken);
        await Audit(audit, context, account.Id, account.Grants.Select(g => g.Role), "ok", cancellationToken);
        return TypedResults.Ok(await issuer.IssueAsync(account, family: null, cancellationToken));
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

    private static Task Audit(AuditLog audit, HttpContext context, string actorId, IEnumerable<string> roles, string outcome, CancellationToken cancellationToken) =>
        audit.RecordAsync(new AuditEntry(actorId, roles.Distinct().ToList(), context.Connection.RemoteIpAddress?.ToString(),
            "auth.login", "account", actorId, null, outcome), cancellationToken);
}
