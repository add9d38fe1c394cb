using System.Text.Json;
using Npgsql;

namespace EduInfo.Storage.Audit;

/// <summary>
/// The audit log (order point 10): append-only in PostgreSQL (a trigger refuses updates and deletes), purged only
/// past the retention period. Journal writes record their audit row in the same statement as the rows
/// (<see cref="Journal.JournalStore"/>); reads of personal data record it here before the data is returned.
/// </summary>
public sealed class AuditLog(NpgsqlDataSource dataSource)
{
    public async Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = InsertCommand(entry, connection, null);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The insert of one record, for a caller that writes it in the transaction of the change it describes.</summary>
    public static NpgsqlCommand InsertCommand(AuditEntry entry, NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        var command = new NpgsqlCommand("""
            INSERT INTO audit_log (actor_id, roles, client_address, action, target_kind, target_id, organization_id, outcome, detail)
            VALUES (@actor, @roles, @address, @action, @kind, @target, @organization, @outcome, @detail::jsonb)
            """, connection, transaction);
        command.Parameters.AddWithValue("actor", entry.ActorId);
        command.Parameters.AddWithValue("roles", entry.Roles.ToArray());
        command.Parameters.AddWithValue("address", (object?)entry.ClientAddress ?? DBNull.Value);
        command.Parameters.AddWithValue("action", entry.Action);
        command.Parameters.AddWithValue("kind", entry.TargetKind);
        command.Parameters.AddWithValue("target", entry.TargetId);
        command.Parameters.AddWithValue("organization", (object?)entry.OrganizationId ?? DBNull.Value);
        command.Parameters.AddWithValue("outcome", entry.Outcome);
        command.Parameters.AddWithValue("detail", entry.DetailJson);
        return command;
    }

    /// <summary>Writes one record with <paramref name="detail"/> as its JSON detail inside the caller's transaction.</summary>
    public static async Task WriteAsync(AuditEntry entry, object detail, NpgsqlConnection connection, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        await using var command = InsertCommand(entry with { DetailJson = JsonSerializer.Serialize(detail) }, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AuditRecord>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, at, actor_id, roles, client_address, action, target_kind, target_id, organization_id, outcome, detail::text
            FROM audit_log
            WHERE (@actor::text IS NULL OR actor_id = @actor)
              AND (@target::text IS NULL OR target_id = @target)
              AND (@organization::text IS NULL OR organization_id = @organization)
              AND (@from::timestamptz IS NULL OR at >= @from)
              AND (@to::timestamptz IS NULL OR at < @to)
              AND (@actions::text[] IS NULL OR action = ANY(@actions))
              AND (@outcome::text IS NULL OR outcome = @outcome)
            ORDER BY id DESC
            LIMIT @limit
            """);
        command.Parameters.AddWithValue("actor", (object?)query.ActorId ?? DBNull.Value);
        command.Parameters.AddWithValue("target", (object?)query.TargetId ?? DBNull.Value);
        command.Parameters.AddWithValue("organization", (object?)query.OrganizationId ?? DBNull.Value);
        command.Parameters.AddWithValue("from", (object?)query.From ?? DBNull.Value);
        command.Parameters.AddWithValue("to", (object?)query.To ?? DBNull.Value);
        command.Parameters.AddWithValue("limit", Math.Clamp(query.Limit, 1, 1000));
        command.Parameters.AddWithValue("actions", (object?)query.Actions?.ToArray() ?? DBNull.Value);
        command.Parameters.AddWithValue("outcome", (object?)query.Outcome ?? DBNull.Value);
        var records = new List<AuditRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new AuditRecord(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2),
                reader.GetFieldValue<string[]>(3), reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5),
                reader.GetString(6), reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8), reader.GetString(9), reader.GetString(10)));
        }
        return records;
    }

    /// <summary>Removes records older than <paramref name="retention"/>; returns how many.</summary>
    public async Task<long> PurgeAsync(TimeSpan retention, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT audit_log_purge(@retention)");
        command.Parameters.AddWithValue("retention", retention);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
