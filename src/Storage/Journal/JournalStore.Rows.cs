using EduInfo.Domain.Journal;
using EduInfo.Grains.Interfaces.Students;
using System.Data;
using Npgsql;

namespace EduInfo.Storage.Journal;

// Rows read back: one by its number (corrections), a class's subject (the grid), a student's (the diary).
public sealed partial class JournalStore
{
    /// <summary>The columns <see cref="ReadRow"/> reads, for the journal row aliased <paramref name="a"/>.</summary>
    private static string RowColumns(string a) => $"""
        {a}.seq, {a}.entry_kind, {a}.class_id, {a}.subject_id, {a}.lesson_date, {a}.period, {a}.student_id, {a}.mark_kind, {a}.score,
        {a}.max_score, {a}.roster, {a}.absent_ids, {a}.absent_codes, {a}.supersedes, {a}.reason, {a}.author_id, {a}.recorded_at,
        (SELECT x.seq FROM journal x WHERE x.academic_year = {a}.academic_year AND x.supersedes = {a}.seq), {a}.group_id
        """;

    private const int RowColumnCount = 19;

    /// <summary>A row from the <see cref="RowColumns"/> starting at column <paramref name="at"/>.</summary>
    private static JournalRow ReadRow(NpgsqlDataReader r, int at = 0) => new(
        r.GetInt64(at), JournalColumns.EntryKind(r.GetString(at + 1)), r.GetString(at + 2), r.GetString(at + 3), r.GetFieldValue<DateOnly>(at + 4),
        r.IsDBNull(at + 5) ? null : r.GetInt16(at + 5), r.IsDBNull(at + 6) ? null : r.GetString(at + 6),
        r.IsDBNull(at + 7) ? null : JournalColumns.MarkKind(r.GetString(at + 7)),
        r.IsDBNull(at + 8) ? null : r.GetInt16(at + 8), r.IsDBNull(at + 9) ? null : r.GetInt16(at + 9),
        r.IsDBNull(at + 10) ? null : r.GetFieldValue<string[]>(at + 10), r.IsDBNull(at + 11) ? null : r.GetFieldValue<string[]>(at + 11),
        r.IsDBNull(at + 12) ? null : JournalColumns.AbsenceCodes(r.GetFieldValue<string[]>(at + 12)), r.IsDBNull(at + 13) ? null : r.GetInt64(at + 13),
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

    private const string StudentRowsSql = $"""
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

    // Every class the student was enrolled in this year, with its committed watermark (0 before its first row).
    private const string StudentClassWatermarksSql = """
        SELECT DISTINCT c.id, coalesce(w.seq, 0) FROM enrolments e JOIN classes c ON c.id = e.class_id
        LEFT JOIN class_watermarks w ON w.class_id = c.id
        WHERE e.student_id = @s AND c.academic_year = @y
        """;

    /// <summary>
    /// Every journal row that concerns a student this academic year (their marks, and every lesson whose stored roster
    /// includes them, with their code, null = present; read by index) and the committed watermark of each of their
    /// classes this year, in one snapshot: every row of a class up to its watermark is in the rows, and none above it.
    /// </summary>
    public async Task<StudentLedgerData> ReadStudentLedgerAsync(string studentId, string academicYear, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands = { new NpgsqlBatchCommand(StudentClassWatermarksSql), new NpgsqlBatchCommand(StudentRowsSql) },
        };
        foreach (NpgsqlBatchCommand command in batch.BatchCommands)
        {
            command.Parameters.AddWithValue("y", academicYear);
            command.Parameters.AddWithValue("s", studentId);
        }
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var watermarks = await ReadWatermarksAsync(reader, cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        var rows = await ReadStudentRowsAsync(reader, cancellationToken);
        await reader.DisposeAsync();
        await transaction.CommitAsync(cancellationToken);
        return new StudentLedgerData(rows, watermarks);
    }

    /// <summary>The committed watermark of each class the student was enrolled in this year (a student's check on read).</summary>
    public async Task<IReadOnlyDictionary<string, long>> ReadStudentClassWatermarksAsync(string studentId, string academicYear,
        CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(StudentClassWatermarksSql);
        command.Parameters.AddWithValue("y", academicYear);
        command.Parameters.AddWithValue("s", studentId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await ReadWatermarksAsync(reader, cancellationToken);
    }

    private static async Task<Dictionary<string, long>> ReadWatermarksAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var watermarks = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            watermarks[reader.GetString(0)] = reader.GetInt64(1);
        }
        return watermarks;
    }

    private static async Task<IReadOnlyList<StudentRowWithTime>> ReadStudentRowsAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var rows = new List<StudentRowWithTime>();
        while (await reader.ReadAsync(cancellationToken))
        {
            MarkKind? kind = reader.IsDBNull(3) ? null : JournalColumns.MarkKind(reader.GetString(3));
            AbsenceCode? code = reader.IsDBNull(8) ? null : JournalColumns.AbsenceCode(reader.GetString(8));
            rows.Add(new StudentRowWithTime(
                new StudentJournalRow(
                    reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<DateOnly>(2), kind,
                    reader.GetInt16(4), reader.GetInt16(5), reader.GetBoolean(6), reader.GetInt16(7), code),
                reader.GetString(10), reader.GetFieldValue<DateTimeOffset>(9)));
        }
        return rows;
    }
}
