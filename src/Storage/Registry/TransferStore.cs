using EduInfo.Storage.Audit;
using Npgsql;

namespace EduInfo.Storage.Registry;

/// <summary>How a transfer ended.</summary>
public enum TransferOutcome
{
    Transferred,
    NotEnrolled,
    SameClass,
    DateBeforeEnrolment,
    OtherAcademicYear,
}

/// <summary>
/// Transfers between home classes (DESIGN.md §2: a transfer republishes both classes). The current enrolment ends the
/// day before, a new one starts on the date, and both classes' watermarks move to the new enrolment's sequence number
/// (taken from the journal sequence), all with the audit row in one transaction.
/// </summary>
public sealed class TransferStore(NpgsqlDataSource dataSource)
{
    public async Task<(TransferOutcome Outcome, string? FromClassId, long Sequence)> TransferAsync(
        string studentId, string toClassId, DateOnly date, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TransferOnceAsync(studentId, toClassId, date, audit, cancellationToken);
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure && attempt < 3)
            {
                // Rolled back whole: the transfer is tried again (the watermarks are taken in class order, so this is rare).
            }
        }
    }

    private async Task<(TransferOutcome Outcome, string? FromClassId, long Sequence)> TransferOnceAsync(
        string studentId, string toClassId, DateOnly date, AuditEntry audit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        string fromClassId;
        long enrolmentSeq;
        DateOnly from;
        string fromYear, toYear;
        await using (var current = new NpgsqlCommand("""
            SELECT e.seq, e.class_id, e.from_date, c.academic_year, (SELECT academic_year FROM classes WHERE id = @to),
                   e.to_date IS NULL OR e.to_date >= @d
            FROM enrolments e JOIN classes c ON c.id = e.class_id
            WHERE e.student_id = @s
            ORDER BY e.from_date DESC, e.seq DESC LIMIT 1
            FOR UPDATE OF e
            """, connection, transaction))
        {
            current.Parameters.AddWithValue("s", studentId);
            current.Parameters.AddWithValue("to", toClassId);
            current.Parameters.AddWithValue("d", date);
            await using var reader = await current.ExecuteReaderAsync(cancellationToken);
            // Only the latest enrolment moves: a backdated transfer must not reopen history (two open enrolments).
            if (!await reader.ReadAsync(cancellationToken) || !reader.GetBoolean(5))
            {
                return (TransferOutcome.NotEnrolled, null, 0);
            }
            (enrolmentSeq, fromClassId, from, fromYear, toYear) = (reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<DateOnly>(2),
                reader.GetString(3), reader.IsDBNull(4) ? "" : reader.GetString(4));
        }
        if (fromClassId == toClassId)
        {
            return (TransferOutcome.SameClass, fromClassId, 0);
        }
        if (date <= from)
        {
            return (TransferOutcome.DateBeforeEnrolment, fromClassId, 0);
        }
        if (fromYear != toYear)
        {
            return (TransferOutcome.OtherAcademicYear, fromClassId, 0);
        }
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
        return (TransferOutcome.Transferred, fromClassId, seq);
    }
}
