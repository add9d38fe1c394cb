using EduInfo.Storage.Audit;
using Npgsql;

namespace EduInfo.Storage.Registry;

/// <summary>
/// Regional programme targets: read beside summaries, set by those responsible (audited in the same transaction).
/// Every dashboard read of an area shows its targets. The whole table is small (a few metrics per area), so it is held
/// as one snapshot, refreshed in the background once it is older than <see cref="CacheLifetime"/>: a dashboard read
/// never waits on the database, which at term end is busy with the journal's writes. A change made through this
/// instance is seen at once, through another within the lifetime or at once after <see cref="TryReloadAsync"/>.
/// </summary>
public sealed class RegionalTargetStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(10);

    private sealed record Snapshot(IReadOnlyDictionary<string, IReadOnlyList<RegionalTarget>> ByNode, DateTimeOffset ReadAt);

    private volatile Snapshot? _snapshot;
    private Task<Snapshot>? _refresh;
    private readonly Lock _refreshLock = new();

    public async Task<IReadOnlyList<RegionalTarget>> ForNodeAsync(string nodeId, CancellationToken cancellationToken = default)
    {
        var snapshot = _snapshot;
        if (snapshot is null)
        {
            snapshot = await RefreshAsync().WaitAsync(cancellationToken);
        }
        else if (clock.GetUtcNow() - snapshot.ReadAt >= CacheLifetime)
        {
            _ = RefreshAsync(); // served from the old snapshot meanwhile; a failed refresh is retried by the next read
        }
        return snapshot.ByNode.TryGetValue(nodeId, out var targets) ? targets : [];
    }

    /// <summary>
    /// Reads the table now: a change made elsewhere (by the grain that sets targets, in a silo) is seen at once. False
    /// when the database did not answer: the change is committed all the same, and the snapshot catches up within its lifetime.
    /// </summary>
    public async Task<bool> TryReloadAsync()
    {
        try
        {
            await ReadAllAsync();
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            return false;
        }
    }

    /// <summary>One read of the table at a time; callers meanwhile share it.</summary>
    private Task<Snapshot> RefreshAsync()
    {
        lock (_refreshLock)
        {
            if (_refresh is { IsCompleted: false } running)
            {
                return running;
            }
            return _refresh = ReadAllAsync();
        }
    }

    private async Task<Snapshot> ReadAllAsync()
    {
        var readAt = clock.GetUtcNow();
        await using var command = dataSource.CreateCommand("SELECT node_id, metric, target_percent, set_from_above FROM regional_targets ORDER BY node_id, metric");
        var targets = new List<RegionalTarget>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                targets.Add(new RegionalTarget(reader.GetString(0), reader.GetString(1), reader.GetDecimal(2), reader.GetBoolean(3)));
            }
        }
        var byNode = targets.GroupBy(t => t.NodeId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, IReadOnlyList<RegionalTarget> (g) => g.ToList(), StringComparer.Ordinal);
        var snapshot = new Snapshot(byNode, readAt);
        lock (_refreshLock)
        {
            // A refresh begun before a change here must not replace the read made after it.
            if (_snapshot is null || _snapshot.ReadAt <= readAt)
            {
                _snapshot = snapshot;
            }
        }
        return snapshot;
    }

    /// <summary>Sets (or replaces) a target and records who did it in the audit log, in one transaction.</summary>
    public async Task SetAsync(RegionalTarget target, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var upsert = new NpgsqlCommand("""
            INSERT INTO regional_targets (node_id, metric, target_percent, set_by, set_from_above) VALUES (@n, @m, @t, @by, @above)
            ON CONFLICT (node_id, metric) DO UPDATE
            SET target_percent = excluded.target_percent, set_by = excluded.set_by, set_from_above = excluded.set_from_above, set_at = now()
            """, connection, transaction))
        {
            upsert.Parameters.AddWithValue("n", target.NodeId);
            upsert.Parameters.AddWithValue("m", target.Metric);
            upsert.Parameters.AddWithValue("t", target.TargetPercent);
            upsert.Parameters.AddWithValue("by", audit.ActorId);
            upsert.Parameters.AddWithValue("above", target.SetFromAbove);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var record = AuditLog.InsertCommand(audit, connection, transaction))
        {
            await record.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        await ReadAllAsync(); // seen at once through this instance
    }
}
