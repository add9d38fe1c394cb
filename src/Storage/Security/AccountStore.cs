using Npgsql;

namespace EduInfo.Storage.Security;

/// <summary>Accounts, their grants, lock-out counters and refresh tokens in PostgreSQL.</summary>
public sealed class AccountStore(NpgsqlDataSource dataSource)
{
    public async Task<Account?> FindByLoginAsync(string login, CancellationToken cancellationToken = default) =>
        await FindAsync("u.login = @key", login, cancellationToken);

    public async Task<Account?> FindByIdAsync(string id, CancellationToken cancellationToken = default) =>
        await FindAsync("u.id = @key", id, cancellationToken);

    private async Task<Account?> FindAsync(string where, string key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT u.id, u.login, u.password_hash, u.person_id, u.failed_logins, u.locked_until, u.disabled,
                   coalesce(array_agg(r.role ORDER BY r.role, r.scope_id) FILTER (WHERE r.role IS NOT NULL), ARRAY[]::text[]),
                   coalesce(array_agg(r.scope_id ORDER BY r.role, r.scope_id) FILTER (WHERE r.role IS NOT NULL), ARRAY[]::text[])
            FROM users u LEFT JOIN user_roles r ON r.user_id = u.id
            WHERE {where}
            GROUP BY u.id
            """);
        command.Parameters.AddWithValue("key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        var roles = reader.GetFieldValue<string[]>(7);
        var scopes = reader.GetFieldValue<string[]>(8);
        return new Account(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.GetInt32(4), reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5), reader.GetBoolean(6),
            roles.Zip(scopes, (role, scope) => new Grant(role, scope)).ToList());
    }

    /// <summary>
    /// Counts a failed login; the <paramref name="threshold"/>-th failure in a row locks the account for <paramref name="lockFor"/>
    /// and starts the count again, so after the lock ends the account has the full threshold of tries, not one.
    /// </summary>
    public async Task RecordFailureAsync(string userId, int threshold, TimeSpan lockFor, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE users SET failed_logins = CASE WHEN failed_logins + 1 >= @threshold THEN 0 ELSE failed_logins + 1 END,
                             locked_until = CASE WHEN failed_logins + 1 >= @threshold THEN now() + @lock_for ELSE locked_until END
            WHERE id = @id
            """);
        command.Parameters.AddWithValue("id", userId);
        command.Parameters.AddWithValue("threshold", threshold);
        command.Parameters.AddWithValue("lock_for", lockFor);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task RecordSuccessAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = @id AND (failed_logins <> 0 OR locked_until IS NOT NULL)");
        command.Parameters.AddWithValue("id", userId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task StoreRefreshTokenAsync(byte[] tokenHash, string userId, Guid family, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO refresh_tokens (token_hash, user_id, family, expires_at) VALUES (@h, @u, @f, @e)");
        command.Parameters.AddWithValue("h", tokenHash);
        command.Parameters.AddWithValue("u", userId);
        command.Parameters.AddWithValue("f", family);
        command.Parameters.AddWithValue("e", expiresAt);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Uses a refresh token once: returns its user and family when it is valid, unused and unexpired. A token used a
    /// second time (stolen and replayed) revokes its whole family and returns null.
    /// </summary>
    public async Task<(string UserId, Guid Family)?> UseRefreshTokenAsync(byte[] tokenHash, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            WITH token AS (SELECT * FROM refresh_tokens WHERE token_hash = @h FOR UPDATE),
            used AS (
                UPDATE refresh_tokens t SET used_at = now() FROM token
                WHERE t.token_hash = token.token_hash AND token.used_at IS NULL AND token.revoked_at IS NULL AND token.expires_at > now()
                RETURNING t.user_id, t.family),
            replay AS (
                UPDATE refresh_tokens t SET revoked_at = now() FROM token
                WHERE t.family = token.family AND token.used_at IS NOT NULL AND t.revoked_at IS NULL
                RETURNING 1)
            SELECT user_id, family, (SELECT count(*) FROM replay) FROM used
            """);
        command.Parameters.AddWithValue("h", tokenHash);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetString(0), reader.GetGuid(1)) : null;
    }

    /// <summary>Creates accounts and their grants in one transaction (binary COPY).</summary>
    public async Task CreateAsync(IReadOnlyList<NewAccount> accounts, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var users = await connection.BeginBinaryImportAsync("COPY users (id, login, password_hash, person_id) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var a in accounts)
            {
                await users.WriteRowAsync(cancellationToken, a.Id, a.Login, a.PasswordHash, a.PersonId);
            }
            await users.CompleteAsync(cancellationToken);
        }
        await using (var roles = await connection.BeginBinaryImportAsync("COPY user_roles (user_id, role, scope_id) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var a in accounts)
            {
                foreach (var g in a.Grants)
                {
                    await roles.WriteRowAsync(cancellationToken, a.Id, g.Role, g.ScopeId);
                }
            }
            await roles.CompleteAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }
}
