using EduInfo.Domain.Registry;
using EduInfo.Storage.Audit;
using Npgsql;

namespace EduInfo.Storage.Registry;

/// <summary>A member of an organization's staff as its head's page lists them (personal data: never logged).</summary>
public sealed record StaffRow(string Id, string LastName, string FirstName, string? MiddleName, StaffPost Post, DateOnly? HiredOn, DateOnly? LeftOn,
    string? Login);

/// <summary>A person on the staff of an open organization on a day (heads are staff too): who may register for seminars and write materials.</summary>
public sealed record StaffMember(string PersonId, string OrganizationId, IReadOnlyList<string> OrganizationPath);

/// <summary>A member of staff to register.</summary>
public sealed record NewStaff(string Id, string OrganizationId, string Iin, string LastName, string FirstName, string? MiddleName, StaffPost Post,
    DateOnly HiredOn);

/// <summary>
/// Staff of an organization and what they teach (issue 18), read for the checks of the organization's staff grain and
/// written by it alone, each change in one transaction with its audit row and the watermarks of the classes it moves
/// (their ClassRecord holds the assignments and groups), so each of those classes rebuilds.
/// </summary>
public sealed partial class StaffStore(NpgsqlDataSource dataSource)
{
    /// <summary>The person as staff of an open organization still employed on the day, or null (left, closed, or not staff).</summary>
    public async Task<StaffMember?> EmployedAsync(string personId, DateOnly today, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT t.organization_id, o.path FROM teachers t JOIN organizations o ON o.id = t.organization_id
            WHERE t.id = @id AND o.closed_on IS NULL AND (t.left_on IS NULL OR t.left_on >= @today)
            """);
        command.Parameters.AddWithValue("id", personId);
        command.Parameters.AddWithValue("today", today);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new StaffMember(personId, reader.GetString(0), reader.GetFieldValue<string[]>(1)) : null;
    }

    public async Task<IReadOnlyList<StaffRow>> ReadStaffAsync(string organizationId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT t.id, t.last_name, t.first_name, t.middle_name, t.post, t.hired_on, t.left_on,
                   (SELECT min(u.login) FROM users u WHERE u.person_id = t.id)
            FROM teachers t WHERE t.organization_id = @o
            ORDER BY t.left_on IS NOT NULL, t.last_name, t.first_name, t.id
            """);
        command.Parameters.AddWithValue("o", organizationId);
        var rows = new List<StaffRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new StaffRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                ParsePost(reader.GetString(4)), DateOrNull(reader, 5), DateOrNull(reader, 6), reader.IsDBNull(7) ? null : reader.GetString(7)));
        }
        return rows;
    }

    /// <summary>A member of this organization's staff, or null (unknown, or of another organization).</summary>
    public async Task<StaffFacts?> FindStaffAsync(string organizationId, string? staffId, CancellationToken cancellationToken = default)
    {
        if (!RegistryIds.IsWellFormed(staffId))
        {
            return null;
        }
        await using var command = dataSource.CreateCommand("""
            SELECT t.post, t.hired_on, t.left_on, EXISTS (SELECT 1 FROM users u WHERE u.person_id = t.id)
            FROM teachers t WHERE t.id = @t AND t.organization_id = @o
            """);
        command.Parameters.AddWithValue("t", staffId!);
        command.Parameters.AddWithValue("o", organizationId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StaffFacts(staffId!, ParsePost(reader.GetString(0)), DateOrNull(reader, 1), DateOrNull(reader, 2), reader.GetBoolean(3))
            : null;
    }

    /// <summary>Whether the organization is closed (it hires nobody and assigns nothing).</summary>
    public async Task<bool> OrganizationClosedAsync(string organizationId, CancellationToken cancellationToken = default) =>
        await ExistsAsync("SELECT EXISTS (SELECT 1 FROM organizations WHERE id = @k AND closed_on IS NOT NULL)", organizationId, cancellationToken);

    public async Task<bool> IinTakenAsync(string iin, CancellationToken cancellationToken = default) =>
        await ExistsAsync("SELECT EXISTS (SELECT 1 FROM teachers WHERE iin = @k)", iin, cancellationToken);

    public async Task<bool> LoginTakenAsync(string login, CancellationToken cancellationToken = default) =>
        await ExistsAsync("SELECT EXISTS (SELECT 1 FROM users WHERE login = @k)", login, cancellationToken);

    public async Task<bool> SubjectExistsAsync(string? subjectId, CancellationToken cancellationToken = default) =>
        RegistryIds.IsWellFormed(subjectId) && await ExistsAsync("SELECT EXISTS (SELECT 1 FROM subjects WHERE id = @k)", subjectId!, cancellationToken);

    /// <summary>Registers a member of staff, with the audit row.</summary>
    public async Task AddStaffAsync(NewStaff staff, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO teachers (id, iin, last_name, first_name, middle_name, organization_id, post, hired_on)
            VALUES (@id, @iin, @last, @first, @middle, @o, @post, @hired)
            """, connection, transaction))
        {
            insert.Parameters.AddWithValue("id", staff.Id);
            insert.Parameters.AddWithValue("iin", staff.Iin);
            insert.Parameters.AddWithValue("last", staff.LastName);
            insert.Parameters.AddWithValue("first", staff.FirstName);
            insert.Parameters.Add(new NpgsqlParameter<string?>("middle", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = staff.MiddleName });
            insert.Parameters.AddWithValue("o", staff.OrganizationId);
            insert.Parameters.AddWithValue("post", PostName(staff.Post));
            insert.Parameters.AddWithValue("hired", staff.HiredOn);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await CommitWithAuditAsync(connection, transaction, audit, cancellationToken);
    }

    /// <summary>
    /// Records a leaving after <paramref name="lastDay"/>: running assignments and class-teacher periods end that day
    /// (those not yet begun are withdrawn), the class-teacher grants go, the accounts are disabled, and the classes
    /// concerned move to a new version. Returns those classes.
    /// </summary>
    public async Task<IReadOnlyList<string>> SetLeavingAsync(string organizationId, string staffId, DateOnly lastDay, AuditEntry audit,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var classes = new List<string>();
        await using (var leave = new NpgsqlCommand("""
            WITH staff AS (
                UPDATE teachers SET left_on = @d WHERE id = @t AND organization_id = @o RETURNING id
            ),
            touched AS (
                SELECT a.id, a.from_date, g.class_id FROM assignments a JOIN teaching_groups g ON g.id = a.group_id
                WHERE a.teacher_id = @t AND (a.to_date IS NULL OR a.to_date > @d)
            ),
            withdrawn AS (
                DELETE FROM assignments a USING touched x WHERE a.id = x.id AND x.from_date > @d
            ),
            ended AS (
                UPDATE assignments a SET to_date = @d FROM touched x WHERE a.id = x.id AND x.from_date <= @d
            ),
            class_teacher AS (
                UPDATE class_teachers SET to_date = greatest(from_date, @d) WHERE teacher_id = @t AND (to_date IS NULL OR to_date > @d)
                RETURNING class_id
            ),
            grants AS (
                DELETE FROM user_roles r USING users u WHERE r.user_id = u.id AND u.person_id = @t AND r.role = 'class_teacher'
            ),
            accounts AS (
                UPDATE users SET disabled = true WHERE person_id = @t
            )
            SELECT DISTINCT class_id FROM touched WHERE class_id IS NOT NULL
            UNION SELECT class_id FROM class_teacher
            ORDER BY 1
            """, connection, transaction))
        {
            leave.Parameters.AddWithValue("t", staffId);
            leave.Parameters.AddWithValue("o", organizationId);
            leave.Parameters.AddWithValue("d", lastDay);
            await using var reader = await leave.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                classes.Add(reader.GetString(0));
            }
        }
        await BumpAsync(connection, transaction, classes, cancellationToken);
        await CommitWithAuditAsync(connection, transaction, audit, cancellationToken);
        return classes;
    }

    /// <summary>
    /// The teacher's rows (marks and roll-calls still in force) dated after <paramref name="lastDay"/>, written under the
    /// teacher's id or one of their accounts: a leaving must not leave them without an assignment.
    /// </summary>
    public async Task<IReadOnlyList<long>> RowsAfterAsync(string staffId, DateOnly lastDay, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT j.seq FROM journal j
            WHERE j.class_id IN (SELECT g.class_id FROM assignments a JOIN teaching_groups g ON g.id = a.group_id WHERE a.teacher_id = @t)
              AND j.lesson_date > @d AND {InForceBy}
            ORDER BY j.seq LIMIT 50
            """);
        command.Parameters.AddWithValue("t", staffId);
        command.Parameters.AddWithValue("d", lastDay);
        var rows = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(reader.GetInt64(0));
        }
        return rows;
    }

    /// <summary>An account for a member of staff with its grants, the audit row in the same transaction (the password only as its hash).</summary>
    public async Task CreateAccountAsync(string userId, string login, string passwordHash, string staffId, IReadOnlyList<(string Role, string ScopeId)> grants,
        AuditEntry audit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var insert = new NpgsqlCommand("""
            WITH account AS (INSERT INTO users (id, login, password_hash, person_id) VALUES (@u, @l, @h, @t) RETURNING id)
            INSERT INTO user_roles (user_id, role, scope_id) SELECT (SELECT id FROM account), r, s FROM unnest(@roles, @scopes) AS g (r, s)
            """, connection, transaction))
        {
            insert.Parameters.AddWithValue("u", userId);
            insert.Parameters.AddWithValue("l", login);
            insert.Parameters.AddWithValue("h", passwordHash);
            insert.Parameters.AddWithValue("t", staffId);
            insert.Parameters.AddWithValue("roles", grants.Select(g => g.Role).ToArray());
            insert.Parameters.AddWithValue("scopes", grants.Select(g => g.ScopeId).ToArray());
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await CommitWithAuditAsync(connection, transaction, audit, cancellationToken);
    }

    /// <summary>A journal row still in force (not superseded) written by the teacher <c>@t</c> under their id or one of their accounts.</summary>
    private const string InForceBy = """
        j.entry_kind IN ('mark', 'lesson')
        AND (j.author_id = @t OR j.author_id IN (SELECT u.id FROM users u WHERE u.person_id = @t))
        AND NOT EXISTS (SELECT 1 FROM journal s WHERE s.academic_year = j.academic_year AND s.supersedes = j.seq)
        """;

    private static async Task BumpAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<string> classIds,
        CancellationToken cancellationToken)
    {
        await using var bump = new NpgsqlCommand("""
            INSERT INTO class_watermarks (class_id, seq)
            SELECT c, nextval('journal_seq') FROM (SELECT DISTINCT c FROM unnest(@c::text[]) AS c ORDER BY c) AS ordered
            ON CONFLICT (class_id) DO UPDATE SET seq = greatest(class_watermarks.seq, excluded.seq)
            """, connection, transaction);
        bump.Parameters.AddWithValue("c", classIds.ToArray());
        await bump.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task CommitWithAuditAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, AuditEntry audit, CancellationToken cancellationToken)
    {
        await using (var record = AuditLog.InsertCommand(audit, connection, transaction))
        {
            await record.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<bool> ExistsAsync(string sql, string key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("k", key);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static DateOnly? DateOrNull(NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetFieldValue<DateOnly>(i);

    private static StaffPost ParsePost(string post) => StaffValidator.ParsePost(post) ?? StaffPost.Other;

    public static string PostName(StaffPost post) => post.ToString().ToLowerInvariant();
}
