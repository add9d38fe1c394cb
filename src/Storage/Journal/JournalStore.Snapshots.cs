using EduInfo.Domain.Journal;
using System.Data;
using Npgsql;

namespace EduInfo.Storage.Journal;

// A class's ledger sums kept between activations (ClassLedgerSnapshot), brought forward by the journal after them.
public sealed partial class JournalStore
{
    /// <summary>
    /// The class's ledger data from its snapshot and the journal rows after the snapshot's watermark, in one repeatable
    /// read with the class's watermark and closed terms (what <see cref="ReadClassLedgerAsync"/> would read now); null
    /// when there is no snapshot of this format and basis, it is ahead of the class, it cannot be decoded, the journal
    /// up to its watermark holds rows it did not count (committed after it was read: <see cref="ClassLedgerData.ScopeRows"/>),
    /// or a row after it cannot simply be added (<see cref="ClassLedgerSnapshot.Advance"/>). <c>Stored</c> is the
    /// watermark of the snapshot as stored.
    /// </summary>
    public async Task<(ClassLedgerData Data, long Stored)?> ReadClassLedgerFromSnapshotAsync(string classId, string academicYear,
        IReadOnlyList<string> studentIds, IReadOnlyList<TermSpan> terms, CancellationToken cancellationToken = default)
    {
        var basis = ClassLedgerSnapshot.BasisOf(academicYear, terms, studentIds);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("SELECT watermark, scope_rows, data FROM class_ledger_snapshots WHERE class_id = @c AND format = @format AND basis = @basis"),
                new NpgsqlBatchCommand(ScopeRowsSql("(SELECT s.watermark FROM class_ledger_snapshots s WHERE s.class_id = @c)")),
                new NpgsqlBatchCommand("SELECT coalesce((SELECT seq FROM class_watermarks WHERE class_id = @c), 0)"),
                // Both indexes by sequence (journal_class_idx, journal_student_idx): only the rows after the snapshot are read.
                new NpgsqlBatchCommand($"""
                    SELECT j.seq, j.entry_kind, j.class_id = @c, j.supersedes IS NOT NULL, j.subject_id, {TermOfRow} AS term, j.lesson_date,
                           j.student_id, j.mark_kind, j.score, j.max_score, j.roster, j.absent_ids, j.absent_codes
                    FROM journal j
                    WHERE j.academic_year = @y
                      AND j.seq > (SELECT s.watermark FROM class_ledger_snapshots s WHERE s.class_id = @c AND s.format = @format AND s.basis = @basis)
                      AND (j.class_id = @c OR j.student_id = ANY (@students))
                    ORDER BY j.seq
                    """),
                new NpgsqlBatchCommand("""
                    SELECT DISTINCT ON (term) term, action FROM term_events
                    WHERE class_id = @c AND academic_year = @y ORDER BY term, seq DESC
                    """),
            },
        };
        foreach (NpgsqlBatchCommand c in batch.BatchCommands)
        {
            c.Parameters.AddWithValue("c", classId);
            c.Parameters.AddWithValue("y", academicYear);
            c.Parameters.AddWithValue("format", ClassLedgerSnapshot.Format);
            c.Parameters.AddWithValue("basis", basis);
            c.Parameters.Add(new NpgsqlParameter<string[]>("students", studentIds.ToArray()));
            c.Parameters.Add(new NpgsqlParameter<int[]>("terms", terms.Select(t => t.Term).ToArray()));
            c.Parameters.Add(new NpgsqlParameter<DateOnly[]>("starts", terms.Select(t => t.Starts).ToArray()));
            c.Parameters.Add(new NpgsqlParameter<DateOnly[]>("ends", terms.Select(t => t.Ends).ToArray()));
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        var stored = reader.GetInt64(0);
        var storedScope = reader.GetInt64(1);
        var bytes = reader.GetFieldValue<byte[]>(2);
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var scopeNow = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var watermark = reader.GetInt64(0);
        var rows = new List<JournalDeltaRow>();
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new JournalDeltaRow(
                Seq: reader.GetInt64(0),
                Kind: JournalColumns.EntryKind(reader.GetString(1)),
                InClass: reader.GetBoolean(2),
                Supersedes: reader.GetBoolean(3),
                SubjectId: reader.GetString(4),
                Term: reader.GetInt32(5),
                Date: reader.GetFieldValue<DateOnly>(6),
                StudentId: reader.IsDBNull(7) ? null : reader.GetString(7),
                MarkKind: reader.IsDBNull(8) ? null : JournalColumns.MarkKind(reader.GetString(8)),
                Score: reader.IsDBNull(9) ? 0 : reader.GetInt16(9),
                MaxScore: reader.IsDBNull(10) ? 0 : reader.GetInt16(10),
                Roster: reader.IsDBNull(11) ? null : reader.GetFieldValue<string[]>(11),
                AbsentIds: reader.IsDBNull(12) ? null : reader.GetFieldValue<string[]>(12),
                AbsentCodes: reader.IsDBNull(13) ? null : JournalColumns.AbsenceCodes(reader.GetFieldValue<string[]>(13))));
        }
        var closed = new HashSet<int>();
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.GetString(1) == "close")
            {
                closed.Add(reader.GetInt16(0));
            }
        }
        await reader.DisposeAsync();
        await transaction.CommitAsync(cancellationToken);

        // Ahead of the class: a snapshot from a journal this one is not (restored from a backup). Fewer or more rows up to
        // its watermark than it counted: a row committed after it was read, with a sequence taken before (another class's
        // writer, a slow transaction), which the rows after the watermark would never bring.
        if (stored > watermark || scopeNow != storedScope)
        {
            return null;
        }
        try
        {
            var snapshot = ClassLedgerSnapshot.Decode(bytes) with { ScopeRows = storedScope };
            return ClassLedgerSnapshot.Advance(snapshot, studentIds, rows, watermark, closed) is { } data ? (data, stored) : null;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            return null; // corrupt (a repeated key, a mark without a kind): counted again
        }
    }

    /// <summary>
    /// Stores the class's ledger data as its snapshot, unless the one stored is the same count (watermark, rows, format and
    /// basis). An
    /// older snapshot written over a newer one (two activations of a class after a silo failed) is only slower to bring
    /// forward, never wrong: whatever it lacks is in the journal after its watermark.
    /// </summary>
    public async Task WriteClassLedgerSnapshotAsync(string classId, string academicYear, IReadOnlyList<string> studentIds,
        IReadOnlyList<TermSpan> terms, ClassLedgerData data, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO class_ledger_snapshots AS s (class_id, watermark, scope_rows, format, basis, data)
            VALUES (@c, @w, @rows, @format, @basis, @data)
            ON CONFLICT (class_id) DO UPDATE SET watermark = excluded.watermark, scope_rows = excluded.scope_rows, format = excluded.format,
                basis = excluded.basis, data = excluded.data, written_at = now()
            WHERE (s.watermark, s.scope_rows, s.format, s.basis) IS DISTINCT FROM (excluded.watermark, excluded.scope_rows, excluded.format, excluded.basis)
            """);
        command.Parameters.AddWithValue("c", classId);
        command.Parameters.AddWithValue("w", data.Watermark);
        command.Parameters.AddWithValue("rows", data.ScopeRows);
        command.Parameters.AddWithValue("format", ClassLedgerSnapshot.Format);
        command.Parameters.AddWithValue("basis", ClassLedgerSnapshot.BasisOf(academicYear, terms, studentIds));
        command.Parameters.AddWithValue("data", ClassLedgerSnapshot.Encode(data));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
