using EduInfo.Domain.Notifications;
using EduInfo.Grains.Interfaces.Localization;
using Npgsql;

namespace EduInfo.Storage.Notifications;

/// <summary>A journal notice as its readers render it: the subject's names, what happened (a score, a code, a term) and the day.</summary>
public sealed record JournalNoticeFacts(JournalNoticeKind Kind, string? SubjectKk, string? SubjectRu, string? SubjectEn, string? Detail, DateOnly? OnDate)
{
    /// <summary>The message kinds of the notifications table for the journal's notices.</summary>
    public static string Text(JournalNoticeKind kind) => kind switch
    {
        JournalNoticeKind.Mark => "journalMark",
        JournalNoticeKind.Absence => "journalAbsence",
        _ => "termMarks",
    };

    /// <summary>The facts of a notifications row read with <see cref="Columns"/> at <paramref name="first"/>, or null for any other message.</summary>
    public static JournalNoticeFacts? Read(NpgsqlDataReader reader, string kind, int first) =>
        kind switch { "journalMark" => JournalNoticeKind.Mark, "journalAbsence" => JournalNoticeKind.Absence, "termMarks" => JournalNoticeKind.TermMarks, _ => (JournalNoticeKind?)null }
            is { } k
            ? new JournalNoticeFacts(k, Nullable(reader, first), Nullable(reader, first + 1), Nullable(reader, first + 2), Nullable(reader, first + 3),
                reader.IsDBNull(first + 4) ? null : reader.GetFieldValue<DateOnly>(first + 4))
            : null;

    /// <summary>The columns <see cref="Read"/> expects, of a notifications row <c>n</c> left-joined to its subject <c>su</c>.</summary>
    public const string Columns = "su.name_kk, su.name_ru, su.name_en, n.detail, n.on_date";

    /// <summary>The notice in <paramref name="language"/>: the subject, the score or the attendance, the day (never the pupil: the link says which).</summary>
    public string Render(string language)
    {
        var subject = Messages.Pick(language, SubjectKk ?? "", SubjectRu ?? "", SubjectEn ?? "");
        var day = OnDate?.ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture) ?? "";
        return Kind switch
        {
            JournalNoticeKind.Mark => Messages.Get("notification.journalMark", language, subject, Detail ?? "", day),
            JournalNoticeKind.Absence => Messages.Get("notification.journalAbsence", language, subject, day,
                Messages.Get($"notification.absence.{Detail}", language)),
            _ => Messages.Get("notification.termMarks", language, Detail ?? ""),
        };
    }

    private static string? Nullable(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}

/// <summary>What one pass of the feed did: the sequence numbers it covered, the notices and outbox rows it wrote.</summary>
public sealed record FeedPass(long From, long To, int Notices, int Outgoing);

