using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace EduInfo.Tools.Benchmark;

/// <summary>
/// The ceiling: the rows a measured run acknowledged, taken out of the journal and written back by raw binary COPY
/// into the same table (same partition, indexes and constraints, same history before them), with fsync and
/// synchronous_commit on. Three ways: one COPY (a transaction) per request batch from as many connections as the run had
/// clients — the ceiling for acknowledged batches —, one single COPY of every row, the absolute ceiling, and (issue
/// 26.4) the per-batch COPY again into fresh rows of a copy of the table: the same partitions, indexes, constraints
/// and history, where the rows' keys were never written before (rows deleted and written back meet their own dead
/// index entries). A checkpoint before each timed COPY, so none pays for the writes before it. The rows end up
/// exactly as the run left them (same sequence numbers), so later checks see the journal of the run.
/// </summary>
public static class CopyCeiling
{
    public sealed record Result(long Rows, int Batches, double BatchedRowsPerSecond, double SingleStreamRowsPerSecond,
        double FreshBatchedRowsPerSecond, long CopyHistoryRows)
    {
        /// <summary>The higher of the two per-batch ceilings: the one a goal is judged against.</summary>
        public double HigherBatchedRowsPerSecond => Math.Max(BatchedRowsPerSecond, FreshBatchedRowsPerSecond);
    }

    private sealed record Column(string Name, NpgsqlDbType Type);

    private const string CopyTable = "journal_ceiling";

