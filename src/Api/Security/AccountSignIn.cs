using EduInfo.Storage.Audit;
using EduInfo.Storage.Security;
using Microsoft.Extensions.Options;

namespace EduInfo.Api.Security;

/// <summary>How a sign-in arrived: the token endpoint or the browser's sign-in form (recorded in the audit row's detail).</summary>
public enum SignInChannel
{
    Token,
    Browser,
}

public enum SignInOutcome
{
    Ok,
    /// <summary>No login or password, or one that cannot be one (too long, a NUL): nothing was looked up.</summary>
    Missing,
    /// <summary>Unknown login, wrong password, locked or disabled account: one answer, the audit row says which.</summary>
    Refused,
}

public readonly record struct SignInAttempt(SignInOutcome Outcome, Account? Account);

/// <summary>
/// The one credential check of the token endpoint and the browser sign-in: an unknown login costs a decoy hash, a
/// wrong password counts towards the lock-out, and every attempt is audited as "auth.login" with its outcome.
/// </summary>
public sealed class AccountSignIn(AccountStore accounts, AuditLog audit, IOptions<AuthOptions> options, TimeProvider clock)
{
    // Verified against when the login is unknown, so an unknown login costs as much time as a wrong password.
    private static readonly Lazy<string> DecoyHash = new(() => PasswordHashing.Hash(Guid.NewGuid().ToString()));

    public async Task<SignInAttempt> VerifyAsync(string? login, string? password, HttpContext context, SignInChannel channel, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(login) || string.IsNullOrEmpty(password) || login.Length > 128 || password.Length > 256 || login.Contains('\0'))
        {
            return new(SignInOutcome.Missing, null);
        }
        var account = await accounts.FindByLoginAsync(login, cancellationToken);
        if (account is null)
        {
            PasswordHashing.Verify(password, DecoyHash.Value);
            return await AuditAsync(context, channel, null, "refused-unknown-login", cancellationToken);
        }
        if (account.Disabled || account.LockedUntil > clock.GetUtcNow())
        {
            return await AuditAsync(context, channel, account, account.Disabled ? "refused-disabled" : "refused-locked", cancellationToken);
        }
        if (!PasswordHashing.Verify(password, account.PasswordHash))
        {
            await accounts.RecordFailureAsync(account.Id, options.Value.LockoutThreshold, options.Value.LockoutDuration, cancellationToken);
            return await AuditAsync(context, channel, account, "refused-password", cancellationToken);
        }
        await accounts.RecordSuccessAsync(account.Id, cancellationToken);
        return await AuditAsync(context, channel, account, "ok", cancellationToken);
    }

    private async Task<SignInAttempt> AuditAsync(HttpContext context, SignInChannel channel, Account? account, string outcome, CancellationToken cancellationToken)
    {
        var actorId = account?.Id ?? "unknown";
        await audit.RecordAsync(new AuditEntry(actorId, account?.Grants.Select(g => g.Role).Distinct().ToList() ?? [],
            context.Connection.RemoteIpAddress?.ToString(), "auth.login", "account", actorId, null, outcome,
            channel == SignInChannel.Browser ? """{"channel":"browser"}""" : "{}"), cancellationToken);
        return outcome == "ok" ? new(SignInOutcome.Ok, account) : new(SignInOutcome.Refused, null);
    }
}
