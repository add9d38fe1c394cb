using Npgsql;

namespace EduInfo.Storage.Registry;

/// <summary>Reads for "who am I" (<c>GET /api/v1/me</c>): a caller's children, own class and assignments, by the ids of their grants.</summary>
public sealed partial class RegistryStore
{
    private const string StudentPlaces = """
        SELECT s.id, s.last_name, s.first_name, c.id, c.grade, c.letter, o.id, o.name_kk, o.name_ru, o.name_en
        FROM students s
        JOIN LATERAL (SELECT e.class_id FROM enrolments e WHERE e.student_id = s.id ORDER BY e.from_date DESC, e.seq DESC LIMIT 1) e ON true
        JOIN classes c ON c.id = e.class_id
        JOIN organizations o ON o.id = c.organization_id
        """;

    /// <summary>The children of the parents <paramref name="parentIds"/> with their current classes (personal data: callers audit).</summary>
    public Task<IReadOnlyList<StudentPlace>> ChildrenAsync(IReadOnlyList<string> parentIds, CancellationToken cancellationToken = default) =>
        StudentPlacesAsync(StudentPlaces + " WHERE s.id IN (SELECT sp.student_id FROM student_parents sp WHERE sp.parent_id = ANY (@ids)"
            + " AND (sp.from_date IS NULL OR sp.from_date <= @today) AND (sp.to_date IS NULL OR sp.to_date >= @today)) ORDER BY 2, 3, 1",
            parentIds, cancellationToken);

    /// <summary>The students <paramref name="studentIds"/> with their current classes (personal data: callers audit).</summary>
    public Task<IReadOnlyList<StudentPlace>> StudentPlacesAsync(IReadOnlyList<string> studentIds, CancellationToken cancellationToken = default) =>
        StudentPlacesAsync(StudentPlaces + " WHERE s.id = ANY (@ids) ORDER BY 2, 3, 1", studentIds, cancellationToken);

    /// <summary>The teacher's assignments in force on <paramref name="day"/>, by class, group and subject.</summary>
    public async Task<IReadOnlyList<TeachingPlace>> TeachingsAsync(string teacherId, DateOnly day, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT DISTINCT g.class_id, c.grade, c.letter, a.group_id, a.subject_id, s.name_kk, s.name_ru, s.name_en
            FROM assignments a
            JOIN teaching_groups g ON g.id = a.group_id
            JOIN subjects s ON s.id = a.subject_id
            LEFT JOIN classes c ON c.id = g.class_id
            WHERE a.teacher_id = @t AND a.from_date <= @d AND (a.to_date IS NULL OR a.to_date >= @d)
            ORDER BY c.grade, c.letter, g.class_id, a.group_id, a.subject_id
            """);
        command.Parameters.AddWithValue("t", teacherId);
        command.Parameters.AddWithValue("d", day);
        var places = new List<TeachingPlace>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var inClass = !reader.IsDBNull(0);
            places.Add(new TeachingPlace(inClass ? reader.GetString(0) : null, inClass ? reader.GetInt16(1) : null, inClass ? reader.GetString(2) : null,
                reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetString(7)));
        }
        return places;
    }

    private async Task<IReadOnlyList<StudentPlace>> StudentPlacesAsync(string sql, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string[]>("ids", ids.ToArray()));
        command.Parameters.AddWithValue("today", clock.Today); // the parents' links in force on Kazakhstan's day
        var places = new List<StudentPlace>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            places.Add(new StudentPlace(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt16(4),
                reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetString(8), reader.GetString(9)));
        }
        return places;
    }
}
