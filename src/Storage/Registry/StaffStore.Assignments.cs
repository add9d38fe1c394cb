using EduInfo.Domain.Registry;
using EduInfo.Storage.Audit;
using Npgsql;

namespace EduInfo.Storage.Registry;

/// <summary>An assignment as the head's classes page lists it (<see cref="GroupId"/> is the class id for the whole class).</summary>
public sealed record AssignmentRow(long Id, string TeacherId, string ClassId, string GroupId, string? GroupName, string SubjectId, DateOnly From, DateOnly? To);

/// <summary>A class of the organization with its class teachers (dated), subgroups and assignments.</summary>
public sealed record StaffClassRow(string ClassId, int Grade, string Letter, string AcademicYear);

/// <summary>A class-teacher period.</summary>
public sealed record ClassTeacherRow(long Seq, string ClassId, string TeacherId, DateOnly From, DateOnly? To);

/// <summary>A subgroup of a class, for one subject.</summary>
public sealed record SubgroupRow(string GroupId, string ClassId, string? SubjectId, string? Name, int Members);

public sealed partial class StaffStore
{
    public async Task<IReadOnlyList<StaffClassRow>> ReadClassesAsync(string organizationId, CancellationToken cancellationToken = default) =>
        await ListAsync("SELECT id, grade, letter, academic_year FROM classes WHERE organization_id = @o ORDER BY academic_year DESC, grade, letter, id",
            organizationId, r => new StaffClassRow(r.GetString(0), r.GetInt16(1), r.GetString(2), r.GetString(3)), cancellationToken);

