using EduInfo.Domain.Calendar;
using EduInfo.Domain.Journal;
using System.Diagnostics;
using System.Text.Json;
using EduInfo.Storage.Assessment;
using EduInfo.Storage.Audit;
using Npgsql;

namespace EduInfo.Tools.Demo;

/// <summary>
/// The journal of the demo year up to yesterday, so the run command's dashboards show a year in progress on any date
/// (and, in the summer holiday, the year just ended, closed). For every teaching of schools and colleges taught to a
/// whole class or a subgroup: a roll-call for most lessons of its timetable on the school days before today (with a
/// few absentees), formative marks for some pupils after lessons, a section summative in the middle of each term and a
/// term summative on its last school day, once those days have passed; then every term that has ended is closed.
/// Pupils keep a level of their own, so marks look like a class's and not like noise.
/// </summary>
/// <remarks>
/// A bulk load in PostgreSQL before the cluster starts, like the benchmark's history: the grains rebuild from the
/// journal when they activate, and the class watermarks are moved to cover the rows. Kindergartens and additional
/// education get none (no subjects and no terms to close).
/// </remarks>
public static class DemoHistory
{
    public static readonly IReadOnlyList<string> Kinds = ["school", "college"];

    /// <summary>Share of lessons with a roll-call (the rest forgotten: completeness below 100 %).</summary>
    private const double RollCallShare = 0.93;

    /// <summary>Share of present pupils who get a formative mark after a lesson.</summary>
    private const double MarkedShare = 0.12;

    public sealed record Report(long Lessons, long Marks, long ClosedTerms, DateOnly? LastDay);

