using EduInfo.Storage.Audit;
using Npgsql;

namespace EduInfo.Storage.Registry;

/// <summary>
/// Regional programme targets: read beside summaries, set by those responsible (audited in the same transaction).
/// Every dashboard read of an area shows its targets, so they are cached per node for a few seconds instead of costing
/// a database round trip per read; a change made through this instance is seen at once, through another within
/// <see cref="CacheLifetime"/>.
/// </summary>
public sealed class RegionalTargetStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> Metrics = ["attendanceRate", "formativePercent", "summativePercent", "knowledgeQuality", "successRate"];

    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(10);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (IReadOnlyList<RegionalTarget> Targets, DateTimeOffset Until)> _cache =
        new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<RegionalTarget>> ForNodeAsync(string nodeId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(nodeId, out var hit) && hit.Until > now)
        {
            return hit.Targets;
        }
        var targets = await ReadAsync(nodeId, cancellationToken);
        _cache[nodeId] = (targets, now + CacheLifetime);
        return targets;
    }

    private async Task<IReadOnlyList<RegionalTarget>> ReadAsync(string nodeId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT node_id, metric, target_percent FROM regional_targets WHERE node_id = @n ORDER BY metric");
        command.Parameters.AddWithValue("n", nodeId);
        var targets = new List<RegionalTarget>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            targets.Add(new RegionalTarget(reader.GetString(0), reader.GetString(1), reader.GetDecimal(2)));
        }
        return targets;
    }

    /// <summary>Sets (or replaces) a target and records who did it in the audit log, in one transaction.</summary>
    public async Task SetAsync(RegionalTarget target, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var upsert = new NpgsqlCommand("""
            INSERT INTO regional_targets (node_id, metric, target_percent, set_by) VALUES (@n, @m, @t, @by)
            ON CONFLICT (node_id, metric) DO UPDATE SET target_percent = excluded.target_percent, set_by = excluded.set_by, set_at = now()
            """, connection, transaction))
        {
            upsert.Parameters.AddWithValue("n", target.NodeId);
            upsert.Parameters.AddWithValue("m", target.Metric);
            upsert.Parameters.AddWithValue("t", target.TargetPercent);
            upsert.Parameters.AddWithValue("by", audit.ActorId);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var record = AuditLog.InsertCommand(audit, connection, transaction))
        {
            await record.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        _cache.TryRemove(target.NodeId, out _);
    }
}
