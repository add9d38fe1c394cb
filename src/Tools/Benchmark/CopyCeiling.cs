using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace EduInfo.Tools.Benchmark;

/// <summary>
/// The ceiling: the rows a measured run acknowledged, taken out of the journal and written back by raw binary COPY
/// into the same table (same partition, indexes and constraints, same history before them), with fsync and
/// synchronous_commit on. Two ways: one COPY (a transaction) per request batch from as many connections as the run had
/// clients — the ceiling for acknowledged batches — and one single COPY of every row, the absolute ceiling. The rows
/// end up exactly as the run left them (same sequence numbers), so later checks see the journal of the run.
/// </summary>
public static class CopyCeiling
{
    public sealed record Result(long Rows, int Batches, double BatchedRowsPerSecond, double SingleStreamRowsPerSecond);

    private sealed record Column(string Name, NpgsqlDbType Type);

    public static async Task<Result> MeasureAsync(NpgsqlDataSource dataSource, long afterSeq, int connections, CancellationToken cancellationToken)
    {
        var columns = await ColumnsAsync(dataSource, cancellationToken);
        var rows = await ReadAsync(dataSource, columns, afterSeq, cancellationToken);
        // A request's rows share their class, kind and commit time (one statement each).
        var classColumn = columns.FindIndex(c => c.Name == "class_id");
        var kindColumn = columns.FindIndex(c => c.Name == "entry_kind");
        var timeColumn = columns.FindIndex(c => c.Name == "recorded_at");
        var batches = rows.GroupBy(r => (r[classColumn], r[kindColumn], r[timeColumn])).Select(g => g.ToList()).ToList();

        await DeleteAsync(dataSource, afterSeq, cancellationToken);
        var stopwatch = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < batches.Count; i = Interlocked.Increment(ref next))
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                await CopyAsync(connection, columns, batches[i], cancellationToken);
            }
        }, cancellationToken)));
        var batched = rows.Count / stopwatch.Elapsed.TotalSeconds;

        await DeleteAsync(dataSource, afterSeq, cancellationToken);
        stopwatch.Restart();
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            await CopyAsync(connection, columns, rows, cancellationToken);
        }
        var single = rows.Count / stopwatch.Elapsed.TotalSeconds;
        return new Result(rows.Count, batches.Count, batched, single);
    }

    private static async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<Column> columns, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY journal ({string.Join(", ", columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)", cancellationToken);
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
