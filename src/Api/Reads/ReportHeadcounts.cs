using Npgsql;

namespace EduInfo.Api.Reads;

/// <summary>
/// The progress report's headcount movement from the registry's dated enrolments, one statement per report: per class
/// under an organization or class, per organization under an area. The window is the term in each class's calendar (its
/// kind of organization), from its first day to its last or today while it runs; the year runs from its first term's
/// first day to today, as the summaries count it. Rows are enrolments, not people: a transfer between two classes is a
/// departure from one and an arrival in the other (also in the totals, so the columns add up), and
/// <c>at end = at start + arrived − left</c> holds for every row.
/// </summary>
public sealed class ReportHeadcounts(NpgsqlDataSource dataSource)
{
    // An enrolment counts at the start when it covers the first day, arrived when it starts after it (by the count day),
    // left when it ends before the count day (its to_date is the last day enrolled), at the end when it covers the count
    // day. A term not yet started has no window: its rows are absent.
    private const string Sql = """
        WITH win AS (
            SELECT org_kind,
                   CASE WHEN @term = 0 THEN min(starts_on) ELSE min(starts_on) FILTER (WHERE term = @term) END AS starts,
                   CASE WHEN @term = 0 THEN @today ELSE least(min(ends_on) FILTER (WHERE term = @term), @today) END AS ends
            FROM academic_terms WHERE academic_year = @year GROUP BY org_kind),
        cls AS (
            SELECT c.id, c.organization_id, c.grade, c.letter, w.starts, w.ends
            FROM classes c JOIN organizations o ON o.id = c.organization_id
            LEFT JOIN win w ON w.org_kind = o.kind AND w.starts <= w.ends
            WHERE c.path @> ARRAY[@node]::text[] AND c.academic_year = @year)
        SELECT o.id, o.kind, CASE WHEN @by_class THEN c.id END, CASE WHEN @by_class THEN c.grade END, CASE WHEN @by_class THEN c.letter END,
               count(c.starts) > 0,
               count(e.seq) FILTER (WHERE e.from_date <= c.starts AND (e.to_date IS NULL OR e.to_date >= c.starts)),
               count(e.seq) FILTER (WHERE e.from_date > c.starts AND e.from_date <= c.ends),
               count(e.seq) FILTER (WHERE e.to_date >= c.starts AND e.to_date < c.ends),
               count(e.seq) FILTER (WHERE e.from_date <= c.ends AND (e.to_date IS NULL OR e.to_date >= c.ends))
        FROM organizations o
        LEFT JOIN cls c ON c.organization_id = o.id
        LEFT JOIN enrolments e ON e.class_id = c.id
        WHERE o.path @> ARRAY[@node]::text[] AND (NOT @by_class OR c.id IS NOT NULL)
        GROUP BY 1, 2, 3, 4, 5
        """;

    /// <summary>
    /// The movement of each class under <paramref name="nodeId"/> (<paramref name="byClass"/>) or of each organization,
    /// in <paramref name="term"/> (0: the year) of <paramref name="year"/>; a row whose window has not begun has none.
    /// </summary>
    public async Task<IReadOnlyList<HeadcountRow>> ReadAsync(string nodeId, bool byClass, string year, int term, DateOnly today,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.AddWithValue("node", nodeId);
        command.Parameters.AddWithValue("by_class", byClass);
        command.Parameters.AddWithValue("year", year);
        command.Parameters.AddWithValue("term", term);
        command.Parameters.AddWithValue("today", today);
        var rows = new List<HeadcountRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new HeadcountRow(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetInt16(3), reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetBoolean(5) ? new Headcount(reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(9)) : null));
        }
        return rows;
    }
}

/// <summary>A class's (<see cref="ClassId"/>, its grade and letter) or an organization's movement; null where no window has begun.</summary>
public sealed record HeadcountRow(string OrganizationId, string OrganizationKind, string? ClassId, int? Grade, string? Letter, Headcount? Headcount);

/// <summary>Students at a window's start, arrived and left during it, and at its end (enrolments, see <see cref="ReportHeadcounts"/>).</summary>
public sealed record Headcount(long AtStart, long Arrived, long Left, long AtEnd)
{
    public static readonly Headcount Zero = new(0, 0, 0, 0);

    public static Headcount operator +(Headcount a, Headcount b) =>
        new(a.AtStart + b.AtStart, a.Arrived + b.Arrived, a.Left + b.Left, a.AtEnd + b.AtEnd);

    /// <summary>The sum of the rows that have a window; null when none has.</summary>
    public static Headcount? Sum(IEnumerable<Headcount?> parts) =>
        parts.OfType<Headcount>().Aggregate((Headcount?)null, (total, part) => (total ?? Zero) + part);
}
