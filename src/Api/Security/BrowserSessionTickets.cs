using System.Security.Cryptography;
using System.Text;
using EduInfo.Storage.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.IdentityModel.Tokens;

namespace EduInfo.Api.Security;

/// <summary>
/// The session cookie's tickets, kept in PostgreSQL (every Api replica sees them): the cookie holds a random key, so
/// signing out removes the session itself, and a copy of the cookie taken earlier no longer works.
/// </summary>
public sealed class BrowserSessionTickets(BrowserSessionStore store) : ITicketStore
{
    public async Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken)
    {
        var key = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var userId = ticket.Principal.FindFirst(EduInfoClaims.Subject)?.Value ?? throw new InvalidOperationException("A session without a subject.");
        await store.CreateAsync(Hash(key), userId, TicketSerializer.Default.Serialize(ticket), Expiry(ticket), cancellationToken);
        return key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken) =>
        store.RenewAsync(Hash(key), TicketSerializer.Default.Serialize(ticket), Expiry(ticket), cancellationToken);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken) =>
        await store.FindAsync(Hash(key), cancellationToken) is { } bytes ? TicketSerializer.Default.Deserialize(bytes) : null;

    public Task RemoveAsync(string key, CancellationToken cancellationToken) => store.RemoveAsync(Hash(key), cancellationToken);

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, CancellationToken.None);

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, CancellationToken.None);

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, CancellationToken.None);

    public Task RemoveAsync(string key) => RemoveAsync(key, CancellationToken.None);

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    // The cookie handler sets it from its TimeProvider; the row outlives it only until a purge.
    private static DateTimeOffset Expiry(AuthenticationTicket ticket) =>
        ticket.Properties.ExpiresUtc ?? throw new InvalidOperationException("A session without an expiry.");
}