    public async Task<IReadOnlyList<AssignmentRow>> ReadAssignmentsAsync(string organizationId, CancellationToken cancellationToken = default) =>
        await ListAsync("""
            SELECT a.id, a.teacher_id, g.class_id, g.id, g.name, a.subject_id, a.from_date, a.to_date
            FROM assignments a JOIN teaching_groups g ON g.id = a.group_id JOIN classes c ON c.id = g.class_id
            WHERE c.organization_id = @o ORDER BY g.class_id, a.subject_id, a.from_date, a.id
            """, organizationId, r => new AssignmentRow(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4),
            r.GetString(5), r.GetFieldValue<DateOnly>(6), DateOrNull(r, 7)), cancellationToken);

    public async Task<IReadOnlyList<ClassTeacherRow>> ReadClassTeachersAsync(string organizationId, CancellationToken cancellationToken = default) =>
        await ListAsync("""
            SELECT t.seq, t.class_id, t.teacher_id, t.from_date, t.to_date
            FROM class_teachers t JOIN classes c ON c.id = t.class_id WHERE c.organization_id = @o ORDER BY t.class_id, t.from_date
            """, organizationId, r => new ClassTeacherRow(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetFieldValue<DateOnly>(3), DateOrNull(r, 4)),
            cancellationToken);

    public async Task<IReadOnlyList<SubgroupRow>> ReadSubgroupsAsync(string organizationId, CancellationToken cancellationToken = default) =>
        await ListAsync("""
            SELECT g.id, g.class_id, g.subject_id, g.name,
                   (SELECT count(DISTINCT m.student_id) FROM teaching_group_members m WHERE m.group_id = g.id AND m.to_date IS NULL)::int
            FROM teaching_groups g JOIN classes c ON c.id = g.class_id
            WHERE c.organization_id = @o AND g.kind = 'subgroup' ORDER BY g.class_id, g.subject_id, g.name, g.id
            """, organizationId, r => new SubgroupRow(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
            r.GetInt32(4)), cancellationToken);

    /// <summary>A class or subgroup of one of this organization's classes (cross-class profile groups are not changed here).</summary>
    public async Task<GroupFacts?> FindGroupAsync(string organizationId, string? groupId, CancellationToken cancellationToken = default)
    {
        if (!RegistryIds.IsWellFormed(groupId))
        {
            return null;
        }
        await using var command = dataSource.CreateCommand("""
            SELECT g.class_id, CASE WHEN g.kind = 'subgroup' THEN g.subject_id END
            FROM teaching_groups g JOIN classes c ON c.id = g.class_id
            WHERE g.id = @g AND c.organization_id = @o AND g.kind IN ('class', 'subgroup')
            """);
        command.Parameters.AddWithValue("g", groupId!);
        command.Parameters.AddWithValue("o", organizationId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new GroupFacts(groupId!, reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)) : null;
    }

    /// <summary>The teacher's assignments to the group and subject, by id.</summary>
    public async Task<IReadOnlyList<(long Id, Assignment Assignment)>> ReadTeacherAssignmentsAsync(string teacherId, string groupId, string subjectId,
        CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT id, from_date, to_date FROM assignments WHERE teacher_id = @t AND group_id = @g AND subject_id = @s ORDER BY from_date");
        command.Parameters.AddWithValue("t", teacherId);
        command.Parameters.AddWithValue("g", groupId);
        command.Parameters.AddWithValue("s", subjectId);
        var rows = new List<(long, Assignment)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetInt64(0), new Assignment(teacherId, groupId, subjectId, reader.GetFieldValue<DateOnly>(1), DateOrNull(reader, 2))));
        }
        return rows;
    }

    /// <summary>An assignment of one of this organization's classes: its id's teacher, group and subject; null when there is none.</summary>
    public async Task<(string TeacherId, string GroupId, string SubjectId, string ClassId)?> FindAssignmentAsync(string organizationId, long assignmentId,
        CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT a.teacher_id, a.group_id, a.subject_id, g.class_id
            FROM assignments a JOIN teaching_groups g ON g.id = a.group_id JOIN classes c ON c.id = g.class_id
            WHERE a.id = @a AND c.organization_id = @o
            """);
        command.Parameters.AddWithValue("a", assignmentId);
        command.Parameters.AddWithValue("o", organizationId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)) : null;
    }

    /// <summary>The teacher's marks and roll-calls in force for the group and subject, by date.</summary>
    public async Task<IReadOnlyList<RecordedRow>> ReadRecordedRowsAsync(string teacherId, string classId, string groupId, string subjectId,
        CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT j.seq, j.lesson_date FROM journal j
            WHERE j.class_id = @c AND j.group_id = @g AND j.subject_id = @s AND {InForceBy}
            ORDER BY j.seq
            """);
        command.Parameters.AddWithValue("t", teacherId);
        command.Parameters.AddWithValue("c", classId);
        command.Parameters.AddWithValue("g", groupId);
        command.Parameters.AddWithValue("s", subjectId);
        var rows = new List<RecordedRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new RecordedRow(reader.GetInt64(0), reader.GetFieldValue<DateOnly>(1)));
        }
        return rows;
    }

    /// <summary>Adds an assignment (the class moves to a new version, the audit row with it); its id.</summary>
    public async Task<long> AddAssignmentAsync(Assignment assignment, string classId, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        long id;
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO assignments (teacher_id, group_id, subject_id, from_date, to_date) VALUES (@t, @g, @s, @f, @to) RETURNING id", connection, transaction))
        {
            insert.Parameters.AddWithValue("t", assignment.TeacherId);
            insert.Parameters.AddWithValue("g", assignment.GroupId);
            insert.Parameters.AddWithValue("s", assignment.SubjectId);
            insert.Parameters.AddWithValue("f", assignment.From);
            insert.Parameters.Add(new NpgsqlParameter<DateOnly?>("to", NpgsqlTypes.NpgsqlDbType.Date) { TypedValue = assignment.To });
            id = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
        }
        await BumpAsync(connection, transaction, [classId], cancellationToken);
        await CommitWithAuditAsync(connection, transaction, audit with { DetailJson = Detail(id, assignment) }, cancellationToken);
        return id;
    }

    /// <summary>Sets an assignment's last day (null: open); the class moves to a new version, the audit row with it.</summary>
    public async Task SetAssignmentEndAsync(long assignmentId, Assignment changed, string classId, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var update = new NpgsqlCommand("UPDATE assignments SET to_date = @to WHERE id = @a", connection, transaction))
        {
            update.Parameters.AddWithValue("a", assignmentId);
            update.Parameters.Add(new NpgsqlParameter<DateOnly?>("to", NpgsqlTypes.NpgsqlDbType.Date) { TypedValue = changed.To });
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
        await BumpAsync(connection, transaction, [classId], cancellationToken);
        await CommitWithAuditAsync(connection, transaction, audit with { DetailJson = Detail(assignmentId, changed) }, cancellationToken);
    }

    private static string Detail(long id, Assignment a) => System.Text.Json.JsonSerializer.Serialize(new
    {
        assignmentId = id, teacherId = a.TeacherId, groupId = a.GroupId, subjectId = a.SubjectId, from = a.From.ToString("yyyy-MM-dd"),
        to = a.To?.ToString("yyyy-MM-dd"),
    });

    private async Task<IReadOnlyList<T>> ListAsync<T>(string sql, string organizationId, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("o", organizationId);
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }
        return rows;
    }
}