    public static async Task<Report> LoadAsync(NpgsqlDataSource dataSource, string academicYear, DateOnly today, TextWriter log, CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var plan = await PlanAsync(new AssessmentStore(dataSource), academicYear, today, cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var load = new NpgsqlCommand(Sql, connection, transaction) { CommandTimeout = 0 })
        {
            load.Parameters.AddWithValue("year", academicYear);
            load.Parameters.AddWithValue("kinds", Kinds.ToArray());
            load.Parameters.Add(new NpgsqlParameter<DateOnly[]>("days", plan.Days.Select(d => d.Day).ToArray()));
            load.Parameters.Add(new NpgsqlParameter<string[]>("day_kinds", plan.Days.Select(d => d.Kind).ToArray()));
            load.Parameters.Add(new NpgsqlParameter<DateOnly[]>("exam_days", plan.Summatives.Select(s => s.Day).ToArray()));
            load.Parameters.Add(new NpgsqlParameter<string[]>("exam_kinds", plan.Summatives.Select(s => s.Kind).ToArray()));
            load.Parameters.Add(new NpgsqlParameter<string[]>("exam_marks", plan.Summatives.Select(s => s.MarkKind).ToArray()));
            load.Parameters.Add(new NpgsqlParameter<string[]>("close_kinds", plan.Ended.Select(t => t.Kind).ToArray()));
            load.Parameters.Add(new NpgsqlParameter<short[]>("close_terms", plan.Ended.Select(t => (short)t.Term).ToArray()));
            load.Parameters.AddWithValue("roll_calls", RollCallShare);
            load.Parameters.AddWithValue("marked", MarkedShare);
            await load.ExecuteNonQueryAsync(cancellationToken);
        }
        long lessons, marks, closed;
        await using (var count = new NpgsqlCommand("""
            SELECT (SELECT count(*) FROM journal WHERE academic_year = @year AND entry_kind = 'lesson'),
                   (SELECT count(*) FROM journal WHERE academic_year = @year AND entry_kind = 'mark'),
                   (SELECT count(*) FROM term_events WHERE academic_year = @year AND action = 'close')
            """, connection, transaction))
        {
            count.Parameters.AddWithValue("year", academicYear);
            await using var reader = await count.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            (lessons, marks, closed) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        }
        var report = new Report(lessons, marks, closed, plan.Days.Count == 0 ? null : plan.Days.Max(d => d.Day));
        await using (var audit = AuditLog.InsertCommand(new AuditEntry("seed", [], null, "demo.history", "journal", academicYear, null, "committed",
                         JsonSerializer.Serialize(new { report.Lessons, report.Marks, report.ClosedTerms, today })), connection, transaction))
        {
            await audit.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        await using (var analyze = dataSource.CreateCommand("ANALYZE journal"))
        {
            await analyze.ExecuteNonQueryAsync(cancellationToken);
        }
        log.WriteLine(report.LastDay is { } last
            ? $"seed: journal of {academicYear} to {last:yyyy-MM-dd}: {lessons:N0} roll-calls, {marks:N0} marks, {closed:N0} term closes ({stopwatch.Elapsed.TotalSeconds:F0} s)"
            : $"seed: {academicYear} has no school day before {today:yyyy-MM-dd}; the journal starts empty");
        return report;
    }

    private sealed record Plan(
        IReadOnlyList<(DateOnly Day, string Kind)> Days,
        IReadOnlyList<(DateOnly Day, string Kind, string MarkKind)> Summatives,
        IReadOnlyList<(string Kind, int Term)> Ended);

    /// <summary>The school days before today of each kind's calendar, the summative days already passed, and the terms ended.</summary>
    private static async Task<Plan> PlanAsync(AssessmentStore store, string academicYear, DateOnly today, CancellationToken cancellationToken)
    {
        var days = new List<(DateOnly, string)>();
        var summatives = new List<(DateOnly, string, string)>();
        var ended = new List<(string, int)>();
        foreach (var kind in Kinds)
        {
            var calendar = new SchoolCalendar(await store.ReadCalendarAsync(academicYear, kind, cancellationToken) ?? SyntheticCalendar.For(academicYear, kind));
            foreach (var (term, starts, ends) in calendar.Terms)
            {
                var schoolDays = new List<DateOnly>();
                for (var day = starts; day <= ends; day = day.AddDays(1))
                {
                    if (calendar.Check(day, 5, 5, []) == DayStatus.SchoolDay)
                    {
                        schoolDays.Add(day);
                    }
                }
                days.AddRange(schoolDays.Where(d => d < today).Select(d => (d, kind)));
                if (schoolDays.Count == 0)
                {
                    continue;
                }
                foreach (var (day, markKind) in new[] { (schoolDays[schoolDays.Count / 2], JournalNames.Of(MarkKind.Section)), (schoolDays[^1], JournalNames.Of(MarkKind.Term)) })
                {
                    if (day < today)
                    {
                        summatives.Add((day, kind, markKind));
                    }
                }
                if (ends < today)
                {
                    ended.Add((kind, term));
                }
            }
        }
        return new Plan(days, summatives, ended);
    }

    private const string Sql = """
        CREATE TEMP TABLE demo_teachings ON COMMIT DROP AS
        SELECT g.class_id, g.id AS group_id, c.organization_id, o.kind, c.grade, a.subject_id, a.teacher_id,
               CASE WHEN g.id = g.class_id
                    THEN array(SELECT e.student_id FROM enrolments e WHERE e.class_id = c.id AND e.to_date IS NULL ORDER BY 1)
                    ELSE array(SELECT m.student_id FROM teaching_group_members m WHERE m.group_id = g.id AND m.to_date IS NULL ORDER BY 1)
               END AS roster,
               (o.kind = 'college' OR c.grade >= 2) AS marked
        FROM classes c
        JOIN organizations o ON o.id = c.organization_id AND o.kind = ANY (@kinds)
        JOIN teaching_groups g ON g.class_id = c.id AND g.kind IN ('class', 'subgroup')
        JOIN assignments a ON a.group_id = g.id AND a.to_date IS NULL
        WHERE c.academic_year = @year;

        CREATE TEMP TABLE demo_days ON COMMIT DROP AS
        SELECT * FROM unnest(@days, @day_kinds) AS d(day, kind);

        -- Roll-calls of the timetable's lessons, most of them taken, with the group's roster and about 6 % absent.
        INSERT INTO journal (academic_year, entry_id, entry_kind, class_id, group_id, organization_id, subject_id, lesson_date, period,
                             roster, absent_ids, absent_codes, author_id, recorded_at, payload_hash)
        SELECT @year, gen_random_uuid(), 'lesson', t.class_id, t.group_id, t.organization_id, t.subject_id, d.day, s.period,
               t.roster, coalesce(a.ids, '{}'), coalesce(a.codes, '{}'), t.teacher_id,
               (d.day + time '03:00' + s.period * interval '50 minutes') AT TIME ZONE 'UTC', '\x00'
        FROM demo_teachings t
        JOIN timetable_slots s ON s.class_id = t.class_id AND s.group_id = t.group_id AND s.subject_id = t.subject_id
        JOIN demo_days d ON d.kind = t.kind AND extract(isodow FROM d.day) = s.weekday
                        AND d.day >= s.valid_from AND (s.valid_to IS NULL OR d.day <= s.valid_to)
        CROSS JOIN LATERAL (
            -- d.day is named so the absentees are drawn for each lesson, never reused from another day's.
            SELECT array_agg(x) AS ids, array_agg((ARRAY['unexcused', 'excused', 'sick', 'sick', 'late'])[1 + floor(random() * 5)::int]) AS codes
            FROM unnest(t.roster) x WHERE random() < 0.06 AND d.day IS NOT NULL) a
        WHERE cardinality(t.roster) > 0 AND random() < @roll_calls;

        -- Formative marks after lessons for some of the pupils present; a pupil's level (0–1) steadies their marks.
        INSERT INTO journal (academic_year, entry_id, entry_kind, class_id, group_id, organization_id, subject_id, lesson_date,
                             student_id, mark_kind, score, max_score, author_id, recorded_at, payload_hash)
        SELECT @year, gen_random_uuid(), 'mark', l.class_id, l.group_id, l.organization_id, l.subject_id, l.lesson_date,
               p.student_id, 'formative', least(10, greatest(1, round(3 + 5 * p.level + 3 * random())::int)), 10, l.author_id,
               l.recorded_at + interval '4 hours', '\x00'
        FROM journal l
        JOIN demo_teachings t ON t.group_id = l.group_id AND t.subject_id = l.subject_id AND t.marked
        CROSS JOIN LATERAL (SELECT x AS student_id, (abs(hashtext(x)) % 1000) / 1000.0 AS level FROM unnest(l.roster) x) p
        WHERE l.academic_year = @year AND l.entry_kind = 'lesson' AND NOT (p.student_id = ANY (l.absent_ids)) AND random() < @marked;

        -- Summatives once their day has passed: a section summative (of 20) mid-term, the term summative (of 25) at its end.
        INSERT INTO journal (academic_year, entry_id, entry_kind, class_id, group_id, organization_id, subject_id, lesson_date,
                             student_id, mark_kind, score, max_score, author_id, recorded_at, payload_hash)
        SELECT @year, gen_random_uuid(), 'mark', t.class_id, t.group_id, t.organization_id, t.subject_id, e.day,
               p.student_id, e.mark_kind, round(e.max_score * (0.3 + 0.5 * p.level + 0.2 * random()))::int, e.max_score, t.teacher_id,
               (e.day + time '09:00') AT TIME ZONE 'UTC', '\x00'
        FROM demo_teachings t
        JOIN (SELECT d.day, d.kind, d.mark_kind, CASE d.mark_kind WHEN 'term' THEN 25 ELSE 20 END AS max_score
              FROM unnest(@exam_days, @exam_kinds, @exam_marks) AS d(day, kind, mark_kind)) e ON e.kind = t.kind
        CROSS JOIN LATERAL (SELECT x AS student_id, (abs(hashtext(x)) % 1000) / 1000.0 AS level FROM unnest(t.roster) x) p
        WHERE t.marked;

        -- Terms that have ended are closed (their marks final), as heads do after the term.
        INSERT INTO term_events (class_id, academic_year, term, action, actor_id)
        SELECT c.id, @year, x.term, 'close', 'seed'
        FROM classes c
        JOIN organizations o ON o.id = c.organization_id
        JOIN unnest(@close_kinds, @close_terms) AS x(kind, term) ON x.kind = o.kind
        WHERE c.academic_year = @year;

        INSERT INTO class_watermarks (class_id, seq)
        SELECT class_id, max(seq) FROM (
            SELECT class_id, seq FROM journal WHERE academic_year = @year
            UNION ALL SELECT class_id, seq FROM term_events WHERE academic_year = @year) moved
        GROUP BY class_id
        ON CONFLICT (class_id) DO UPDATE SET seq = greatest(class_watermarks.seq, excluded.seq);
        """;
}
