using EduInfo.Domain.Calendar;
using EduInfo.Storage.Audit;
using Npgsql;

namespace EduInfo.Storage.Assessment;

/// <summary>
/// Class timetables. A new timetable applies from its date: slots that started later are dropped, slots running on
/// that date end the day before. The change takes a number from the journal sequence and moves the class's watermark
/// (completeness changes), with its audit row, in one transaction.
/// </summary>
public sealed class TimetableStore(NpgsqlDataSource dataSource)
{
    /// <summary>A class's slots (parameter <c>@c</c>), in the order <see cref="ReadSlotsAsync"/> keeps.</summary>
    internal const string SlotsSql = """
        SELECT group_id, subject_id, weekday, period, valid_from, valid_to FROM timetable_slots
        WHERE class_id = @c ORDER BY valid_from, weekday, period, group_id
        """;

    public async Task<IReadOnlyList<ScheduledSlot>> ReadAsync(string classId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(SlotsSql);
        command.Parameters.AddWithValue("c", classId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await ReadSlotsAsync(reader, classId, cancellationToken);
    }

    /// <summary>The slots of <see cref="SlotsSql"/>'s result, where <paramref name="reader"/> stands.</summary>
    internal static async Task<IReadOnlyList<ScheduledSlot>> ReadSlotsAsync(NpgsqlDataReader reader, string classId, CancellationToken cancellationToken)
    {
        var slots = new List<ScheduledSlot>();
        // A class grain keeps its timetable: each of its ~30 slots names one of a few groups and subjects, so they
        // share one string each (issue 26.3), not one per slot.
        var names = new SharedNames(classId);
        while (await reader.ReadAsync(cancellationToken))
        {
            slots.Add(new ScheduledSlot(names.Share(reader.GetString(0)), names.Share(reader.GetString(1)), reader.GetInt16(2), reader.GetInt16(3),
                reader.GetFieldValue<DateOnly>(4), reader.IsDBNull(5) ? null : reader.GetFieldValue<DateOnly>(5)));
        }
        slots.TrimExcess();
        return slots;
    }

    public async Task<long> ReplaceAsync(string classId, DateOnly validFrom, IReadOnlyList<(string GroupId, string SubjectId, int Weekday, int Period)> slots,
        AuditEntry audit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        long seq;
        // Statements of one CTE share a snapshot, so the slots replaced on the same day are removed first.
        await using (var clear = new NpgsqlCommand("""
            DELETE FROM timetable_slots WHERE class_id = @c AND valid_from >= @from;
            UPDATE timetable_slots SET valid_to = @from::date - 1
            WHERE class_id = @c AND valid_from < @from AND (valid_to IS NULL OR valid_to >= @from);
            """, connection, transaction))
        {
            clear.Parameters.AddWithValue("c", classId);
            clear.Parameters.AddWithValue("from", validFrom);
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var command = new NpgsqlCommand("""
            WITH added AS (
                INSERT INTO timetable_slots (class_id, group_id, subject_id, weekday, period, valid_from)
                SELECT @c, t.g, t.s, t.w, t.p, @from FROM unnest(@groups, @subjects, @weekdays, @periods) AS t(g, s, w, p)
            ),
            version AS (
                INSERT INTO class_watermarks (class_id, seq) VALUES (@c, nextval('journal_seq'))
                ON CONFLICT (class_id) DO UPDATE SET seq = greatest(class_watermarks.seq, excluded.seq)
                RETURNING seq
            )
            SELECT seq FROM version
            """, connection, transaction))
        {
            command.Parameters.AddWithValue("c", classId);
            command.Parameters.AddWithValue("from", validFrom);
            command.Parameters.Add(new NpgsqlParameter<string[]>("groups", slots.Select(s => s.GroupId).ToArray()));
            command.Parameters.Add(new NpgsqlParameter<string[]>("subjects", slots.Select(s => s.SubjectId).ToArray()));
            command.Parameters.Add(new NpgsqlParameter<short[]>("weekdays", slots.Select(s => (short)s.Weekday).ToArray()));
            command.Parameters.Add(new NpgsqlParameter<short[]>("periods", slots.Select(s => (short)s.Period).ToArray()));
            seq = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        await using (var record = AuditLog.InsertCommand(audit with
        {
            DetailJson = System.Text.Json.JsonSerializer.Serialize(new { validFrom = validFrom.ToString("yyyy-MM-dd"), slots = slots.Count, sequence = seq }),
        }, connection, transaction))
        {
            await record.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return seq;
    }
}
