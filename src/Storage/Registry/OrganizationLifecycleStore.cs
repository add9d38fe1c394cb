using System.Text.Json;
using EduInfo.Domain.Registry;
using EduInfo.Storage.Audit;
using Npgsql;

namespace EduInfo.Storage.Registry;

/// <summary>An organization on an area's list: names, kind, when it opened (null: before the registry was kept) and closed, and its locality.</summary>
public sealed record OrganizationListRow(string Id, string Kind, string NameKk, string NameRu, string NameEn, DateOnly? OpenedOn, DateOnly? ClosedOn,
    bool IsRural);

/// <summary>What a closing reads before it writes anything: the organization, its pupils and staff still there after the last day.</summary>
public sealed record ClosingFacts(ClosingOrganization Organization, IReadOnlyList<ClosingPupil> Pupils, IReadOnlyList<StaffFacts> Staff);

/// <summary>A class another organization's pupils may move to: its organization's names, the class's name ("5А") and year.</summary>
public sealed record TargetClassRow(string ClassId, string OrganizationId, string OrganizationKk, string OrganizationRu, string OrganizationEn, string Name,
    string AcademicYear, IReadOnlyList<string> Path);

/// <summary>What is still open in an organization after a day: enrolments, employments, assignments.</summary>
public sealed record OpenAfter(long Enrolments, long Staff, long Assignments)
{
    public bool None => Enrolments == 0 && Staff == 0 && Assignments == 0;
}

