using EduInfo.Domain.Registry;
using EduInfo.Storage.Audit;
using Npgsql;

namespace EduInfo.Storage.Registry;

public sealed partial class StaffStore
{
    /// <summary>The class's current class-teacher period (the latest), or null.</summary>
    public async Task<ClassTeacherRow?> FindClassTeacherAsync(string classId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT seq, teacher_id, from_date, to_date FROM class_teachers WHERE class_id = @c ORDER BY from_date DESC, seq DESC LIMIT 1");
        command.Parameters.AddWithValue("c", classId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new ClassTeacherRow(reader.GetInt64(0), classId, reader.GetString(1), reader.GetFieldValue<DateOnly>(2), DateOrNull(reader, 3))
            : null;
    }

    /// <summary>
    /// A class teacher from <paramref name="from"/>: the current period ends the day before, and the class_teacher grant of
    /// the class passes from the accounts of the teacher whose period ended to the new teacher's, with the audit row. A
    /// grant an operator gave another account (a deputy, a tutor) is not the class teacher's to take: it stays.
    /// </summary>
    public async Task SetClassTeacherAsync(string classId, string teacherId, DateOnly from, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var set = new NpgsqlCommand("""
            WITH ended AS (
                UPDATE class_teachers SET to_date = @f::date - 1 WHERE class_id = @c AND (to_date IS NULL OR to_date >= @f)
            ),
            started AS (
                INSERT INTO class_teachers (class_id, teacher_id, from_date) VALUES (@c, @t, @f)
            ),
            revoked AS (
                DELETE FROM user_roles r USING users u
                WHERE r.user_id = u.id AND r.role = 'class_teacher' AND r.scope_id = @c AND u.person_id <> @t
                  AND u.person_id IN (SELECT teacher_id FROM class_teachers WHERE class_id = @c AND (to_date IS NULL OR to_date >= @f))
            )
            INSERT INTO user_roles (user_id, role, scope_id)
            SELECT id, 'class_teacher', @c FROM users WHERE person_id = @t AND NOT disabled
            ON CONFLICT DO NOTHING
            """, connection, transaction))
        {
            set.Parameters.AddWithValue("c", classId);
            set.Parameters.AddWithValue("t", teacherId);
            set.Parameters.AddWithValue("f", from);
            await set.ExecuteNonQueryAsync(cancellationToken);
        }
        await CommitWithAuditAsync(connection, transaction, audit, cancellationToken);
    }

    /// <summary>The organization's pupils on <paramref name="date"/> by class, with their names (for the head's subgroup form).</summary>
    public async Task<IReadOnlyList<(string ClassId, string StudentId, string Name)>> ReadPupilsAsync(string organizationId, DateOnly date,
        CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT e.class_id, s.id, s.last_name || ' ' || s.first_name FROM enrolments e JOIN classes c ON c.id = e.class_id JOIN students s ON s.id = e.student_id
            WHERE c.organization_id = @o AND e.from_date <= @d AND (e.to_date IS NULL OR e.to_date >= @d) ORDER BY e.class_id, 3, s.id
            """);
        command.Parameters.AddWithValue("o", organizationId);
        command.Parameters.AddWithValue("d", date);
        var rows = new List<(string, string, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }
        return rows;
    }

    /// <summary>The class's pupils on <paramref name="date"/>.</summary>
    public async Task<IReadOnlyList<string>> ReadEnrolledAsync(string classId, DateOnly date, CancellationToken cancellationToken = default) =>
        await StudentsAsync("""
            SELECT student_id FROM enrolments WHERE class_id = @k AND from_date <= @d AND (to_date IS NULL OR to_date >= @d) ORDER BY student_id
            """, classId, date, cancellationToken);

    /// <summary>The subgroup's members on <paramref name="date"/>.</summary>
    public async Task<IReadOnlyList<string>> ReadMembersAsync(string groupId, DateOnly date, CancellationToken cancellationToken = default) =>
        await StudentsAsync("""
            SELECT student_id FROM teaching_group_members WHERE group_id = @k AND from_date <= @d AND (to_date IS NULL OR to_date >= @d) ORDER BY student_id
            """, groupId, date, cancellationToken);

    /// <summary>The group's roll-calls in force, with the roster each stored.</summary>
    public async Task<IReadOnlyList<RecordedRollCall>> ReadRollCallsAsync(string classId, string groupId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT j.seq, j.lesson_date, j.roster FROM journal j
            WHERE j.class_id = @c AND j.group_id = @g AND j.entry_kind = 'lesson'
              AND NOT EXISTS (SELECT 1 FROM journal s WHERE s.academic_year = j.academic_year AND s.supersedes = j.seq)
            ORDER BY j.seq
            """);
        command.Parameters.AddWithValue("c", classId);
        command.Parameters.AddWithValue("g", groupId);
        var rows = new List<RecordedRollCall>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new RecordedRollCall(reader.GetInt64(0), reader.GetFieldValue<DateOnly>(1), reader.GetFieldValue<string[]>(2)));
        }
        return rows;
    }

    /// <summary>
    /// A new subgroup of the class for a subject with <paramref name="studentIds"/> from <paramref name="from"/>; when
    /// split from another subgroup, they leave it the day before. The class moves to a new version, the audit row with it.
    /// </summary>
    public async Task AddSubgroupAsync(string classId, string groupId, string subjectId, string name, IReadOnlyList<string> studentIds, DateOnly from,
        string? leftGroupId, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var split = new NpgsqlCommand("""
            WITH created AS (
                INSERT INTO teaching_groups (id, class_id, kind, subject_id, name) VALUES (@g, @c, 'subgroup', @s, @n)
            ),
            left_source AS (
                UPDATE teaching_group_members SET to_date = @f::date - 1
                WHERE group_id = @from_group AND student_id = ANY(@students) AND from_date < @f AND (to_date IS NULL OR to_date >= @f)
            ),
            dropped AS (
                -- A membership of the source starting on the date itself never began.
                DELETE FROM teaching_group_members WHERE group_id = @from_group AND student_id = ANY(@students) AND from_date >= @f
            )
            INSERT INTO teaching_group_members (group_id, student_id, from_date) SELECT @g, s, @f FROM unnest(@students) AS s
            """, connection, transaction))
        {
            split.Parameters.AddWithValue("g", groupId);
            split.Parameters.AddWithValue("c", classId);
            split.Parameters.AddWithValue("s", subjectId);
            split.Parameters.AddWithValue("n", name);
            split.Parameters.AddWithValue("f", from);
            split.Parameters.Add(new NpgsqlParameter<string?>("from_group", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = leftGroupId });
            split.Parameters.AddWithValue("students", studentIds.ToArray());
            await split.ExecuteNonQueryAsync(cancellationToken);
        }
        await BumpAsync(connection, transaction, [classId], cancellationToken);
        await CommitWithAuditAsync(connection, transaction, audit, cancellationToken);
    }

    private async Task<IReadOnlyList<string>> StudentsAsync(string sql, string key, DateOnly date, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("k", key);
        command.Parameters.AddWithValue("d", date);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(reader.GetString(0));
        }
        return rows;
    }
}
