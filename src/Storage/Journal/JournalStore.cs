using EduInfo.Domain.Journal;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace EduInfo.Storage.Journal;

/// <summary>
/// The journal in PostgreSQL: appends batches in one round trip and reads rows back by index.
/// Appends are all or nothing: one statement checks idempotency keys, inserts only when no key
/// conflicts, and moves the class watermark, so an acknowledged row is committed together with the
/// watermark that covers it. Its parts: the batch appends (this file), corrections and excusals
/// (<c>.Corrections</c>), what a class rebuilds from (<c>.Ledger</c>) and rows read back (<c>.Rows</c>).
/// </summary>
public sealed partial class JournalStore(NpgsqlDataSource dataSource)
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
        JournalNames.Of(EntryKind.Mark), "student_id, mark_kind, score, max_score", "i.student_id, i.mark_kind, i.score, i.max_score");

    // Roll-calls carry arrays (roster, absentees), which unnest would flatten: they travel as one jsonb array.
    private static readonly string AppendLessonsSql = AppendSql(
        """
        SELECT t.entry_id, t.subject_id, t.lesson_date, t.period, t.roster, t.absent_ids, t.absent_codes,
               decode(t.payload_hash, 'base64') AS payload_hash, t.group_id
        FROM jsonb_to_recordset(@rows) AS t(entry_id uuid, subject_id text, lesson_date date, period smallint,
                                            roster text[], absent_ids text[], absent_codes text[], payload_hash text, group_id text)
        """,
        JournalNames.Of(EntryKind.Lesson), "period, roster, absent_ids, absent_codes", "i.period, i.roster, i.absent_ids, i.absent_codes");

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
}
