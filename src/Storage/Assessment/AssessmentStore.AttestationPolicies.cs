using System.Text.Json;
using EduInfo.Domain.YearEnd;
using EduInfo.Storage.Audit;
using Npgsql;
using NpgsqlTypes;

namespace EduInfo.Storage.Assessment;

// The final attestation's policy versions (migration 0040), written with their audit row.
public sealed partial class AssessmentStore
{
    public async Task<IReadOnlyList<FinalAttestationPolicyDocument>> ReadAttestationPoliciesAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT effective_from, document FROM final_attestation_policies ORDER BY effective_from");
        var versions = new List<FinalAttestationPolicyDocument>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(JsonSerializer.Deserialize<FinalAttestationPolicyDocument>(reader.GetString(1), Json)! with { EffectiveFrom = reader.GetFieldValue<DateOnly>(0) });
        }
        return versions;
    }

    /// <summary>Adds or replaces a version (already validated: it takes effect after today).</summary>
    public async Task WriteAttestationPolicyAsync(FinalAttestationPolicyDocument policy, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var upsert = new NpgsqlCommand("""
            INSERT INTO final_attestation_policies (effective_from, document) VALUES (@from, @document)
            ON CONFLICT (effective_from) DO UPDATE SET document = excluded.document
            """, connection, transaction))
        {
            upsert.Parameters.AddWithValue("from", policy.EffectiveFrom!.Value);
            upsert.Parameters.Add(new NpgsqlParameter("document", NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(policy, Json) });
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var record = AuditLog.InsertCommand(audit, connection, transaction))
        {
            await record.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }
}
