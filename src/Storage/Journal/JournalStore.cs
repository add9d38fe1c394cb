using EduInfo.Domain.Journal;
using System.Data;
using System.Text.Json;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Grains.Interfaces.Students;
using EduInfo.Grains.Interfaces.Summaries;
using Npgsql;
using NpgsqlTypes;

namespace EduInfo.Storage.Journal;

/// <summary>
/// The journal in PostgreSQL: appends batches in one round trip and reads rows back by index.
/// Appends are all or nothing: one statement checks idempotency keys, inserts only when no key
/// conflicts, and moves the class watermark, so an acknowledged row is committed together with the
/// watermark that covers it.
/// </summary>
public sealed class JournalStore(NpgsqlDataSource dataSource)
{
    // One statement = one implicit transaction = one round trip. Data-modifying CTEs run to completion even
    // when the outer query does not read them; the outer SELECT sees the snapshot from before the insert,
    // so `existing` holds only rows committed earlier. No row is inserted when any entry id conflicts. The audit row
    // is part of the same statement, so it is committed exactly when the rows it describes are.
    private static string AppendSql(string input, string entryKind, string columns, string values) => $"""
        WITH input AS ({input}),
        existing AS (
            SELECT j.entry_id, j.seq, j.payload_hash FROM journal j JOIN input i USING (entry_id)
            WHERE j.academic_year = @year
        ),
        conflicts AS (
            SELECT e.entry_id FROM existing e JOIN input i USING (entry_id) WHERE e.payload_hash <> i.payload_hash
        ),
        inserted AS (
            INSERT INTO journal (academic_year, entry_id, entry_kind, class_id, group_id, organization_id, subject_id,
                                 lesson_date, {columns}, author_id, client_address, payload_hash)
            SELECT @year, i.entry_id, '{entryKind}', @class_id, coalesce(i.group_id, @group_id), @organization_id, i.subject_id,
                   i.lesson_date, {values}, @author_id, @client_address, i.payload_hash
            FROM input i
            WHERE NOT EXISTS (SELECT 1 FROM conflicts)
            ON CONFLICT (academic_year, entry_id) DO NOTHING
            RETURNING entry_id, seq
        ),
        watermark AS (
            INSERT INTO class_watermarks (class_id, seq)
            SELECT @class_id, max(seq) FROM inserted HAVING count(*) > 0
            ON CONFLICT (class_id) DO UPDATE SET seq = greatest(class_watermarks.seq, excluded.seq)
        ),
        audit AS (
            INSERT INTO audit_log (actor_id, roles, client_address, action, target_kind, target_id, organization_id, outcome, detail)
            SELECT @author_id, @author_roles, @client_address, 'journal.{entryKind}s.record', 'class', @class_id, @organization_id,
                   CASE WHEN EXISTS (SELECT 1 FROM conflicts) THEN 'conflict' ELSE 'committed' END,
                   jsonb_build_object('entries', (SELECT count(*) FROM input), 'inserted', (SELECT count(*) FROM inserted),
                                      'firstSequence', (SELECT min(seq) FROM inserted), 'lastSequence', (SELECT max(seq) FROM inserted))
        )
        SELECT i.entry_id, ins.seq, e.seq, c.entry_id IS NOT NULL
        FROM input i
        LEFT JOIN inserted ins USING (entry_id)
        LEFT JOIN existing e USING (entry_id)
        LEFT JOIN conflicts c USING (entry_id)
        """;

    private static readonly string AppendMarksSql = AppendSql(
        """
        SELECT * FROM unnest(@entry_ids, @student_ids, @subject_ids, @dates, @kinds, @scores, @max_scores, @hashes, @group_ids)
            AS t(entry_id, student_id, subject_id, lesson_date, mark_kind, score, max_score, payload_hash, group_id)
        """,
        "mark", "student_id, mark_kind, score, max_score", "i.student_id, i.mark_kind, i.score, i.max_score");

