using Npgsql;

namespace EduInfo.Tools.Simulation;

/// <summary>
/// Reads from the registry the whole-class teachings of grades 2+ (where marks are given) with their current rosters,
/// for a shift of <c>teachers</c> teachers picked at random (not every teacher of the country is online at once).
/// </summary>
public static class TeachingCatalog
{
    public static async Task<IReadOnlyList<Teaching>> LoadAsync(NpgsqlDataSource dataSource, int teachers, int seed, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT g.class_id, a.subject_id, a.teacher_id,
                   CASE WHEN g.id = g.class_id
                        THEN array(SELECT e.student_id FROM enrolments e WHERE e.class_id = g.class_id AND e.to_date IS NULL ORDER BY e.student_id)
                        ELSE array(SELECT m.student_id FROM teaching_group_members m WHERE m.group_id = g.id AND m.to_date IS NULL ORDER BY m.student_id)
                   END,
                   CASE WHEN g.id = g.class_id THEN NULL ELSE g.id END,
                   o.kind
            FROM assignments a JOIN teaching_groups g ON g.id = a.group_id JOIN classes c ON c.id = g.class_id
            JOIN organizations o ON o.id = c.organization_id
            WHERE a.to_date IS NULL AND c.grade >= 2
            ORDER BY a.group_id, a.subject_id
            """);
        var teachings = new List<Teaching>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var roster = reader.GetFieldValue<string[]>(3);
            if (roster.Length > 0)
            {
                teachings.Add(new Teaching(reader.GetString(0), reader.GetString(1), reader.GetString(2), roster, reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5)));
            }
        }
        if (teachings.Count == 0)
        {
            throw new InvalidOperationException("No assignments in the registry: seed it first.");
        }
        var random = new Random(seed);
        var shift = teachings.Select(t => t.TeacherId).Distinct().OrderBy(_ => random.Next()).Take(teachers).ToHashSet();
        return teachings.Where(t => shift.Contains(t.TeacherId)).ToList();
    }
}