/// <summary>
/// Organizations opened and closed (issue 18). The checks are the caller's (the organization's lifecycle grain, by
/// OrganizationOpeningValidator and OrganizationClosingValidator) on what the reads return; an opening is one insert with
/// its audit row, a closing's last step sets the last day with its audit row only if nothing is left open after it.
/// </summary>
public sealed class OrganizationLifecycleStore(NpgsqlDataSource dataSource)
{
    /// <summary>Whether a node, organization or class has the id (the Api looks any of them up by id).</summary>
    public async Task<bool> IdTakenAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT EXISTS (SELECT 1 FROM nodes WHERE id = @id) OR EXISTS (SELECT 1 FROM organizations WHERE id = @id)
                OR EXISTS (SELECT 1 FROM classes WHERE id = @id) OR EXISTS (SELECT 1 FROM teaching_groups WHERE id = @id)
            """);
        command.Parameters.AddWithValue("id", id);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Opens the organization under <paramref name="nodeId"/> with its audit row; its opening takes a number from the
    /// journal sequence (its own part of its summary's version). False when the id was taken in between.
    /// </summary>
    public async Task<bool> OpenAsync(string nodeId, OrganizationOpening opening, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var profile = opening.Profile;
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO organizations (id, node_id, kind, name_kk, name_ru, name_en, languages, is_rural, path, opened_on, opened_seq)
            SELECT @id, n.id, @kind, @kk, @ru, @en, @languages, @rural, n.path || @id, @opened, nextval('journal_seq')
            FROM nodes n WHERE n.id = @node
            ON CONFLICT (id) DO NOTHING
            """, connection, transaction))
        {
            insert.Parameters.AddWithValue("id", opening.Id);
            insert.Parameters.AddWithValue("node", nodeId);
            insert.Parameters.AddWithValue("kind", OrganizationKinds.NameOf(profile.Kind));
            insert.Parameters.AddWithValue("kk", profile.NameKk);
            insert.Parameters.AddWithValue("ru", profile.NameRu);
            insert.Parameters.AddWithValue("en", profile.NameEn);
            insert.Parameters.AddWithValue("languages", profile.Languages.ToArray());
            insert.Parameters.AddWithValue("rural", profile.IsRural);
            insert.Parameters.AddWithValue("opened", opening.OpenedOn);
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false;
            }
        }
        await CommitWithAuditAsync(connection, transaction, audit with
        {
            DetailJson = JsonSerializer.Serialize(new
            {
                nodeId, kind = OrganizationKinds.NameOf(profile.Kind), profile.NameKk, profile.NameRu, profile.NameEn, profile.Languages, profile.IsRural,
                openedOn = Day(opening.OpenedOn),
            }),
        }, cancellationToken);
        return true;
    }

    /// <summary>The organization (null: none), its classes with the pupils still enrolled after <paramref name="lastDay"/>, those pupils and the staff still employed after it.</summary>
    public async Task<ClosingFacts?> ReadClosingAsync(string organizationId, DateOnly lastDay, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var parameters = new[] { ("o", (object)organizationId), ("d", lastDay) };
        DateOnly? openedOn, closedOn;
        await using (var org = Command(connection, "SELECT opened_on, closed_on FROM organizations WHERE id = @o", parameters))
        await using (var reader = await org.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }
            (openedOn, closedOn) = (DateOrNull(reader, 0), DateOrNull(reader, 1));
        }
        var classes = new List<ClosingClass>();
        await using (var read = Command(connection, """
            SELECT c.id, c.academic_year,
                   (SELECT count(*) FROM enrolments e WHERE e.class_id = c.id AND (e.to_date IS NULL OR e.to_date > @d))::int
            FROM classes c WHERE c.organization_id = @o ORDER BY c.grade, c.letter, c.id
            """, parameters))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                classes.Add(new ClosingClass(reader.GetString(0), reader.GetString(1), reader.GetInt32(2)));
            }
        }
        // Each pupil still enrolled here after the day, with their latest enrolment anywhere (the one a leaving or transfer
        // checks and moves) and the rows of theirs in its class after the day that stand.
        var pupils = new List<ClosingPupil>();
        await using (var read = Command(connection, """
            WITH here AS (
                SELECT DISTINCT e.student_id FROM enrolments e JOIN classes c ON c.id = e.class_id
                WHERE c.organization_id = @o AND (e.to_date IS NULL OR e.to_date > @d)
            ),
            latest AS (
                SELECT DISTINCT ON (e.student_id) e.student_id, e.class_id, c.academic_year, e.from_date, e.to_date
                FROM enrolments e JOIN classes c ON c.id = e.class_id
                WHERE e.student_id IN (SELECT student_id FROM here)
                ORDER BY e.student_id, e.from_date DESC, e.seq DESC
            )
            SELECT l.student_id, l.class_id, l.academic_year, l.from_date, l.to_date,
                   coalesce((SELECT array_agg(j.seq ORDER BY j.seq) FROM journal j
                             WHERE j.academic_year = l.academic_year AND j.class_id = l.class_id AND j.lesson_date > @d
                               AND j.entry_kind NOT IN ('void', 'exemption') AND (j.student_id = l.student_id OR l.student_id = ANY (j.roster))
                               AND NOT EXISTS (SELECT 1 FROM journal n WHERE n.academic_year = j.academic_year AND n.supersedes = j.seq)), '{}'),
                   coalesce((SELECT array_agg(j.lesson_date ORDER BY j.seq) FROM journal j
                             WHERE j.academic_year = l.academic_year AND j.class_id = l.class_id AND j.lesson_date > @d
                               AND j.entry_kind NOT IN ('void', 'exemption') AND (j.student_id = l.student_id OR l.student_id = ANY (j.roster))
                               AND NOT EXISTS (SELECT 1 FROM journal n WHERE n.academic_year = j.academic_year AND n.supersedes = j.seq)), '{}')
            FROM latest l ORDER BY l.student_id
            """, parameters))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var rows = reader.GetFieldValue<long[]>(5).Zip(reader.GetFieldValue<DateOnly[]>(6), (s, d) => new JournalRowRef(s, d)).ToList();
                pupils.Add(new ClosingPupil(reader.GetString(0), new EnrolmentFacts(reader.GetString(1), reader.GetFieldValue<DateOnly>(3), DateOrNull(reader, 4),
                    reader.GetString(2)), rows));
            }
        }
        var staff = new List<StaffFacts>();
        await using (var read = Command(connection, """
            SELECT t.id, t.post, t.hired_on, t.left_on, EXISTS (SELECT 1 FROM users u WHERE u.person_id = t.id)
            FROM teachers t WHERE t.organization_id = @o AND (t.left_on IS NULL OR t.left_on > @d) ORDER BY t.id
            """, parameters))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                staff.Add(new StaffFacts(reader.GetString(0), StaffValidator.ParsePost(reader.GetString(1)) ?? StaffPost.Other, DateOrNull(reader, 2),
                    DateOrNull(reader, 3), reader.GetBoolean(4)));
            }
        }
        return new ClosingFacts(new ClosingOrganization(organizationId, openedOn, closedOn, classes), pupils, staff);
    }

    /// <summary>The classes named as targets that exist, with their organization and whether it is closed.</summary>
    public async Task<IReadOnlyDictionary<string, TransferTarget>> ReadTargetsAsync(IEnumerable<string> classIds, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT c.id, c.organization_id, c.academic_year, o.closed_on IS NOT NULL
            FROM classes c JOIN organizations o ON o.id = c.organization_id WHERE c.id = ANY (@ids)
            """);
        command.Parameters.AddWithValue("ids", classIds.Where(RegistryIds.IsWellFormed).Distinct().ToArray());
        var targets = new Dictionary<string, TransferTarget>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            targets[reader.GetString(0)] = new TransferTarget(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3));
        }
        return targets;
    }

    /// <summary>
    /// The last step of a closing: sets the last day and the reason with the audit row, only if no enrolment, employment
    /// or assignment of the organization is open after it (else nothing is written and what is left is answered). The row
    /// is updated first, so an enrolment committing meanwhile (which locks it, see migration 0031) is waited for and counted.
    /// </summary>
    public async Task<OpenAfter> CloseAsync(string organizationId, DateOnly lastDay, string reason, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var parameters = new[] { ("o", (object)organizationId), ("d", lastDay), ("r", reason) };
        await using (var close = Command(connection, "UPDATE organizations SET closed_on = @d, closing_reason = @r WHERE id = @o AND closed_on IS NULL", parameters, transaction))
        {
            if (await close.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return new OpenAfter(0, 0, 0); // closed by an earlier attempt of the same request
            }
        }
        OpenAfter left;
        await using (var count = Command(connection, """
            SELECT (SELECT count(*) FROM enrolments e JOIN classes c ON c.id = e.class_id WHERE c.organization_id = @o AND (e.to_date IS NULL OR e.to_date > @d)),
                   (SELECT count(*) FROM teachers t WHERE t.organization_id = @o AND (t.left_on IS NULL OR t.left_on > @d)),
                   (SELECT count(*) FROM assignments a JOIN teaching_groups g ON g.id = a.group_id JOIN classes c ON c.id = g.class_id
                    WHERE c.organization_id = @o AND (a.to_date IS NULL OR a.to_date > @d))
            """, parameters, transaction))
        await using (var reader = await count.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            left = new OpenAfter(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        }
        if (!left.None)
        {
            await transaction.RollbackAsync(cancellationToken);
            return left;
        }
        await CommitWithAuditAsync(connection, transaction, audit, cancellationToken);
        return left;
    }

    /// <summary>The organizations an area manages directly (its own node), open ones first, by name in the reader's language.</summary>
    public async Task<IReadOnlyList<OrganizationListRow>> ListAsync(string nodeId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, kind, name_kk, name_ru, name_en, opened_on, closed_on, is_rural FROM organizations WHERE node_id = @n ORDER BY closed_on IS NOT NULL, id
            """);
        command.Parameters.AddWithValue("n", nodeId);
        var rows = new List<OrganizationListRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new OrganizationListRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                DateOrNull(reader, 5), DateOrNull(reader, 6), reader.GetBoolean(7)));
        }
        return rows;
    }

    /// <summary>The organization's last day and reason when it is closed (null: open or unknown).</summary>
    public async Task<(DateOnly LastDay, string Reason)?> ClosedAsync(string organizationId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT closed_on, closing_reason FROM organizations WHERE id = @o AND closed_on IS NOT NULL");
        command.Parameters.AddWithValue("o", organizationId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetFieldValue<DateOnly>(0), reader.GetString(1)) : null;
    }

    /// <summary>
    /// Classes pupils of the organization may move to: those of the other open organizations of the same region, of the
    /// academic years the organization's own classes have (whether the caller may move pupils there is the caller's check).
    /// </summary>
    public async Task<IReadOnlyList<TargetClassRow>> TargetClassesAsync(string organizationId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT c.id, o.id, o.name_kk, o.name_ru, o.name_en, c.grade || c.letter, c.academic_year, c.path
            FROM organizations me
            JOIN organizations o ON o.path[2] = me.path[2] AND o.id <> me.id AND o.closed_on IS NULL
            JOIN classes c ON c.organization_id = o.id
            WHERE me.id = @o AND c.academic_year IN (SELECT academic_year FROM classes WHERE organization_id = @o)
            ORDER BY o.id, c.grade, c.letter, c.id
            """);
        command.Parameters.AddWithValue("o", organizationId);
        var rows = new List<TargetClassRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new TargetClassRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.GetString(6), reader.GetFieldValue<string[]>(7)));
        }
        return rows;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, IEnumerable<(string Name, object Value)> parameters,
        NpgsqlTransaction? transaction = null)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return command;
    }

    private static async Task CommitWithAuditAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, AuditEntry audit, CancellationToken cancellationToken)
    {
        await using (var record = AuditLog.InsertCommand(audit, connection, transaction))
        {
            await record.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    private static DateOnly? DateOrNull(NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetFieldValue<DateOnly>(i);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