    // Roll-calls carry arrays (roster, absentees), which unnest would flatten: they travel as one jsonb array.
    private static readonly string AppendLessonsSql = AppendSql(
        """
        SELECT t.entry_id, t.subject_id, t.lesson_date, t.period, t.roster, t.absent_ids, t.absent_codes,
               decode(t.payload_hash, 'base64') AS payload_hash, t.group_id
        FROM jsonb_to_recordset(@rows) AS t(entry_id uuid, subject_id text, lesson_date date, period smallint,
                                            roster text[], absent_ids text[], absent_codes text[], payload_hash text, group_id text)
        """,
        "lesson", "period, roster, absent_ids, absent_codes", "i.period, i.roster, i.absent_ids, i.absent_codes");

    public async Task<AppendResult> AppendMarksAsync(JournalWriteContext context, IReadOnlyList<NewMark> marks, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(AppendMarksSql);
        AddContext(command, context);
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("entry_ids", marks.Select(m => m.EntryId).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("student_ids", marks.Select(m => m.StudentId).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("subject_ids", marks.Select(m => m.SubjectId).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<DateOnly[]>("dates", marks.Select(m => m.Date).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("kinds", marks.Select(m => JournalNames.Of(m.Kind)).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<short[]>("scores", marks.Select(m => (short)m.Score).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<short[]>("max_scores", marks.Select(m => (short)m.MaxScore).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<byte[][]>("hashes", marks.Select(m => m.PayloadHash).ToArray()));
        command.Parameters.Add(new NpgsqlParameter("group_ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = marks.Select(m => (object?)m.GroupId ?? DBNull.Value).ToArray() });
        return await ReadAppendResultAsync(command, marks.Count, cancellationToken);
    }

    public async Task<AppendResult> AppendLessonsAsync(JournalWriteContext context, IReadOnlyList<NewLesson> lessons, CancellationToken cancellationToken = default)
    {
        var rows = JsonSerializer.Serialize(lessons.Select(l => new Dictionary<string, object>
        {
            ["entry_id"] = l.EntryId,
            ["subject_id"] = l.SubjectId,
            ["lesson_date"] = l.Date.ToString("yyyy-MM-dd"),
            ["period"] = l.Period,
            ["roster"] = l.Roster,
            ["absent_ids"] = l.AbsentIds,
            ["absent_codes"] = l.AbsentCodes,
            ["payload_hash"] = Convert.ToBase64String(l.PayloadHash),
            ["group_id"] = l.GroupId ?? context.GroupId,
        }));
        await using var command = dataSource.CreateCommand(AppendLessonsSql);
        AddContext(command, context);
        command.Parameters.Add(new NpgsqlParameter("rows", NpgsqlDbType.Jsonb) { Value = rows });
        try
        {
            return await ReadAppendResultAsync(command, lessons.Count, cancellationToken);
        }
        // The one-roll-call-per-lesson index (its partitions' copies have generated names): any unique violation here
        // is checked against the recorded lessons, and rethrown if none collides.
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // The statement failed as a whole, so nothing was written; find which lessons collide.
            var recorded = await RecordedLessonsAsync(context, lessons, cancellationToken);
            if (recorded.Count == 0)
            {
                throw;
            }
            throw new LessonAlreadyRecordedException(recorded);
        }
    }

    private async Task<IReadOnlySet<(string, DateOnly, int)>> RecordedLessonsAsync(JournalWriteContext context, IReadOnlyList<NewLesson> lessons, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT j.subject_id, j.lesson_date, j.period
            FROM journal j JOIN unnest(@subjects, @dates, @periods, @groups) AS t(subject_id, lesson_date, period, group_id)
              ON j.subject_id = t.subject_id AND j.lesson_date = t.lesson_date AND j.period = t.period AND j.group_id = t.group_id
            WHERE j.academic_year = @year AND j.class_id = @class_id AND j.entry_kind = 'lesson' AND j.supersedes IS NULL
              AND NOT j.entry_id = ANY (@entry_ids)
            """);
        command.Parameters.AddWithValue("year", context.AcademicYear);
        command.Parameters.AddWithValue("class_id", context.ClassId);
        command.Parameters.Add(new NpgsqlParameter<string[]>("subjects", lessons.Select(l => l.SubjectId).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<DateOnly[]>("dates", lessons.Select(l => l.Date).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<short[]>("periods", lessons.Select(l => (short)l.Period).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("groups", lessons.Select(l => l.GroupId ?? context.GroupId).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("entry_ids", lessons.Select(l => l.EntryId).ToArray()));
        var recorded = new HashSet<(string, DateOnly, int)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            recorded.Add((reader.GetString(0), reader.GetFieldValue<DateOnly>(1), reader.GetInt16(2)));
        }
        return recorded;
    }

    private static void AddContext(NpgsqlCommand command, JournalWriteContext context)
    {
        command.Parameters.AddWithValue("year", context.AcademicYear);
        command.Parameters.AddWithValue("class_id", context.ClassId);
        command.Parameters.AddWithValue("group_id", context.GroupId);
        command.Parameters.AddWithValue("organization_id", context.OrganizationId);
        command.Parameters.AddWithValue("author_id", context.AuthorId);
        command.Parameters.Add(new NpgsqlParameter<string?>("client_address", NpgsqlDbType.Text) { TypedValue = context.ClientAddress });
        command.Parameters.Add(new NpgsqlParameter<string[]>("author_roles", (context.AuthorRoles ?? []).ToArray()));
    }

    private static async Task<AppendResult> ReadAppendResultAsync(NpgsqlCommand command, int expected, CancellationToken cancellationToken)
    {
        var inserted = new Dictionary<Guid, long>(expected);
        var duplicates = new Dictionary<Guid, long>();
        var conflicts = new List<Guid>();
        var unresolved = 0;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var entryId = reader.GetGuid(0);
                if (reader.GetBoolean(3))
                {
                    conflicts.Add(entryId);
                }
                else if (!reader.IsDBNull(1))
                {
                    inserted[entryId] = reader.GetInt64(1);
                }
                else if (!reader.IsDBNull(2))
                {
                    duplicates[entryId] = reader.GetInt64(2);
                }
                else
                {
                    unresolved++;
                }
            }
        }
        if (conflicts.Count > 0)
        {
            return new AppendResult(new Dictionary<Guid, long>(), new Dictionary<Guid, long>(), conflicts);
        }
        if (unresolved > 0)
        {
            // Another transaction committed the same key between our snapshot and our insert. The rows we did
            // insert are committed; the caller retries, and the retry reports those as duplicates.
            throw new JournalRaceException(unresolved);
        }
        return new AppendResult(inserted, duplicates, []);
    }

    // A row is effective unless a later row supersedes it (a replacement or a void); voids themselves count nowhere.
    private const string Effective = """
        j.entry_kind <> 'void' AND NOT EXISTS (SELECT 1 FROM journal x WHERE x.academic_year = j.academic_year AND x.supersedes = j.seq)
        """;

    private const string TermOfRow = "coalesce((SELECT t.n FROM unnest(@terms, @starts, @ends) AS t(n, s, e) WHERE j.lesson_date BETWEEN t.s AND t.e), 0)";

    /// <summary>Everything a class rebuilds from, in one snapshot with its watermark (see <see cref="ClassLedgerData"/>).</summary>
    public async Task<ClassLedgerData> ReadClassLedgerAsync(string classId, string academicYear, IReadOnlyList<string> studentIds,
        IReadOnlyList<TermSpan> terms, CancellationToken cancellationToken = default)
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
                    SELECT r.student_id, j.lesson_date, count(*),
                           count(*) FILTER (WHERE j.absent_codes[array_position(j.absent_ids, r.student_id)] IN ('unexcused', 'excused', 'sick'))
                    FROM journal j CROSS JOIN LATERAL unnest(j.roster) AS r(student_id)
                    WHERE j.academic_year = @y AND j.class_id = @c AND j.entry_kind = 'lesson' AND {Effective}
                    GROUP BY 1, 2
                    """),
                new NpgsqlBatchCommand($"""
                    SELECT j.student_id, j.subject_id, {TermOfRow} AS term, j.mark_kind
                    FROM journal j WHERE j.academic_year = @y AND j.student_id = ANY (@students) AND j.entry_kind = 'excusal'
                      AND NOT EXISTS (SELECT 1 FROM journal x WHERE x.academic_year = j.academic_year AND x.supersedes = j.seq)
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
            recorded.Add(new RecordedMarks(reader.GetString(0), reader.GetInt32(1), ParseKind(reader.GetString(2)),
                reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5)));
        }
        var students = new List<StudentMarks>();
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            students.Add(new StudentMarks(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), ParseKind(reader.GetString(3)),
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
            seats.Add(new StudentSeats(reader.GetString(0), reader.GetFieldValue<DateOnly>(1), (int)reader.GetInt64(2), (int)reader.GetInt64(3)));
        }
        var excusals = new List<StudentExcusal>();
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            excusals.Add(new StudentExcusal(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), ParseKind(reader.GetString(3))));
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
        return new ClassLedgerData(watermark, recorded, students, lessons, seats, closed, excusals);
    }

    /// <summary>The columns <see cref="ReadRow"/> reads, for the journal row aliased <paramref name="a"/>.</summary>
    private static string RowColumns(string a) => $"""
        {a}.seq, {a}.entry_kind, {a}.class_id, {a}.subject_id, {a}.lesson_date, {a}.period, {a}.student_id, {a}.mark_kind, {a}.score,
        {a}.max_score, {a}.roster, {a}.absent_ids, {a}.absent_codes, {a}.supersedes, {a}.reason, {a}.author_id, {a}.recorded_at,
        (SELECT x.seq FROM journal x WHERE x.academic_year = {a}.academic_year AND x.supersedes = {a}.seq), {a}.group_id
        """;

    private const int RowColumnCount = 19;

    /// <summary>A row from the <see cref="RowColumns"/> starting at column <paramref name="at"/>.</summary>
    private static JournalRow ReadRow(NpgsqlDataReader r, int at = 0) => new(
        r.GetInt64(at), r.GetString(at + 1), r.GetString(at + 2), r.GetString(at + 3), r.GetFieldValue<DateOnly>(at + 4),
        r.IsDBNull(at + 5) ? null : r.GetInt16(at + 5), r.IsDBNull(at + 6) ? null : r.GetString(at + 6), r.IsDBNull(at + 7) ? null : r.GetString(at + 7),
        r.IsDBNull(at + 8) ? null : r.GetInt16(at + 8), r.IsDBNull(at + 9) ? null : r.GetInt16(at + 9),
        r.IsDBNull(at + 10) ? null : r.GetFieldValue<string[]>(at + 10), r.IsDBNull(at + 11) ? null : r.GetFieldValue<string[]>(at + 11),
        r.IsDBNull(at + 12) ? null : r.GetFieldValue<string[]>(at + 12), r.IsDBNull(at + 13) ? null : r.GetInt64(at + 13),
        r.IsDBNull(at + 14) ? null : r.GetString(at + 14), r.GetString(at + 15), r.GetFieldValue<DateTimeOffset>(at + 16),
        r.IsDBNull(at + 17) ? null : r.GetInt64(at + 17), r.GetString(at + 18));

    /// <summary>A row by its sequence number (null when the year has none).</summary>
    public async Task<JournalRow?> FindRowAsync(string academicYear, long sequence, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {RowColumns("j")} FROM journal j WHERE j.academic_year = @y AND j.seq = @s");
        command.Parameters.AddWithValue("y", academicYear);
        command.Parameters.AddWithValue("s", sequence);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadRow(reader) : null;
    }

    /// <summary>The class's effective rows of one subject between two dates (the teacher's journal grid).</summary>
    public async Task<IReadOnlyList<JournalRow>> ReadClassSubjectRowsAsync(string classId, string academicYear, string subjectId, DateOnly from, DateOnly to,
        CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {RowColumns("j")} FROM journal j
            WHERE j.academic_year = @y AND j.class_id = @c AND j.subject_id = @subject AND j.lesson_date BETWEEN @from AND @to AND {Effective}
            ORDER BY j.lesson_date, j.period NULLS LAST, j.seq
            """);
        command.Parameters.AddWithValue("y", academicYear);
        command.Parameters.AddWithValue("c", classId);
        command.Parameters.AddWithValue("subject", subjectId);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        var rows = new List<JournalRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(ReadRow(reader));
        }
        return rows;
    }

    /// <summary>
    /// The corrections that concern a student (rows of theirs, and roll-calls with them on the roster, that supersede
    /// an earlier row), with the row each replaced: the diary's correction history.
    /// </summary>
    public async Task<IReadOnlyList<(JournalRow Correction, JournalRow Original)>> ReadStudentCorrectionsAsync(string studentId, string academicYear,
        CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {RowColumns("j")}, {RowColumns("o")}
            FROM journal j JOIN journal o ON o.academic_year = j.academic_year AND o.seq = j.supersedes
            WHERE j.academic_year = @y AND j.supersedes IS NOT NULL
              AND (o.student_id = @s OR (o.entry_kind = 'lesson' AND @s = ANY (o.roster)))
            ORDER BY j.seq
            """);
        command.Parameters.AddWithValue("y", academicYear);
        command.Parameters.AddWithValue("s", studentId);
        var rows = new List<(JournalRow, JournalRow)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((ReadRow(reader), ReadRow(reader, RowColumnCount)));
        }
        return rows;
    }

    /// <summary>
    /// Appends a correction in one statement: the new row copies the original's place (class, group, subject, date,
    /// student or roster) and supersedes it; the class watermark and the audit row go with it. A row already
    /// superseded is refused (each row is superseded at most once); a retry with the same entry id is a duplicate.
    /// </summary>
    public async Task<(CorrectionOutcome Outcome, long Sequence)> AppendCorrectionAsync(JournalWriteContext context, NewCorrection correction,
        CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            WITH original AS (
                SELECT * FROM journal WHERE academic_year = @year AND seq = @supersedes AND class_id = @class_id AND entry_kind <> 'void'
            ),
            existing AS (
                SELECT seq, payload_hash FROM journal WHERE academic_year = @year AND entry_id = @entry_id
            ),
            inserted AS (
                INSERT INTO journal (academic_year, entry_id, entry_kind, class_id, group_id, organization_id, subject_id, lesson_date, period,
                                     student_id, mark_kind, score, max_score, roster, absent_ids, absent_codes, supersedes, reason,
                                     author_id, client_address, payload_hash)
                SELECT @year, @entry_id, CASE WHEN @void THEN 'void' ELSE o.entry_kind END, o.class_id, o.group_id, o.organization_id,
                       o.subject_id, o.lesson_date, o.period, o.student_id,
                       CASE WHEN @void THEN NULL ELSE o.mark_kind END,
                       CASE WHEN @void OR o.entry_kind <> 'mark' THEN NULL ELSE @score END,
                       CASE WHEN @void OR o.entry_kind <> 'mark' THEN NULL ELSE @max_score END,
                       CASE WHEN @void THEN NULL ELSE o.roster END,
                       CASE WHEN @void OR o.entry_kind <> 'lesson' THEN NULL ELSE @absent_ids END,
                       CASE WHEN @void OR o.entry_kind <> 'lesson' THEN NULL ELSE @absent_codes END,
                       o.seq, @reason, @author_id, @client_address, @hash
                FROM original o
                WHERE NOT EXISTS (SELECT 1 FROM existing)
                ON CONFLICT DO NOTHING
                RETURNING seq
            ),
            watermark AS (
                INSERT INTO class_watermarks (class_id, seq) SELECT @class_id, seq FROM inserted
                ON CONFLICT (class_id) DO UPDATE SET seq = greatest(class_watermarks.seq, excluded.seq)
            ),
            audit AS (
                INSERT INTO audit_log (actor_id, roles, client_address, action, target_kind, target_id, organization_id, outcome, detail)
                SELECT @author_id, @author_roles, @client_address, 'journal.correct', 'class', @class_id, @organization_id,
                       CASE WHEN EXISTS (SELECT 1 FROM inserted) THEN 'committed' ELSE 'refused' END,
                       jsonb_build_object('supersedes', @supersedes, 'void', @void, 'sequence', (SELECT seq FROM inserted))
                WHERE NOT EXISTS (SELECT 1 FROM existing)
            )
            SELECT (SELECT seq FROM inserted), (SELECT seq FROM existing), (SELECT payload_hash = @hash FROM existing)
            """);
        AddContext(command, context);
        command.Parameters.AddWithValue("supersedes", correction.Supersedes);
        command.Parameters.AddWithValue("entry_id", correction.EntryId);
        command.Parameters.AddWithValue("void", correction.Void);
        command.Parameters.AddWithValue("reason", correction.Reason);
        command.Parameters.Add(new NpgsqlParameter<short?>("score", NpgsqlDbType.Smallint) { TypedValue = (short?)correction.Score });
        command.Parameters.Add(new NpgsqlParameter<short?>("max_score", NpgsqlDbType.Smallint) { TypedValue = (short?)correction.MaxScore });
        command.Parameters.Add(new NpgsqlParameter("absent_ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = (object?)correction.AbsentIds?.ToArray() ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("absent_codes", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = (object?)correction.AbsentCodes?.ToArray() ?? DBNull.Value });
        command.Parameters.AddWithValue("hash", correction.PayloadHash);
        return await ReadSingleOutcomeAsync(command, cancellationToken);
    }

    /// <summary>
    /// The answer of a one-row append: (inserted seq, existing seq, existing payload equal). Neither inserted nor existing
    /// means the row it supersedes was already superseded.
    /// </summary>
    private static async Task<(CorrectionOutcome Outcome, long Sequence)> ReadSingleOutcomeAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        if (!reader.IsDBNull(0))
        {
            return (CorrectionOutcome.Inserted, reader.GetInt64(0));
        }
        if (!reader.IsDBNull(1))
        {
            return (reader.GetBoolean(2) ? CorrectionOutcome.Duplicate : CorrectionOutcome.Conflict, reader.GetInt64(1));
        }
        return (CorrectionOutcome.AlreadyCorrected, 0);
    }

    /// <summary>
    /// Appends a head's excusal of a student's missed summative, in one statement with the class watermark and the audit
    /// row. <paramref name="date"/> places it in its term. A retry with the same entry id is a duplicate.
    /// </summary>
    public async Task<(CorrectionOutcome Outcome, long Sequence)> AppendExcusalAsync(JournalWriteContext context, Guid entryId, string studentId,
        string subjectId, DateOnly date, MarkKind kind, string reason, byte[] payloadHash, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            WITH existing AS (
                SELECT seq, payload_hash FROM journal WHERE academic_year = @year AND entry_id = @entry_id
            ),
            inserted AS (
                INSERT INTO journal (academic_year, entry_id, entry_kind, class_id, group_id, organization_id, subject_id, lesson_date,
                                     student_id, mark_kind, reason, author_id, client_address, payload_hash)
                SELECT @year, @entry_id, 'excusal', @class_id, @group_id, @organization_id, @subject_id, @date,
                       @student_id, @kind, @reason, @author_id, @client_address, @hash
                WHERE NOT EXISTS (SELECT 1 FROM existing)
                ON CONFLICT DO NOTHING
                RETURNING seq
            ),
            watermark AS (
                INSERT INTO class_watermarks (class_id, seq) SELECT @class_id, seq FROM inserted
                ON CONFLICT (class_id) DO UPDATE SET seq = greatest(class_watermarks.seq, excluded.seq)
            ),
            audit AS (
                INSERT INTO audit_log (actor_id, roles, client_address, action, target_kind, target_id, organization_id, outcome, detail)
                SELECT @author_id, @author_roles, @client_address, 'journal.excuse', 'class', @class_id, @organization_id, 'committed',
                       jsonb_build_object('subjectId', @subject_id, 'kind', @kind, 'sequence', (SELECT seq FROM inserted))
                FROM inserted
            )
            SELECT (SELECT seq FROM inserted), (SELECT seq FROM existing), (SELECT payload_hash = @hash FROM existing)
            """);
        AddContext(command, context);
        command.Parameters.AddWithValue("entry_id", entryId);
        command.Parameters.AddWithValue("student_id", studentId);
        command.Parameters.AddWithValue("subject_id", subjectId);
        command.Parameters.AddWithValue("date", date);
        command.Parameters.AddWithValue("kind", JournalNames.Of(kind));
        command.Parameters.AddWithValue("reason", reason);
        command.Parameters.AddWithValue("hash", payloadHash);
        return await ReadSingleOutcomeAsync(command, cancellationToken);
    }

    private static MarkKind ParseKind(string name) =>
        JournalNames.TryParseMarkKind(name, out var kind) ? kind : throw new InvalidOperationException($"Unknown mark kind '{name}' in the journal.");

    /// <summary>
    /// Every journal row that concerns a student this academic year: their marks, and every lesson whose
    /// stored roster includes them (with their code, null = present). Read by index.
    /// </summary>
    public async Task<IReadOnlyList<StudentRowWithTime>> ReadStudentRowsAsync(string studentId, string academicYear, CancellationToken cancellationToken = default)
    {
        const string sql = $"""
            SELECT seq, subject_id, lesson_date, mark_kind, score, max_score, false, 0::smallint, NULL::text, recorded_at, class_id
            FROM journal j WHERE j.academic_year = @y AND j.student_id = @s AND j.entry_kind = 'mark' AND {Effective}
            UNION ALL
            SELECT j.seq, j.subject_id, j.lesson_date, NULL, 0::smallint, 0::smallint, true, j.period,
                   j.absent_codes[array_position(j.absent_ids, @s)], j.recorded_at, j.class_id
            FROM journal j
            WHERE j.academic_year = @y AND j.entry_kind = 'lesson' AND @s = ANY (j.roster) AND {Effective}
              AND j.class_id IN (SELECT e.class_id FROM enrolments e JOIN classes c ON c.id = e.class_id
                                 WHERE e.student_id = @s AND c.academic_year = @y)
            ORDER BY 1
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("y", academicYear);
        command.Parameters.AddWithValue("s", studentId);
        var rows = new List<StudentRowWithTime>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            MarkKind? kind = null;
            if (!reader.IsDBNull(3) && JournalNames.TryParseMarkKind(reader.GetString(3), out var parsed))
            {
                kind = parsed;
            }
            AbsenceCode? code = null;
            if (!reader.IsDBNull(8) && JournalNames.TryParseAbsence(reader.GetString(8), out var absence))
            {
                code = absence;
            }
            rows.Add(new StudentRowWithTime(
                new StudentJournalRow(
                    reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<DateOnly>(2), kind,
                    reader.GetInt16(4), reader.GetInt16(5), reader.GetBoolean(6), reader.GetInt16(7), code),
                reader.GetString(10), reader.GetFieldValue<DateTimeOffset>(9)));
        }
        return rows;
    }
}
