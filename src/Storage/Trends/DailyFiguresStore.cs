using System.Text.Json;
using System.Text.Json.Serialization;
using EduInfo.Domain.Metrics;
using EduInfo.Domain.Trends;
using Npgsql;
using NpgsqlTypes;

namespace EduInfo.Storage.Trends;

/// <summary>
/// The daily trend history (migration 0034): a day is claimed once across silos, written with its nodes' changed cells
/// in one transaction, and read back as a series of one cell of one node.
/// </summary>
public sealed class DailyFiguresStore(NpgsqlDataSource dataSource)
{
    // Sparse JSON: only the non-zero figures of a cell are kept; a field added later reads as zero from older rows.
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
    };

    /// <summary>The last day captured or recorded missing, or null before the first capture.</summary>
    public async Task<DateOnly?> LastDayAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT max(day) FROM day_captures");
        return await command.ExecuteScalarAsync(cancellationToken) is DateOnly day ? day : null;
    }

    /// <summary>
    /// One capture of <paramref name="day"/>: claims it (false when another silo did), records the days in
    /// <paramref name="missing"/>, then asks <paramref name="walk"/> for the nodes batch by batch and keeps each node's
    /// changed cells — all in one transaction, so a silo that dies mid-way leaves the day unclaimed for the next.
    /// </summary>
    public async Task<bool> CaptureAsync(DateOnly day, IReadOnlyList<DateOnly> missing, IAsyncEnumerable<IReadOnlyList<CapturedNode>> walk,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var claim = new NpgsqlCommand("INSERT INTO day_captures (day, status) VALUES (@d, 'captured') ON CONFLICT DO NOTHING", connection, transaction))
        {
            claim.Parameters.AddWithValue("d", day);
            if (await claim.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false;
            }
        }
        await using (var gaps = new NpgsqlCommand("INSERT INTO day_captures (day, status) SELECT unnest(@days), 'missing' ON CONFLICT DO NOTHING", connection, transaction))
        {
            gaps.Parameters.AddWithValue("days", missing.ToArray());
            await gaps.ExecuteNonQueryAsync(cancellationToken);
        }
        var nodes = 0;
        await foreach (var batch in walk.WithCancellation(cancellationToken))
        {
            var latest = await LatestAsync(connection, transaction, batch.Select(n => n.NodeId).ToArray(), cancellationToken);
            var changed = new List<(string NodeId, string Cells)>();
            var current = new List<(string NodeId, string Cells)>();
            foreach (var node in batch)
            {
                var delta = TrendCells.Changed(latest.GetValueOrDefault(node.NodeId) ?? new Dictionary<SummaryKey, SummaryFigures>(), node.Cells);
                if (delta.Count > 0)
                {
                    changed.Add((node.NodeId, Serialize(delta)));
                    current.Add((node.NodeId, Serialize(node.Cells)));
                }
            }
            await WriteAsync(connection, transaction, day, changed, current, cancellationToken);
            nodes += batch.Count;
        }
        await using (var count = new NpgsqlCommand("UPDATE day_captures SET nodes = @n WHERE day = @d", connection, transaction))
        {
            count.Parameters.AddWithValue("n", nodes);
            count.Parameters.AddWithValue("d", day);
            await count.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// The days captured or missing in [<paramref name="from"/>, <paramref name="to"/>], and the node's kept changes of one
    /// cell up to <paramref name="to"/>: what <see cref="TrendCells.Series"/> folds into a series.
    /// </summary>
    public async Task<(IReadOnlyList<(DateOnly Day, bool Missing)> Days, IReadOnlyList<(DateOnly Day, SummaryFigures Figures)> Changes)> ReadCellAsync(
        string nodeId, SummaryKey key, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT day, status = 'missing' FROM day_captures WHERE day BETWEEN @from AND @to ORDER BY day"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT day, cells -> @key FROM daily_figures WHERE node_id = @n AND day <= @to AND cells ? @key ORDER BY day"));
        foreach (NpgsqlBatchCommand command in batch.BatchCommands)
        {
            command.Parameters.AddWithValue("from", from);
            command.Parameters.AddWithValue("to", to);
            command.Parameters.AddWithValue("n", nodeId);
            command.Parameters.AddWithValue("key", KeyOf(key));
        }
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var days = new List<(DateOnly, bool)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            days.Add((reader.GetFieldValue<DateOnly>(0), reader.GetBoolean(1)));
        }
        await reader.NextResultAsync(cancellationToken);
        var changes = new List<(DateOnly, SummaryFigures)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            changes.Add((reader.GetFieldValue<DateOnly>(0), JsonSerializer.Deserialize<SummaryFigures>(reader.GetString(1), Json) ?? SummaryFigures.Zero));
        }
        return (days, changes);
    }

    /// <summary>
    /// <see cref="ReadCellAsync"/> for many nodes in one round trip: the days in [<paramref name="from"/>,
    /// <paramref name="to"/>] and each node's kept changes of the cell (a node with none is absent).
    /// </summary>
    public async Task<(IReadOnlyList<(DateOnly Day, bool Missing)> Days, IReadOnlyDictionary<string, List<(DateOnly Day, SummaryFigures Figures)>> Changes)> ReadCellsAsync(
        IReadOnlyList<string> nodeIds, SummaryKey key, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT day, status = 'missing' FROM day_captures WHERE day BETWEEN @from AND @to ORDER BY day"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT node_id, day, cells -> @key FROM daily_figures WHERE node_id = ANY (@ids) AND day <= @to AND cells ? @key ORDER BY node_id, day"));
        foreach (NpgsqlBatchCommand command in batch.BatchCommands)
        {
            command.Parameters.AddWithValue("from", from);
            command.Parameters.AddWithValue("to", to);
            command.Parameters.AddWithValue("ids", nodeIds.ToArray());
            command.Parameters.AddWithValue("key", KeyOf(key));
        }
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var days = new List<(DateOnly, bool)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            days.Add((reader.GetFieldValue<DateOnly>(0), reader.GetBoolean(1)));
        }
        await reader.NextResultAsync(cancellationToken);
        var changes = new Dictionary<string, List<(DateOnly, SummaryFigures)>>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            var node = reader.GetString(0);
            if (!changes.TryGetValue(node, out var list))
            {
                changes[node] = list = [];
            }
            list.Add((reader.GetFieldValue<DateOnly>(1), JsonSerializer.Deserialize<SummaryFigures>(reader.GetString(2), Json) ?? SummaryFigures.Zero));
        }
        return (days, changes);
    }

    public static string KeyOf(SummaryKey key) => $"{key.Term}/{key.SubjectId}";

    private static string Serialize(IReadOnlyDictionary<SummaryKey, SummaryFigures> cells) =>
        JsonSerializer.Serialize(cells.ToDictionary(c => KeyOf(c.Key), c => c.Value), Json);

    private static Dictionary<SummaryKey, SummaryFigures> Deserialize(string json) =>
        (JsonSerializer.Deserialize<Dictionary<string, SummaryFigures>>(json, Json) ?? [])
            .ToDictionary(c => ParseKey(c.Key), c => c.Value);

    private static SummaryKey ParseKey(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return new SummaryKey(int.Parse(key[..slash], System.Globalization.CultureInfo.InvariantCulture), key[(slash + 1)..]);
    }

    private static async Task<Dictionary<string, Dictionary<SummaryKey, SummaryFigures>>> LatestAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        string[] nodeIds, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT node_id, cells FROM daily_latest WHERE node_id = ANY (@ids)", connection, transaction);
        command.Parameters.AddWithValue("ids", nodeIds);
        var latest = new Dictionary<string, Dictionary<SummaryKey, SummaryFigures>>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            latest[reader.GetString(0)] = Deserialize(reader.GetString(1));
        }
        return latest;
    }

    private static async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DateOnly day,
        List<(string NodeId, string Cells)> changed, List<(string NodeId, string Cells)> current, CancellationToken cancellationToken)
    {
        if (changed.Count == 0)
        {
            return;
        }
        await using var write = new NpgsqlCommand("""
            WITH kept AS (
                INSERT INTO daily_figures (node_id, day, cells)
                SELECT n, @d, c FROM unnest(@nodes, @changed::jsonb[]) AS x (n, c)
            )
            INSERT INTO daily_latest (node_id, day, cells)
            SELECT n, @d, c FROM unnest(@nodes, @current::jsonb[]) AS x (n, c)
            ON CONFLICT (node_id) DO UPDATE SET day = excluded.day, cells = excluded.cells
            """, connection, transaction);
        write.Parameters.AddWithValue("d", day);
        write.Parameters.AddWithValue("nodes", changed.Select(c => c.NodeId).ToArray());
        write.Parameters.Add(new NpgsqlParameter("changed", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = changed.Select(c => c.Cells).ToArray() });
        write.Parameters.Add(new NpgsqlParameter("current", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = current.Select(c => c.Cells).ToArray() });
        await write.ExecuteNonQueryAsync(cancellationToken);
    }
}
