using EduInfo.Domain.Assessment;
using System.Diagnostics;
using Npgsql;

namespace EduInfo.Tools.Benchmark;

/// <summary>
/// A term of past journal for the benchmark, written in PostgreSQL itself (no client round trips): formative marks and
/// roll-calls of every whole-class teaching of grades 2+ of schools over the first term's school days, about
/// <c>rows</c> rows, with the class watermarks moved to cover them. Then the naive baseline's journal
/// (<c>naive.journal</c>, the same definition, indexes and constraints) gets the same rows, so both systems answer
/// from the same history. The live traffic of the benchmark writes into the second term, so its roll-calls never
/// meet a lesson recorded here.
/// </summary>
public static class JournalHistory
{
    public static async Task LoadAsync(NpgsqlDataSource dataSource, string academicYear, long rows, TextWriter log, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        await ExecuteAsync(dataSource, Teachings, academicYear, cancellationToken);
        var (teachings, seats, days) = await ShapeAsync(dataSource, cancellationToken);
        if (teachings == 0 || days == 0)
        {
            throw new InvalidOperationException("No teachings or school days for the history: seed the country and its calendar first.");
        }
        // About three lessons in ten rows, the rest marks: a roll-call per teaching and school day at most. Rows are
        // drawn at random, so aim half a percent high: "at least 10 million" must hold, not just on average.
        var target = rows * 1.005;
        var lessonShare = Math.Min(1.0, target * 0.3 / (teachings * days));
        var markShare = Math.Min(1.0, (target - lessonShare * teachings * days) / ((double)seats * days));
        await ExecuteAsync(dataSource, Lessons.Replace("@share", Fraction(lessonShare)), academicYear, cancellationToken);
        await ExecuteAsync(dataSource, Marks.Replace("@share", Fraction(markShare)), academicYear, cancellationToken);
        await ExecuteAsync(dataSource, Watermarks, academicYear, cancellationToken);
        var written = await ScalarAsync(dataSource, "SELECT count(*) FROM journal", cancellationToken);
        log.WriteLine($"history: {written:N0} journal rows ({teachings:N0} teachings × {days} school days) in {stopwatch.Elapsed.TotalSeconds:F0} s");

        stopwatch.Restart();
        await ExecuteAsync(dataSource, Naive, academicYear, cancellationToken);
        log.WriteLine($"history: the naive baseline's journal holds the same {written:N0} rows ({stopwatch.Elapsed.TotalSeconds:F0} s)");
    }

    private static string Fraction(double share) => share.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture);

    private const string Teachings = """
        DROP TABLE IF EXISTS bench_history_teachings;
        CREATE UNLOGGED TABLE bench_history_teachings AS
        SELECT c.id AS class_id, c.organization_id, c.academic_year, a.subject_id, a.teacher_id,
               array(SELECT e.student_id FROM enrolments e WHERE e.class_id = c.id AND e.to_date IS NULL ORDER BY 1) AS roster,
               row_number() OVER (PARTITION BY c.id ORDER BY a.subject_id) AS n
        FROM classes c
        JOIN organizations o ON o.id = c.organization_id AND o.kind = 'school'
        JOIN assignments a ON a.group_id = c.id AND a.to_date IS NULL
        WHERE c.grade >= 2 AND c.academic_year = @year;
        DROP TABLE IF EXISTS bench_history_days;
        CREATE UNLOGGED TABLE bench_history_days AS
        SELECT d::date AS day
        FROM academic_terms t, generate_series(t.starts_on, t.ends_on, interval '1 day') d
        WHERE t.academic_year = @year AND t.org_kind = 'school' AND t.term = 1 AND extract(isodow FROM d) < 6
          AND d::date NOT IN (SELECT x.day FROM calendar_days x WHERE x.academic_year = @year AND x.org_kind = 'school' AND x.kind <> 'working');
        """;

    private const string Lessons = """
        INSERT INTO journal (academic_year, entry_id, entry_kind, class_id, group_id, organization_id, subject_id, lesson_date, period,
                             roster, absent_ids, absent_codes, author_id, recorded_at, payload_hash)
        SELECT t.academic_year, gen_random_uuid(), 'lesson', t.class_id, t.class_id, t.organization_id, t.subject_id, d.day,
               1 + (t.n - 1) % 8, t.roster, coalesce(a.ids, '{}'), coalesce(a.codes, '{}'), t.teacher_id, d.day + time '15:00', '\x00'
        FROM bench_history_teachings t CROSS JOIN bench_history_days d
        CROSS JOIN LATERAL (
            SELECT array_agg(s) AS ids, array_agg((ARRAY['unexcused', 'excused', 'sick', 'late'])[1 + floor(random() * 4)::int]) AS codes
            FROM unnest(t.roster) s WHERE random() < 0.06) a
        WHERE random() < @share
        """;

    private const string Marks = """
        INSERT INTO journal (academic_year, entry_id, entry_kind, class_id, group_id, organization_id, subject_id, lesson_date,
                             student_id, mark_kind, score, max_score, author_id, recorded_at, payload_hash)
        SELECT t.academic_year, gen_random_uuid(), 'mark', t.class_id, t.class_id, t.organization_id, t.subject_id, d.day,
               s.student_id, 'formative', 1 + floor(random() * 10)::int, 10, t.teacher_id, d.day + time '16:00', '\x00'
        FROM bench_history_teachings t CROSS JOIN bench_history_days d CROSS JOIN unnest(t.roster) s (student_id)
        WHERE random() < @share
        """;

    private const string Watermarks = """
        INSERT INTO class_watermarks (class_id, seq)
        SELECT class_id, max(seq) FROM journal GROUP BY class_id
        ON CONFLICT (class_id) DO UPDATE SET seq = greatest(class_watermarks.seq, excluded.seq);
        DROP TABLE bench_history_teachings;
        DROP TABLE bench_history_days;
        ANALYZE journal;
        """;

    // The naive service's journal: the same columns, defaults, constraints and indexes, and the same rows.
    private const string Naive = """
        CREATE SCHEMA IF NOT EXISTS naive;
        DROP TABLE IF EXISTS naive.journal;
        CREATE TABLE naive.journal (LIKE public.journal INCLUDING ALL);
        INSERT INTO naive.journal SELECT * FROM public.journal;
        ANALYZE naive.journal;
        """;

    private static async Task<(long Teachings, long Seats, long Days)> ShapeAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken) =>
        (await ScalarAsync(dataSource, "SELECT count(*) FROM bench_history_teachings", cancellationToken),
         await ScalarAsync(dataSource, "SELECT coalesce(sum(cardinality(roster)), 0) FROM bench_history_teachings", cancellationToken),
         await ScalarAsync(dataSource, "SELECT count(*) FROM bench_history_days", cancellationToken));

    private static async Task<long> ScalarAsync(NpgsqlDataSource dataSource, string sql, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken));
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql, string academicYear, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        command.Parameters.AddWithValue("year", academicYear);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
