using Npgsql;

namespace EduInfo.Storage.Journal;

/// <summary>
/// The counting figures of areas and organizations recomputed in SQL from the journal and the registry alone,
/// independently of the grains: what the exactness checks (tests, the benchmark, fault and restore tests) compare
/// every live summary with. Only rows in force count: a row superseded by a correction or voided is left out.
/// Keys are the JSON names of <c>SummaryFigures</c>.
/// </summary>
public static class JournalRecount
{
    public static readonly IReadOnlyList<string> Fields =
    [
        "students", "classes", "organizations", "marks", "formativeMarks", "formativeScoreSum", "formativeMaxSum",
        "summativeMarks", "summativeScoreSum", "summativeMaxSum", "lessonsHeld", "seatsHeld", "attended", "late",
        "absentUnexcused", "absentExcused", "absentSick",
    ];

    // One pass over the journal per class, then the classes roll up to every node on their path: each journal row is
    // read once whatever the depth of the hierarchy.
    private const string Sql = """
        WITH node AS (SELECT unnest(@nodes) AS id),
        live AS (
            SELECT j.* FROM journal j
            WHERE j.entry_kind IN ('mark', 'lesson')
              AND NOT EXISTS (SELECT 1 FROM journal s WHERE s.academic_year = j.academic_year AND s.supersedes = j.seq)),
        per_class AS (
            SELECT class_id,
                   count(*) FILTER (WHERE entry_kind = 'mark') AS marks,
                   count(*) FILTER (WHERE mark_kind = 'formative') AS formative_marks,
                   coalesce(sum(score) FILTER (WHERE mark_kind = 'formative'), 0) AS formative_score_sum,
                   coalesce(sum(max_score) FILTER (WHERE mark_kind = 'formative'), 0) AS formative_max_sum,
                   count(*) FILTER (WHERE mark_kind IN ('section', 'term')) AS summative_marks,
                   coalesce(sum(score) FILTER (WHERE mark_kind IN ('section', 'term')), 0) AS summative_score_sum,
                   coalesce(sum(max_score) FILTER (WHERE mark_kind IN ('section', 'term')), 0) AS summative_max_sum,
                   count(*) FILTER (WHERE entry_kind = 'lesson') AS lessons_held,
                   coalesce(sum(cardinality(roster)) FILTER (WHERE entry_kind = 'lesson'), 0) AS seats_held,
                   coalesce(sum(cardinality(array_positions(absent_codes, 'late'))), 0) AS late,
                   coalesce(sum(cardinality(array_positions(absent_codes, 'unexcused'))), 0) AS absent_unexcused,
                   coalesce(sum(cardinality(array_positions(absent_codes, 'excused'))), 0) AS absent_excused,
                   coalesce(sum(cardinality(array_positions(absent_codes, 'sick'))), 0) AS absent_sick
            FROM live GROUP BY class_id),
        -- Each class counts in every node on its path, in its organization and in itself.
        class_node AS (
            SELECT DISTINCT n.id, c.id AS class_id
            FROM classes c CROSS JOIN LATERAL unnest(c.path || ARRAY[c.organization_id, c.id]) x (id) JOIN node n ON n.id = x.id),
        per_node AS (
            SELECT cn.id, sum(p.marks) AS marks, sum(p.formative_marks) AS formative_marks,
                   sum(p.formative_score_sum) AS formative_score_sum, sum(p.formative_max_sum) AS formative_max_sum,
                   sum(p.summative_marks) AS summative_marks, sum(p.summative_score_sum) AS summative_score_sum,
                   sum(p.summative_max_sum) AS summative_max_sum, sum(p.lessons_held) AS lessons_held,
                   sum(p.seats_held) AS seats_held, sum(p.late) AS late, sum(p.absent_unexcused) AS absent_unexcused,
                   sum(p.absent_excused) AS absent_excused, sum(p.absent_sick) AS absent_sick
            FROM class_node cn JOIN per_class p ON p.class_id = cn.class_id
            GROUP BY cn.id),
        organization_node AS (
            SELECT DISTINCT n.id, o.id AS organization_id
            FROM organizations o CROSS JOIN LATERAL unnest(o.path || ARRAY[o.id]) x (id) JOIN node n ON n.id = x.id),
        registry AS (
            SELECT n.id, coalesce(o.organizations, 0) AS organizations, coalesce(c.classes, 0) AS classes, coalesce(s.students, 0) AS students
            FROM node n
            LEFT JOIN (SELECT id, count(*) AS organizations FROM organization_node GROUP BY id) o USING (id)
            LEFT JOIN (SELECT id, count(*) AS classes FROM class_node GROUP BY id) c USING (id)
            LEFT JOIN (SELECT cn.id, count(DISTINCT e.student_id) AS students
                       FROM enrolments e JOIN class_node cn ON cn.class_id = e.class_id
                       WHERE e.from_date <= @today AND (e.to_date IS NULL OR e.to_date >= @today)
                       GROUP BY cn.id) s USING (id))
        SELECT r.id, r.students, r.classes, r.organizations,
               coalesce(m.marks, 0), coalesce(m.formative_marks, 0), coalesce(m.formative_score_sum, 0), coalesce(m.formative_max_sum, 0),
               coalesce(m.summative_marks, 0), coalesce(m.summative_score_sum, 0), coalesce(m.summative_max_sum, 0),
               coalesce(m.lessons_held, 0), coalesce(m.seats_held, 0),
               coalesce(m.seats_held - m.absent_unexcused - m.absent_excused - m.absent_sick, 0),
               coalesce(m.late, 0), coalesce(m.absent_unexcused, 0), coalesce(m.absent_excused, 0), coalesce(m.absent_sick, 0)
        FROM registry r LEFT JOIN per_node m USING (id)
        """;

    /// <summary>Every counting figure of each node (area, organization or class id), as of <paramref name="today"/> for headcounts.</summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>>> ForNodesAsync(
        NpgsqlDataSource dataSource, IReadOnlyList<string> nodes, DateOnly today, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(Sql);
        command.CommandTimeout = 0; // a whole country's journal: as long as it takes
        command.Parameters.AddWithValue("nodes", nodes.ToArray());
        command.Parameters.AddWithValue("today", today);
        var result = new Dictionary<string, IReadOnlyDictionary<string, long>>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result[reader.GetString(0)] = Fields.Select((field, i) => (field, Convert.ToInt64(reader.GetValue(i + 1))))
                .ToDictionary(x => x.field, x => x.Item2, StringComparer.Ordinal);
        }
        return result;
    }
}
