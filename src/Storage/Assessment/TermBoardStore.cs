using Npgsql;

namespace EduInfo.Storage.Assessment;

/// <summary>One class's term as the head's desk lists it: its dates and whether it is closed now.</summary>
public sealed record ClassTermState(string ClassId, int Grade, string Letter, int Term, DateOnly StartsOn, DateOnly EndsOn, bool Closed);

/// <summary>
/// The terms of an organization's classes (of its latest academic year) with their state: the last close or reopening
/// of each decides, as it does for the class grain (term_events is the data of record; this only reads it).
/// </summary>
public sealed class TermBoardStore(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<ClassTermState>> ReadAsync(string organizationId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT c.id, c.grade::int, c.letter, t.term::int, t.starts_on, t.ends_on, coalesce(e.action = 'close', false)
            FROM classes c JOIN organizations o ON o.id = c.organization_id
            JOIN academic_terms t ON t.academic_year = c.academic_year AND t.org_kind = o.kind
            LEFT JOIN LATERAL (SELECT x.action FROM term_events x
                               WHERE x.class_id = c.id AND x.academic_year = c.academic_year AND x.term = t.term
                               ORDER BY x.seq DESC LIMIT 1) e ON true
            WHERE c.organization_id = @o
              AND c.academic_year = (SELECT max(academic_year) FROM classes WHERE organization_id = @o)
            ORDER BY c.grade, c.letter, c.id, t.term
            """);
        command.Parameters.AddWithValue("o", organizationId);
        var states = new List<ClassTermState>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            states.Add(new ClassTermState(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetInt32(3),
                reader.GetFieldValue<DateOnly>(4), reader.GetFieldValue<DateOnly>(5), reader.GetBoolean(6)));
        }
        return states;
    }
}