/// <summary>
/// The journal's feed of notices to parents (issue 22): reads journal rows and term closes behind a cursor, never in the
/// write path, and writes for each a notice to every parent of the pupil who follows that kind, with the outbox rows of
/// their channels, in the transaction that moves the cursor. Silos run it side by side: the cursor's row lock lets one
/// pass at a time, and a notice is unique per recipient, row and pupil.
/// </summary>
public sealed class JournalFeedStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// The feed's cursor, the newest number of the journal's sequence, the snapshot's oldest running transaction id, and an
    /// id this poll takes for itself: above every id given out before it (the snapshot's xmax is not: a writer may hold a
    /// higher id).
    /// </summary>
    public async Task<(long Cursor, long NewestSeq, ulong OldestRunning, ulong Boundary)> SnapshotAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT (SELECT seq FROM journal_feed), (SELECT last_value FROM journal_seq), pg_snapshot_xmin(pg_current_snapshot()), pg_current_xact_id()");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetFieldValue<ulong>(2), reader.GetFieldValue<ulong>(3));
    }

    /// <summary>
    /// Reads the recent settled segments again for rows a pass could not see: those whose writer took its number and
    /// stalled past the horizon, so that its transaction id is at or above the segment's boundary. Nothing else is read
    /// (the filter is on the row's own id), and a row already told writes nothing (the notices' unique index). Returns
    /// the notices written.
    /// </summary>
    public async Task<int> RecheckAsync(IReadOnlyList<FeedSegment> segments, DateOnly today, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var written = 0;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        foreach (var segment in segments)
        {
            await using var write = new NpgsqlCommand(FeedSql, connection);
            Bind(write, segment.After, segment.UpTo, today, at, (long)(segment.Boundary % XidModulus));
            await using var reader = await write.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            written += (int)reader.GetInt64(0);
        }
        return written;
    }

    private const ulong XidModulus = 1UL << 32;

    private static void Bind(NpgsqlCommand command, long from, long to, DateOnly today, DateTimeOffset at, long? late)
    {
        var year = Domain.Calendar.AcademicCalendar.YearOf(today);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        command.Parameters.AddWithValue("years", new[] { Domain.Calendar.AcademicCalendar.YearOf(today.AddYears(-1)), year, Domain.Calendar.AcademicCalendar.Next(year) });
        command.Parameters.AddWithValue("today", today);
        command.Parameters.AddWithValue("at", at);
        command.Parameters.Add(new NpgsqlParameter<long?>("late", NpgsqlTypes.NpgsqlDbType.Bigint) { TypedValue = late });
    }

    public async Task<long> CursorAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT seq FROM journal_feed");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// One pass over the numbers after the cursor up to <paramref name="upTo"/> (at most <paramref name="span"/> of them);
    /// null when another silo's pass holds the cursor or nothing is left. Journal rows are read in the academic years
    /// around <paramref name="today"/> (the partitions a journal writes to).
    /// </summary>
    public async Task<FeedPass?> PassAsync(long upTo, long span, DateOnly today, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        long from;
        await using (var cursor = new NpgsqlCommand("SELECT seq FROM journal_feed FOR UPDATE SKIP LOCKED", connection, transaction))
        {
            if (await cursor.ExecuteScalarAsync(cancellationToken) is not long seq || seq >= upTo)
            {
                return null;
            }
            from = seq;
        }
        var to = Math.Min(upTo, from + span);
        int notices, outgoing;
        await using (var write = new NpgsqlCommand(FeedSql, connection, transaction))
        {
            Bind(write, from, to, today, at, late: null);
            await using var reader = await write.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            (notices, outgoing) = ((int)reader.GetInt64(0), (int)reader.GetInt64(1));
        }
        await using (var move = new NpgsqlCommand("UPDATE journal_feed SET seq = @to, updated_at = @at", connection, transaction))
        {
            move.Parameters.AddWithValue("to", to);
            move.Parameters.AddWithValue("at", at);
            await move.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return new FeedPass(from, to, notices, outgoing);
    }

    // A mark (new or corrected; a voided one tells nothing), an absence new to the row (a corrected roll-call tells only
    // of pupils it newly marks absent), a term close (to the pupils enrolled in the class today). A parent is told while
    // their link to the pupil holds today and they follow that kind. The link opens the pupil's diary (the parents'
    // page of their children for an id a link cannot carry as it is). A recheck (@late: a segment's boundary modulo 2^32)
    // reads only rows whose transaction id is at or after it, compared on the 32-bit circle the row's xmin lives on.
    private const string FeedSql = """
        WITH marks AS (
            SELECT j.seq, j.student_id, j.subject_id, j.score || '/' || j.max_score AS detail, j.lesson_date
            FROM journal j
            WHERE j.academic_year = ANY (@years) AND j.seq > @from AND j.seq <= @to AND j.entry_kind = 'mark'
              AND (@late IS NULL OR ((j.xmin::text::bigint - @late) % 4294967296 + 4294967296) % 4294967296 < 2147483648)
        ), absences AS (
            SELECT j.seq, a.student_id, j.subject_id, a.code AS detail, j.lesson_date
            FROM journal j CROSS JOIN LATERAL unnest(j.absent_ids, j.absent_codes) AS a (student_id, code)
            WHERE j.academic_year = ANY (@years) AND j.seq > @from AND j.seq <= @to AND j.entry_kind = 'lesson'
              AND (@late IS NULL OR ((j.xmin::text::bigint - @late) % 4294967296 + 4294967296) % 4294967296 < 2147483648)
              AND NOT EXISTS (SELECT 1 FROM journal o WHERE o.academic_year = j.academic_year AND o.seq = j.supersedes
                                                        AND o.absent_ids @> ARRAY[a.student_id] AND o.absent_codes[array_position(o.absent_ids, a.student_id)] = a.code)
        ), closes AS (
            SELECT t.seq, e.student_id, t.term::text AS detail
            FROM term_events t JOIN enrolments e ON e.class_id = t.class_id AND e.from_date <= @today AND (e.to_date IS NULL OR e.to_date >= @today)
            WHERE t.seq > @from AND t.seq <= @to AND t.action = 'close'
              AND (@late IS NULL OR ((t.xmin::text::bigint - @late) % 4294967296 + 4294967296) % 4294967296 < 2147483648)
        ), notices AS (
            SELECT seq, student_id, 'journalMark' AS kind, subject_id, detail, lesson_date AS on_date FROM marks
            UNION ALL SELECT seq, student_id, 'journalAbsence', subject_id, detail, lesson_date FROM absences
            UNION ALL SELECT seq, student_id, 'termMarks', NULL, detail, NULL FROM closes
        ), inserted AS (
            INSERT INTO notifications (recipient, kind, journal_seq, student_id, subject_id, detail, on_date, link, created_at)
            SELECT c.recipient, n.kind, n.seq, n.student_id, n.subject_id, n.detail, n.on_date,
                   CASE WHEN n.student_id ~ '^[A-Za-z0-9_.~-]+$' THEN '/students/' || n.student_id || '/diary' ELSE '/family' END, @at
            FROM notices n
            JOIN student_parents sp ON sp.student_id = n.student_id AND (sp.from_date IS NULL OR sp.from_date <= @today)
                                   AND (sp.to_date IS NULL OR sp.to_date >= @today)
            JOIN notification_channels c ON c.recipient = sp.parent_id
            WHERE CASE n.kind WHEN 'journalMark' THEN c.marks_on WHEN 'journalAbsence' THEN c.absences_on ELSE c.term_marks_on END
            ON CONFLICT (recipient, journal_seq, student_id) WHERE journal_seq IS NOT NULL DO NOTHING
            RETURNING id, recipient
        ), outgoing AS (
            INSERT INTO notification_outbox (notification_id, channel, address, language, quiet_from, quiet_to, created_at, next_attempt_at)
            SELECT i.id, ch.channel, ch.address, c.language, c.quiet_from, c.quiet_to, @at, @at
            FROM inserted i JOIN notification_channels c ON c.recipient = i.recipient
            CROSS JOIN LATERAL (VALUES ('email', c.email, c.email_on), ('sms', c.phone, c.sms_on)) AS ch (channel, address, on_)
            WHERE ch.on_
            RETURNING 1
        )
        SELECT (SELECT count(*) FROM inserted), (SELECT count(*) FROM outgoing)
        """;
}
