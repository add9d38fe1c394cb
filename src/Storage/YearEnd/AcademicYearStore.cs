using System.Text.Json;
using EduInfo.Domain.Registry;
using EduInfo.Storage.Audit;
using EduInfo.Storage.Registry;
using Npgsql;

namespace EduInfo.Storage.YearEnd;

/// <summary>A year's state: closed since when and by whom (null: open), and the last reopening's reason.</summary>
public sealed record AcademicYearState(string AcademicYear, DateTimeOffset? ClosedAt, string? ClosedBy, DateTimeOffset? ReopenedAt, string? ReopenReason)
{
    public bool Closed => ClosedAt is not null;
}

/// <summary>A node of a year's hierarchy as archived: the republic, regions, districts, organizations and the year's classes.</summary>
public sealed record YearNode(string NodeId, NodeKind Kind, string? ParentId);

/// <summary>
/// Closing and reopening academic years and their archive of summaries (migration 0039). A state change is written with
/// its audit row in one transaction; the archive of a year is replaced as a whole.
/// </summary>
public sealed class AcademicYearStore(NpgsqlDataSource dataSource)
{
    public async Task<AcademicYearState?> ReadAsync(string academicYear, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT closed_at, closed_by, reopened_at, reopen_reason FROM academic_years WHERE academic_year = @y");
        command.Parameters.AddWithValue("y", academicYear);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new AcademicYearState(academicYear, reader.IsDBNull(0) ? null : reader.GetFieldValue<DateTimeOffset>(0), reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2), reader.IsDBNull(3) ? null : reader.GetString(3))
            : null;
    }

    public async Task<bool> IsClosedAsync(string academicYear, CancellationToken cancellationToken = default) =>
        (await ReadAsync(academicYear, cancellationToken))?.Closed == true;

    /// <summary>Closes (<paramref name="reason"/> null) or reopens the year; false (nothing written) when it already was so.</summary>
    public async Task<bool> SetClosedAsync(string academicYear, bool close, string? reason, DateTimeOffset at, AuditEntry audit,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var write = new NpgsqlCommand(close
            ? """
              INSERT INTO academic_years (academic_year, closed_at, closed_by) VALUES (@y, @at, @by)
              ON CONFLICT (academic_year) DO UPDATE SET closed_at = excluded.closed_at, closed_by = excluded.closed_by
              WHERE academic_years.closed_at IS NULL
              """
            : """
              UPDATE academic_years SET closed_at = NULL, closed_by = NULL, reopened_at = @at, reopen_reason = @reason
              WHERE academic_year = @y AND closed_at IS NOT NULL
              """, connection, transaction))
        {
            write.Parameters.AddWithValue("y", academicYear);
            write.Parameters.AddWithValue("at", at);
            write.Parameters.AddWithValue("by", audit.ActorId);
            write.Parameters.AddWithValue("reason", (object?)reason ?? DBNull.Value);
            if (await write.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false;
            }
        }
        await using (var record = AuditLog.InsertCommand(audit, connection, transaction))
        {
            await record.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>An organization's live academic year: the newest it has classes of (the roll makes the next year's), or null.</summary>
    public async Task<string?> LiveYearAsync(string organizationId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT max(academic_year) FROM classes WHERE organization_id = @o");
        command.Parameters.AddWithValue("o", organizationId);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>True once the year has rolled: the next year has classes.</summary>
    public async Task<bool> HasRolledAsync(string academicYear, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM classes WHERE academic_year = @next)");
        command.Parameters.AddWithValue("next", EduInfo.Domain.Calendar.AcademicCalendar.Next(academicYear));
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The ids of the year's classes.</summary>
    public async Task<IReadOnlyList<string>> ClassesAsync(string academicYear, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT id FROM classes WHERE academic_year = @y ORDER BY id");
        command.Parameters.AddWithValue("y", academicYear);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }

    /// <summary>Every node whose summary the year's archive keeps: the areas, the organizations and the year's classes.</summary>
    public async Task<IReadOnlyList<YearNode>> NodesAsync(string academicYear, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, kind, parent_id FROM nodes
            UNION ALL SELECT id, 'organization', node_id FROM organizations
            UNION ALL SELECT id, 'class', organization_id FROM classes WHERE academic_year = @y
            """);
        command.Parameters.AddWithValue("y", academicYear);
        var nodes = new List<YearNode>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            nodes.Add(new YearNode(reader.GetString(0), RegistryStore.ParseKind(reader.GetString(1)), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }
        return nodes;
    }

    /// <summary>Replaces the year's archive with these summaries.</summary>
    public async Task WriteArchiveAsync(string academicYear, IReadOnlyList<(YearNode Node, byte[] Summary)> summaries, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var delete = new NpgsqlCommand("DELETE FROM year_archive WHERE academic_year = @y", connection, transaction))
        {
            delete.Parameters.AddWithValue("y", academicYear);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var import = await connection.BeginBinaryImportAsync(
            "COPY year_archive (academic_year, node_id, parent_id, kind, summary) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var (node, summary) in summaries)
            {
                await import.StartRowAsync(cancellationToken);
                await import.WriteAsync(academicYear, cancellationToken);
                await import.WriteAsync(node.NodeId, cancellationToken);
                await import.WriteAsync(node.ParentId, NpgsqlTypes.NpgsqlDbType.Text, cancellationToken);
                await import.WriteAsync(JsonNamingPolicy.CamelCase.ConvertName(node.Kind.ToString()), cancellationToken);
                await import.WriteAsync(summary, NpgsqlTypes.NpgsqlDbType.Bytea, cancellationToken);
            }
            await import.CompleteAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>How many summaries the year's archive holds (0: never closed).</summary>
    public async Task<long> ArchivedCountAsync(string academicYear, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM year_archive WHERE academic_year = @y");
        command.Parameters.AddWithValue("y", academicYear);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>A node's archived summary of the year, or null.</summary>
    public async Task<byte[]?> ReadArchivedAsync(string academicYear, string nodeId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT summary FROM year_archive WHERE academic_year = @y AND node_id = @n");
        command.Parameters.AddWithValue("y", academicYear);
        command.Parameters.AddWithValue("n", nodeId);
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }

    /// <summary>The archived summaries of a node's children in the year (null: the node is not in the archive).</summary>
    public async Task<IReadOnlyList<byte[]>?> ReadArchivedChildrenAsync(string academicYear, string nodeId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT summary FROM year_archive WHERE academic_year = @y AND parent_id = @n
            UNION ALL SELECT NULL FROM year_archive WHERE academic_year = @y AND node_id = @n
            """);
        command.Parameters.AddWithValue("y", academicYear);
        command.Parameters.AddWithValue("n", nodeId);
        var children = new List<byte[]>();
        var found = false;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.IsDBNull(0))
            {
                found = true;
            }
            else
            {
                children.Add(reader.GetFieldValue<byte[]>(0));
            }
        }
        return found ? children : null;
    }
}