    public static async Task<Result> MeasureAsync(NpgsqlDataSource dataSource, long afterSeq, int connections, CancellationToken cancellationToken)
    {
        var columns = await ColumnsAsync(dataSource, cancellationToken);
        var rows = await ReadAsync(dataSource, columns, afterSeq, cancellationToken);
        // A request's rows share their class, kind and commit time (one statement each).
        var classColumn = columns.FindIndex(c => c.Name == "class_id");
        var kindColumn = columns.FindIndex(c => c.Name == "entry_kind");
        var timeColumn = columns.FindIndex(c => c.Name == "recorded_at");
        var batches = rows.GroupBy(r => (r[classColumn], r[kindColumn], r[timeColumn])).Select(g => g.ToList()).ToList();

        var history = await CreateCopyAsync(dataSource, afterSeq, cancellationToken);
        double fresh;
        try
        {
            fresh = await CopyBatchesAsync(dataSource, CopyTable, columns, batches, connections, cancellationToken);
        }
        finally
        {
            await ExecuteAsync(dataSource, $"DROP TABLE IF EXISTS {CopyTable}", cancellationToken);
        }

        await DeleteAsync(dataSource, afterSeq, cancellationToken);
        var batched = await CopyBatchesAsync(dataSource, "journal", columns, batches, connections, cancellationToken);

        await DeleteAsync(dataSource, afterSeq, cancellationToken);
        await ExecuteAsync(dataSource, "CHECKPOINT", cancellationToken);
        var stopwatch = Stopwatch.StartNew();
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            await CopyAsync(connection, "journal", columns, rows, cancellationToken);
        }
        var single = rows.Count / stopwatch.Elapsed.TotalSeconds;
        return new Result(rows.Count, batches.Count, batched, single, fresh, history);
    }

    /// <summary>One COPY per batch, from <paramref name="connections"/> connections at once, after a checkpoint: rows/s.</summary>
    private static async Task<double> CopyBatchesAsync(NpgsqlDataSource dataSource, string table, IReadOnlyList<Column> columns,
        IReadOnlyList<List<object?[]>> batches, int connections, CancellationToken cancellationToken)
    {
        await ExecuteAsync(dataSource, "CHECKPOINT", cancellationToken);
        var stopwatch = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < batches.Count; i = Interlocked.Increment(ref next))
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                await CopyAsync(connection, table, columns, batches[i], cancellationToken);
            }
        }, cancellationToken)));
        return batches.Sum(b => b.Count) / stopwatch.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// A copy of the journal as it stood before the run: its columns, defaults, constraints and indexes, each of its
    /// partitions, and its rows up to <paramref name="afterSeq"/>, analysed. Returns the rows copied.
    /// </summary>
    private static async Task<long> CreateCopyAsync(NpgsqlDataSource dataSource, long afterSeq, CancellationToken cancellationToken)
    {
        await ExecuteAsync(dataSource, $"DROP TABLE IF EXISTS {CopyTable}", cancellationToken);
        await ExecuteAsync(dataSource, $"CREATE TABLE {CopyTable} (LIKE journal INCLUDING ALL) PARTITION BY LIST (academic_year)", cancellationToken);
        var partitions = new List<(string Name, string Bound)>();
        await using (var command = dataSource.CreateCommand("""
            SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = 'journal'::regclass
            """))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                partitions.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        foreach (var (name, bound) in partitions)
        {
            await ExecuteAsync(dataSource, $"CREATE TABLE {name}_ceiling PARTITION OF {CopyTable} {bound}", cancellationToken);
        }
        long copied;
        await using (var insert = dataSource.CreateCommand($"INSERT INTO {CopyTable} SELECT * FROM journal WHERE seq <= @after"))
        {
            insert.CommandTimeout = 0;
            insert.Parameters.AddWithValue("after", afterSeq);
            copied = await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        // Hint bits and statistics set, as the journal's own rows have them after the run's reads.
        await ExecuteAsync(dataSource, $"VACUUM (ANALYZE) {CopyTable}", cancellationToken);
        return copied;
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task CopyAsync(NpgsqlConnection connection, string table, IReadOnlyList<Column> columns, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY {table} ({string.Join(", ", columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            for (var i = 0; i < columns.Count; i++)
            {
                if (row[i] is null)
                {
                    await importer.WriteNullAsync(cancellationToken);
                }
                else
                {
                    await importer.WriteAsync(row[i], columns[i].Type, cancellationToken);
                }
            }
        }
        await importer.CompleteAsync(cancellationToken);
    }

    private static async Task<List<object?[]>> ReadAsync(NpgsqlDataSource dataSource, IReadOnlyList<Column> columns, long afterSeq, CancellationToken cancellationToken)
    {
        var rows = new List<object?[]>();
        await using var command = dataSource.CreateCommand($"SELECT {string.Join(", ", columns.Select(c => c.Name))} FROM journal WHERE seq > @after ORDER BY seq");
        command.Parameters.AddWithValue("after", afterSeq);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new object?[columns.Count];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : columns[i].Type == NpgsqlDbType.Date ? reader.GetFieldValue<DateOnly>(i) : reader.GetValue(i);
            }
            rows.Add(row);
        }
        return rows;
    }

    private static async Task DeleteAsync(NpgsqlDataSource dataSource, long afterSeq, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM journal WHERE seq > @after");
        command.CommandTimeout = 0;
        command.Parameters.AddWithValue("after", afterSeq);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<List<Column>> ColumnsAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var columns = new List<Column>();
        await using var command = dataSource.CreateCommand("""
            SELECT column_name, udt_name FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name = 'journal' ORDER BY ordinal_position
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            columns.Add(new Column(reader.GetString(0), reader.GetString(1) switch
            {
                "int8" => NpgsqlDbType.Bigint,
                "int4" => NpgsqlDbType.Integer,
                "int2" => NpgsqlDbType.Smallint,
                "text" => NpgsqlDbType.Text,
                "uuid" => NpgsqlDbType.Uuid,
                "date" => NpgsqlDbType.Date,
                "timestamptz" => NpgsqlDbType.TimestampTz,
                "bytea" => NpgsqlDbType.Bytea,
                "bool" => NpgsqlDbType.Boolean,
                "_text" => NpgsqlDbType.Array | NpgsqlDbType.Text,
                "_int2" => NpgsqlDbType.Array | NpgsqlDbType.Smallint,
                var other => throw new NotSupportedException($"journal column {reader.GetString(0)} of type {other}"),
            }));
        }
        return columns;
    }
}
