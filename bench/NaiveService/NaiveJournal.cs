using System.Text.Json;
using Npgsql;

namespace EduInfo.Bench.NaiveService;

/// <summary>The naive service's journal: straight SQL per request, nothing kept in memory.</summary>
public sealed class NaiveJournal(NpgsqlDataSource dataSource)
{
    private const string InsertMark = """
        INSERT INTO naive.journal (academic_year, entry_id, entry_kind, class_id, group_id, organization_id, subject_id, lesson_date,
                                   student_id, mark_kind, score, max_score, author_id, payload_hash)
        VALUES ($1, $2, 'mark', $3, $4, $5, $6, $7, $8, $9, $10, $11, 'naive', '\x00')
        """;

    private const string InsertLesson = """
        INSERT INTO naive.journal (academic_year, entry_id, entry_kind, class_id, group_id, organization_id, subject_id, lesson_date,
                                   period, roster, absent_ids, absent_codes, author_id, payload_hash)
        VALUES ($1, $2, 'lesson', $3, $4, $5, $6, $7, $8, $9, $10, $11, 'naive', '\x00')
        """;

    // The dashboard: every figure of a node's subtree counted from the journal at request time.
    private const string Summary = """
        SELECT count(*) FILTER (WHERE j.entry_kind = 'mark'),
               count(*) FILTER (WHERE j.mark_kind = 'formative'),
               coalesce(sum(j.score) FILTER (WHERE j.mark_kind = 'formative'), 0),
               coalesce(sum(j.max_score) FILTER (WHERE j.mark_kind = 'formative'), 0),
               count(*) FILTER (WHERE j.mark_kind IN ('section', 'term')),
               count(*) FILTER (WHERE j.entry_kind = 'lesson'),
               coalesce(sum(cardinality(j.roster)) FILTER (WHERE j.entry_kind = 'lesson'), 0),
               coalesce(sum(cardinality(j.absent_ids)) FILTER (WHERE j.entry_kind = 'lesson'), 0)
        FROM naive.journal j JOIN classes c ON c.id = j.class_id
        WHERE $1 = ANY (c.path) OR c.organization_id = $1 OR c.id = $1
        """;

    private sealed record Class(string AcademicYear, string OrganizationId);

    public async Task<IResult> AppendMarksAsync(string classId, HttpRequest request, CancellationToken cancellationToken)
    {
        using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (await ClassAsync(connection, classId, cancellationToken) is not { } @class)
        {
            return Results.NotFound();
        }
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var written = 0;
        foreach (var entry in body.RootElement.GetProperty("entries").EnumerateArray())
        {
            await using var insert = new NpgsqlCommand(InsertMark, connection, transaction);
            var kind = entry.GetProperty("kind").GetString()!;
            insert.Parameters.Add(new() { Value = @class.AcademicYear });
            insert.Parameters.Add(new() { Value = entry.GetProperty("entryId").GetGuid() });
            insert.Parameters.Add(new() { Value = classId });
            insert.Parameters.Add(new() { Value = GroupOf(entry, classId) });
            insert.Parameters.Add(new() { Value = @class.OrganizationId });
            insert.Parameters.Add(new() { Value = entry.GetProperty("subjectId").GetString()! });
            insert.Parameters.Add(new() { Value = DateOnly.Parse(entry.GetProperty("date").GetString()!, System.Globalization.CultureInfo.InvariantCulture) });
            insert.Parameters.Add(new() { Value = entry.GetProperty("studentId").GetString()! });
            insert.Parameters.Add(new() { Value = kind });
            insert.Parameters.Add(new() { Value = entry.GetProperty("score").GetInt16() });
            insert.Parameters.Add(new() { Value = entry.TryGetProperty("maxScore", out var max) ? max.GetInt16() : (short)10 });
            written += await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return Results.Json(new { written });
    }

    public async Task<IResult> AppendLessonsAsync(string classId, HttpRequest request, CancellationToken cancellationToken)
    {
        using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (await ClassAsync(connection, classId, cancellationToken) is not { } @class)
        {
            return Results.NotFound();
        }
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var written = 0;
        try
        {
            foreach (var entry in body.RootElement.GetProperty("entries").EnumerateArray())
            {
                var group = GroupOf(entry, classId);
                var absentees = entry.GetProperty("absentees").EnumerateArray().ToList();
                await using var insert = new NpgsqlCommand(InsertLesson, connection, transaction);
                insert.Parameters.Add(new() { Value = @class.AcademicYear });
                insert.Parameters.Add(new() { Value = entry.GetProperty("entryId").GetGuid() });
                insert.Parameters.Add(new() { Value = classId });
                insert.Parameters.Add(new() { Value = group });
                insert.Parameters.Add(new() { Value = @class.OrganizationId });
                insert.Parameters.Add(new() { Value = entry.GetProperty("subjectId").GetString()! });
                insert.Parameters.Add(new() { Value = DateOnly.Parse(entry.GetProperty("date").GetString()!, System.Globalization.CultureInfo.InvariantCulture) });
                insert.Parameters.Add(new() { Value = entry.GetProperty("period").GetInt16() });
                insert.Parameters.Add(new() { Value = await RosterAsync(connection, transaction, classId, group, cancellationToken) });
                insert.Parameters.Add(new() { Value = absentees.Select(a => a.GetProperty("studentId").GetString()!).ToArray() });
                insert.Parameters.Add(new() { Value = absentees.Select(a => a.GetProperty("code").GetString()!).ToArray() });
                written += await insert.ExecuteNonQueryAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return Results.Conflict(); // the lesson was recorded already
        }
        return Results.Json(new { written });
    }

    public async Task<IResult> SummaryAsync(string nodeId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Summary);
        command.CommandTimeout = 0;
        command.Parameters.Add(new() { Value = nodeId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var seats = reader.GetInt64(6);
        var absent = reader.GetInt64(7);
        return Results.Json(new
        {
            nodeId,
            figures = new
            {
                marks = reader.GetInt64(0), formativeMarks = reader.GetInt64(1), formativeScoreSum = reader.GetInt64(2),
                formativeMaxSum = reader.GetInt64(3), summativeMarks = reader.GetInt64(4), lessonsHeld = reader.GetInt64(5),
                seatsHeld = seats, absent,
            },
        });
    }

    private static string GroupOf(JsonElement entry, string classId) =>
        entry.TryGetProperty("groupId", out var group) && group.ValueKind == JsonValueKind.String ? group.GetString()! : classId;

    private static async Task<Class?> ClassAsync(NpgsqlConnection connection, string classId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT academic_year, organization_id FROM classes WHERE id = $1", connection);
        command.Parameters.Add(new() { Value = classId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new Class(reader.GetString(0), reader.GetString(1)) : null;
    }

    private static async Task<string[]> RosterAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string classId, string group, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(group == classId
            ? "SELECT array(SELECT student_id FROM enrolments WHERE class_id = $1 AND to_date IS NULL ORDER BY 1)"
            : "SELECT array(SELECT student_id FROM teaching_group_members WHERE group_id = $1 AND to_date IS NULL ORDER BY 1)", connection, transaction);
        command.Parameters.Add(new() { Value = group == classId ? classId : group });
        return (string[])(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
