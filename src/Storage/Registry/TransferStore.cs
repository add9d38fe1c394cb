using EduInfo.Storage.Audit;
using Npgsql;

namespace EduInfo.Storage.Registry;

/// <summary>A student's latest enrolment, as a transfer reads it: what it checks and what it moves.</summary>
/// <param name="To">The last day, or null while it runs.</param>
public sealed record LatestEnrolment(long Seq, string ClassId, string OrganizationId, string AcademicYear, DateOnly From, DateOnly? To);

/// <summary>
/// Transfers between home classes (DESIGN.md §2: a transfer republishes both classes). The rules are checked by the
/// caller on what <see cref="ReadAsync"/> returns; <see cref="TransferAsync"/> then moves, in one transaction with the
/// audit row, only if the latest enrolment is still the one checked: it ends the day before, a new one starts on the
/// date, and both classes' watermarks move to the new enrolment's sequence number (taken from the journal sequence),
/// in one statement.
/// </summary>
public sealed class TransferStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// The academic year of class <paramref name="toClassId"/> (null: no such class), whether its organization is closed,
    /// and the student's latest enrolment (null: none).
    /// </summary>
    public async Task<(string? DestinationYear, LatestEnrolment? Current, bool DestinationClosed)> ReadAsync(string studentId, string? toClassId,
        CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT (SELECT academic_year FROM classes WHERE id = @to), l.seq, l.class_id, l.organization_id, l.academic_year, l.from_date, l.to_date,
                   coalesce((SELECT o.closed_on IS NOT NULL FROM classes c JOIN organizations o ON o.id = c.organization_id WHERE c.id = @to), false)
            FROM (VALUES (1)) AS one (x)
            LEFT JOIN LATERAL (
                SELECT e.seq, e.class_id, c.organization_id, c.academic_year, e.from_date, e.to_date
                FROM enrolments e JOIN classes c ON c.id = e.class_id
                WHERE e.student_id = @s
                ORDER BY e.from_date DESC, e.seq DESC LIMIT 1
            ) AS l ON true
            """);
        command.Parameters.AddWithValue("s", studentId);
        command.Parameters.Add(new NpgsqlParameter<string?>("to", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = toClassId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var destinationYear = reader.IsDBNull(0) ? null : reader.GetString(0);
        var current = reader.IsDBNull(1) ? null : new LatestEnrolment(reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
            reader.GetFieldValue<DateOnly>(5), reader.IsDBNull(6) ? null : reader.GetFieldValue<DateOnly>(6));
        return (destinationYear, current, reader.GetBoolean(7));
    }

    /// <summary>
    /// Moves the student from <paramref name="current"/> to <paramref name="toClassId"/> from <paramref name="date"/>:
    /// the new enrolment's sequence number, or null when the latest enrolment is no longer <paramref name="current"/>
    /// (nothing written; read and check again).
    /// </summary>
    public async Task<long?> TransferAsync(string studentId, LatestEnrolment current, string toClassId, DateOnly date, AuditEntry audit,
        CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TransferOnceAsync(studentId, current, toClassId, date, audit, cancellationToken);
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure && attempt < 3)
            {
                // Rolled back whole: the transfer is tried again (the watermarks are taken in class order, so this is rare).
            }
        }
    }

    private async Task<long?> TransferOnceAsync(string studentId, LatestEnrolment current, string toClassId, DateOnly date, AuditEntry audit,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var latest = new NpgsqlCommand("""
            SELECT seq, to_date FROM enrolments WHERE student_id = @s
            ORDER BY from_date DESC, seq DESC LIMIT 1
            FOR UPDATE
            """, connection, transaction))
        {
            latest.Parameters.AddWithValue("s", studentId);
            await using var reader = await latest.ExecuteReaderAsync(cancellationToken);
            // Locked until the commit: the enrolment checked is the one that ends.
            if (!await reader.ReadAsync(cancellationToken) || reader.GetInt64(0) != current.Seq
                || (reader.IsDBNull(1) ? null : reader.GetFieldValue<DateOnly>(1)) != current.To)
            {
                return null;
            }
        }
        var (fromClassId, enrolmentSeq) = (current.ClassId, current.Seq);
        long seq;
        await using (var move = new NpgsqlCommand("""
            WITH ended AS (
                UPDATE enrolments SET to_date = @d::date - 1 WHERE seq = @current
            ),
            left_groups AS (
                -- The student also leaves the subgroups of the old class.
                UPDATE teaching_group_members m SET to_date = @d::date - 1
                FROM teaching_groups g
                WHERE g.id = m.group_id AND g.class_id = @from AND m.student_id = @s AND m.from_date < @d AND (m.to_date IS NULL OR m.to_date >= @d)
            ),
            started AS (
                INSERT INTO enrolments (student_id, class_id, from_date) VALUES (@s, @to, @d) RETURNING seq
            ),
            watermarks AS (
                -- In class order, as every writer of several watermarks: two crossing transfers (A→B, B→A) must not deadlock.
                INSERT INTO class_watermarks (class_id, seq) SELECT c, (SELECT seq FROM started) FROM unnest(ARRAY[@from, @to]) AS c ORDER BY c
                ON CONFLICT (class_id) DO UPDATE SET seq = greatest(class_watermarks.seq, excluded.seq)
            )
            SELECT seq FROM started
            """, connection, transaction))
        {
            move.Parameters.AddWithValue("d", date);
            move.Parameters.AddWithValue("current", enrolmentSeq);
            move.Parameters.AddWithValue("s", studentId);
            move.Parameters.AddWithValue("to", toClassId);
            move.Parameters.AddWithValue("from", fromClassId);
            seq = (long)(await move.ExecuteScalarAsync(cancellationToken))!;
        }
        await using (var record = AuditLog.InsertCommand(audit with
        {
            DetailJson = System.Text.Json.JsonSerializer.Serialize(new { fromClassId, toClassId, date = date.ToString("yyyy-MM-dd"), sequence = seq }),
        }, connection, transaction))
        {
            await record.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return seq;
    }
}
