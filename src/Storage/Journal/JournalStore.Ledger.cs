using EduInfo.Domain.Journal;
using System.Data;
using Npgsql;

namespace EduInfo.Storage.Journal;

// What a class rebuilds its ledger from.
public sealed partial class JournalStore
{
    private const string TermOfRow = "coalesce((SELECT t.n FROM unnest(@terms, @starts, @ends) AS t(n, s, e) WHERE j.lesson_date BETWEEN t.s AND t.e), 0)";

    /// <summary>
    /// The rows of the year up to a watermark recorded in the class plus those naming one of its students
    /// (<see cref="ClassLedgerData.ScopeRows"/>): two counts over journal_class_idx and journal_student_idx in the year's
    /// partition only (a pupil's rows of another year are neither summed nor brought forward, so they must not count).
    /// </summary>
    private static string ScopeRowsSql(string watermark) => $"""
        SELECT (SELECT count(*) FROM journal WHERE academic_year = @y AND class_id = @c AND seq <= {watermark})
             + (SELECT count(*) FROM journal WHERE academic_year = @y AND student_id = ANY (@students) AND seq <= {watermark})
        """;

    /// <summary>
    /// Everything a class rebuilds from, in one snapshot with its watermark (see <see cref="ClassLedgerData"/>); with
    /// <paramref name="countScope"/> also <see cref="ClassLedgerData.ScopeRows"/>, which a ledger snapshot needs.
    /// </summary>
    public async Task<ClassLedgerData> ReadClassLedgerAsync(string classId, string academicYear, IReadOnlyList<string> studentIds,
        IReadOnlyList<TermSpan> terms, CancellationToken cancellationToken = default, bool countScope = false)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("SELECT coalesce((SELECT seq FROM class_watermarks WHERE class_id = @c), 0)"),
                new NpgsqlBatchCommand($"""
                    SELECT j.subject_id, {TermOfRow} AS term, j.mark_kind, count(*), sum(j.score), sum(j.max_score)
                    FROM journal j WHERE j.academic_year = @y AND j.class_id = @c AND j.entry_kind = 'mark' AND {Effective}
                    GROUP BY 1, 2, 3, CASE WHEN j.mark_kind = 'development' THEN j.score END
                    """),
                new NpgsqlBatchCommand($"""
                    SELECT j.student_id, j.subject_id, {TermOfRow} AS term, j.mark_kind, count(*), sum(j.score), sum(j.max_score)
                    FROM journal j WHERE j.academic_year = @y AND j.student_id = ANY (@students) AND j.entry_kind = 'mark' AND {Effective}
                    GROUP BY 1, 2, 3, 4
                    """),
                new NpgsqlBatchCommand($"""
                    SELECT j.subject_id, {TermOfRow} AS term, count(*), sum(cardinality(j.roster)),
                           sum((SELECT count(*) FROM unnest(j.absent_codes) a(code) WHERE a.code = 'late')),
                           sum((SELECT count(*) FROM unnest(j.absent_codes) a(code) WHERE a.code = 'unexcused')),
                           sum((SELECT count(*) FROM unnest(j.absent_codes) a(code) WHERE a.code = 'excused')),
                           sum((SELECT count(*) FROM unnest(j.absent_codes) a(code) WHERE a.code = 'sick'))
                    FROM journal j WHERE j.academic_year = @y AND j.class_id = @c AND j.entry_kind = 'lesson' AND {Effective}
                    GROUP BY 1, 2
                    """),
                new NpgsqlBatchCommand($"""
                    SELECT r.student_id, j.lesson_date, count(*), count(*) FILTER (WHERE a.code = 'late'),
                           count(*) FILTER (WHERE a.code = 'unexcused'), count(*) FILTER (WHERE a.code = 'excused'),
                           count(*) FILTER (WHERE a.code = 'sick')
                    FROM journal j CROSS JOIN LATERAL unnest(j.roster) AS r(student_id)
                    CROSS JOIN LATERAL (SELECT j.absent_codes[array_position(j.absent_ids, r.student_id)] AS code) a
                    WHERE j.academic_year = @y AND j.class_id = @c AND j.entry_kind = 'lesson' AND {Effective}
                    GROUP BY 1, 2
                    """),
                new NpgsqlBatchCommand($"""
                    SELECT j.student_id, j.subject_id, {TermOfRow} AS term, j.mark_kind
                    FROM journal j WHERE j.academic_year = @y AND j.student_id = ANY (@students) AND j.entry_kind = 'excusal'
                      AND NOT EXISTS (SELECT 1 FROM journal x WHERE x.academic_year = j.academic_year AND x.supersedes = j.seq)
                    """),
                new NpgsqlBatchCommand($"""
                    SELECT j.student_id, j.subject_id, CASE WHEN j.exempt_year THEN 0 ELSE {TermOfRow} END AS term
                    FROM journal j WHERE j.academic_year = @y AND j.student_id = ANY (@students) AND j.entry_kind = 'exemption'
                      AND NOT EXISTS (SELECT 1 FROM journal x WHERE x.academic_year = j.academic_year AND x.supersedes = j.seq)
                    """),
                new NpgsqlBatchCommand("""
                    SELECT DISTINCT ON (term) term, action FROM term_events
                    WHERE class_id = @c AND academic_year = @y ORDER BY term, seq DESC
                    """),
            },
        };
        if (countScope)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(ScopeRowsSql("(SELECT coalesce((SELECT seq FROM class_watermarks WHERE class_id = @c), 0))")));
        }
        foreach (NpgsqlBatchCommand c in batch.BatchCommands)
        {
            c.Parameters.AddWithValue("c", classId);
            c.Parameters.AddWithValue("y", academicYear);
            c.Parameters.Add(new NpgsqlParameter<string[]>("students", studentIds.ToArray()));
            c.Parameters.Add(new NpgsqlParameter<int[]>("terms", terms.Select(t => t.Term).ToArray()));
            c.Parameters.Add(new NpgsqlParameter<DateOnly[]>("starts", terms.Select(t => t.Starts).ToArray()));
            c.Parameters.Add(new NpgsqlParameter<DateOnly[]>("ends", terms.Select(t => t.Ends).ToArray()));
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var watermark = reader.GetInt64(0);

        var recorded = new List<RecordedMarks>();
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            recorded.Add(new RecordedMarks(reader.GetString(0), reader.GetInt32(1), JournalColumns.MarkKind(reader.GetString(2)),
                reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5)));
        }
        var students = new List<StudentMarks>();
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            students.Add(new StudentMarks(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), JournalColumns.MarkKind(reader.GetString(3)),
                reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6)));
        }
        var lessons = new List<RecordedLessons>();
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            lessons.Add(new RecordedLessons(reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2), reader.GetInt64(3),
                reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7)));
        }
        var seats = new List<StudentSeats>();
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            seats.Add(new StudentSeats(reader.GetString(0), reader.GetFieldValue<DateOnly>(1), (int)reader.GetInt64(2), (int)reader.GetInt64(3),
                (int)reader.GetInt64(4), (int)reader.GetInt64(5), (int)reader.GetInt64(6)));
        }
        var excusals = new List<StudentExcusal>();
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            excusals.Add(new StudentExcusal(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), JournalColumns.MarkKind(reader.GetString(3))));
        }
        var exemptions = new List<StudentExemption>();
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            exemptions.Add(new StudentExemption(reader.GetString(0), reader.GetString(1), reader.GetInt32(2)));
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
        var scopeRows = 0L;
        if (countScope)
        {
            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            scopeRows = reader.GetInt64(0);
        }
        await reader.DisposeAsync();
        await transaction.CommitAsync(cancellationToken);
        return new ClassLedgerData(watermark, recorded, students, lessons, seats, closed, excusals, exemptions) { ScopeRows = scopeRows };
    }
}
