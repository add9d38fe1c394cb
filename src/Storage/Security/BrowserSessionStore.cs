using Npgsql;

namespace EduInfo.Storage.Security;

/// <summary>Browser sessions kept on the server, by the SHA-256 of the cookie's key: a deleted row is a session ended for good.</summary>
public sealed class BrowserSessionStore(NpgsqlDataSource dataSource)
{
    /// <summary>Stores a new session and purges the expired ones (in the same statement: no job of its own).</summary>
    public async Task CreateAsync(byte[] keyHash, string userId, byte[] ticket, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            WITH purged AS (DELETE FROM browser_sessions WHERE expires_at < now() - interval '1 day')
            INSERT INTO browser_sessions (key_hash, user_id, ticket, expires_at) VALUES (@k, @u, @t, @e)
            """);
        command.Parameters.AddWithValue("k", keyHash);
        command.Parameters.AddWithValue("u", userId);
        command.Parameters.AddWithValue("t", ticket);
        command.Parameters.AddWithValue("e", expiresAt);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task RenewAsync(byte[] keyHash, byte[] ticket, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("UPDATE browser_sessions SET ticket = @t, expires_at = @e WHERE key_hash = @k");
        command.Parameters.AddWithValue("k", keyHash);
        command.Parameters.AddWithValue("t", ticket);
        command.Parameters.AddWithValue("e", expiresAt);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<byte[]?> FindAsync(byte[] keyHash, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT ticket FROM browser_sessions WHERE key_hash = @k");
        command.Parameters.AddWithValue("k", keyHash);
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }

    public async Task RemoveAsync(byte[] keyHash, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM browser_sessions WHERE key_hash = @k");
        command.Parameters.AddWithValue("k", keyHash);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
