using System.Text.Json;
using EduInfo.Domain.Registry;
using EduInfo.Storage.Audit;
using Npgsql;

namespace EduInfo.Storage.Registry;

/// <summary>What an enrolment is checked against: the class (null: no such class) and the person holding the IIN (null: nobody).</summary>
/// <param name="OrganizationClosed">Whether the class's organization is closed (it takes no pupils).</param>
public sealed record EnrolmentPlace(string? OrganizationId, string? AcademicYear, PupilIdentity? Existing, long? LatestSeq, bool OrganizationClosed = false);

/// <summary>A pupil's latest enrolment and the journal rows of theirs in its class after a day, as leaving is checked.</summary>
public sealed record LeavingFacts(LatestEnrolment? Current, IReadOnlyList<JournalRowRef> RowsAfter);

/// <summary>A pupil's personal data as a correction reads it (the IIN only to check the birth date against; never logged).</summary>
public sealed record PupilRecord(string Iin, PupilCard Card, string? OrganizationId);

/// <summary>A parent link as a link or unlink reads it: the child's IIN, the parent with the IIN (if known) and their link.</summary>
public sealed record ParentLinkPlace(string ChildIin, string? OrganizationId, string? ParentId, ParentLinkFacts? Link);

/// <summary>A class on the head's pupils page: its name ("5А") and pupils.</summary>
public sealed record PupilClass(string ClassId, string Name, IReadOnlyList<PupilRow> Pupils);

/// <summary>A pupil enrolled on the day: names, since when, and the parents linked that day.</summary>
public sealed record PupilRow(string StudentId, string LastName, string FirstName, string? MiddleName, DateOnly From, IReadOnlyList<PupilParent> Parents);

/// <summary>A parent linked to a pupil: name, relation ("mother", "father", "guardian") and since when (null: since the registry was loaded).</summary>
public sealed record PupilParent(string ParentId, string Name, string Relation, DateOnly? From);

/// <summary>
/// Pupils and parents written by the school (issue 18). The rules are checked by the caller (the grains) on what the
/// reads return; each write then runs in one transaction with its audit row, only if what was checked still holds
/// (the latest enrolment is locked and compared), and moves the class's watermark with a number from the journal
/// sequence so the class rebuilds its roster from the date. A write that finds the record changed writes nothing and
/// answers null: read and check again.
/// </summary>
public sealed partial class PupilStore(NpgsqlDataSource dataSource)
{
    private const string Latest = """
        SELECT e.seq, e.class_id, c.organization_id, c.academic_year, e.from_date, e.to_date
        FROM enrolments e JOIN classes c ON c.id = e.class_id
        WHERE e.student_id = @s ORDER BY e.from_date DESC, e.seq DESC LIMIT 1
        """;

    public async Task<EnrolmentPlace> ReadEnrolmentAsync(string classId, string? iin, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT (SELECT organization_id FROM classes WHERE id = @c), (SELECT academic_year FROM classes WHERE id = @c), s.id,
                   l.seq, l.class_id, l.academic_year, l.from_date, l.to_date,
                   coalesce((SELECT o.closed_on IS NOT NULL FROM classes c JOIN organizations o ON o.id = c.organization_id WHERE c.id = @c), false)
            FROM (VALUES (1)) AS one (x)
            LEFT JOIN students s ON s.iin = @iin
            LEFT JOIN LATERAL ({Latest.Replace("@s", "s.id", StringComparison.Ordinal)}) AS l ON true
            """);
        command.Parameters.AddWithValue("c", classId);
        command.Parameters.Add(new NpgsqlParameter<string?>("iin", NpgsqlTypes.NpgsqlDbType.Char) { TypedValue = iin is { Length: 12 } && Iin.IsValid(iin) ? iin : null });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var latest = reader.IsDBNull(3) ? null : new EnrolmentFacts(reader.GetString(4), reader.GetFieldValue<DateOnly>(6),
            reader.IsDBNull(7) ? null : reader.GetFieldValue<DateOnly>(7), reader.GetString(5));
        return new EnrolmentPlace(reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1),
            reader.IsDBNull(2) ? null : new PupilIdentity(reader.GetString(2), latest), reader.IsDBNull(3) ? null : reader.GetInt64(3), reader.GetBoolean(8));
    }

    /// <summary>The class's standing whole-class roll-calls dated on or after <paramref name="from"/> (a backdated enrolment is checked against them).</summary>
    public async Task<IReadOnlyList<JournalRowRef>> ReadRollCallsFromAsync(string classId, DateOnly from, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT j.seq, j.lesson_date FROM journal j
            JOIN classes c ON c.id = @c AND j.academic_year = c.academic_year
            WHERE j.class_id = @c AND j.group_id = @c AND j.entry_kind = 'lesson' AND j.lesson_date >= @d
              AND NOT EXISTS (SELECT 1 FROM journal n WHERE n.academic_year = j.academic_year AND n.supersedes = j.seq)
            ORDER BY j.seq LIMIT 1000
            """);
        command.Parameters.AddWithValue("c", classId);
        command.Parameters.AddWithValue("d", from);
        var rows = new List<JournalRowRef>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new JournalRowRef(reader.GetInt64(0), reader.GetFieldValue<DateOnly>(1)));
        }
        return rows;
    }

    /// <summary>
    /// Enrols the person (created from the request when <paramref name="existing"/> is null) into the class from the
    /// date: the pupil's id and the enrolment's sequence number, or null when the person or their latest enrolment is
    /// no longer what was checked.
    /// </summary>
    public async Task<(string StudentId, long Sequence)?> EnrolAsync(string classId, PupilEnrolmentRequest request, PupilIdentity? existing, long? latestSeq,
        string newStudentId, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var studentId = existing?.StudentId ?? newStudentId;
        if (existing is null)
        {
            if (!await InsertStudentAsync(connection, transaction, studentId, request, cancellationToken))
            {
                return null; // enrolled by someone else a moment ago: read again, it is a known person now
            }
        }
        else if (await LockLatestAsync(connection, transaction, studentId, cancellationToken) != latestSeq)
        {
            return null;
        }
        var seq = await StartAsync(connection, transaction, studentId, classId, request.Date!.Value, cancellationToken);
        await RecordAsync(connection, transaction, audit with
        {
            DetailJson = JsonSerializer.Serialize(new { classId, date = Day(request.Date.Value), sequence = seq, returning = existing is not null }),
        }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (studentId, seq);
    }

    public async Task<LeavingFacts> ReadLeavingAsync(string studentId, DateOnly? date, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var current = await LatestAsync(connection, null, studentId, cancellationToken);
        var rows = current is null || date is null ? [] : await RowsAfterAsync(connection, null, studentId, current.ClassId, current.AcademicYear, date.Value, cancellationToken);
        return new LeavingFacts(current, rows);
    }

    /// <summary>
    /// Ends the latest enrolment <paramref name="current"/> on <paramref name="lastDay"/> (and the pupil's subgroups of the
    /// class): the sequence number the class's watermark moved to, or null when the enrolment changed or the journal
    /// gained a row of the pupil after the day in between (read and check again: the rows are then named).
    /// </summary>
    public async Task<long?> LeaveAsync(string studentId, LatestEnrolment current, DateOnly lastDay, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await LockLatestAsync(connection, transaction, studentId, cancellationToken) != current.Seq
            || (await RowsAfterAsync(connection, transaction, studentId, current.ClassId, current.AcademicYear, lastDay, cancellationToken)).Count > 0)
        {
            return null;
        }
        long seq;
        await using (var end = new NpgsqlCommand("""
            WITH ended AS (
                UPDATE enrolments SET to_date = @d WHERE seq = @current AND to_date IS NULL
            ),
            left_groups AS (
                UPDATE teaching_group_members m SET to_date = @d
                FROM teaching_groups g
                WHERE g.id = m.group_id AND g.class_id = @c AND m.student_id = @s AND m.from_date <= @d AND (m.to_date IS NULL OR m.to_date > @d)
            ),
            numbered AS (SELECT nextval('journal_seq') AS seq)
            INSERT INTO class_watermarks (class_id, seq) SELECT @c, seq FROM numbered
            ON CONFLICT (class_id) DO UPDATE SET seq = greatest(class_watermarks.seq, excluded.seq)
            RETURNING seq
            """, connection, transaction))
        {
            end.Parameters.AddWithValue("d", lastDay);
            end.Parameters.AddWithValue("current", current.Seq);
            end.Parameters.AddWithValue("c", current.ClassId);
            end.Parameters.AddWithValue("s", studentId);
            seq = (long)(await end.ExecuteScalarAsync(cancellationToken))!;
        }
        await RecordAsync(connection, transaction, audit with
        {
            DetailJson = JsonSerializer.Serialize(new { classId = current.ClassId, lastDay = Day(lastDay), sequence = seq }),
        }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return seq;
    }

    public async Task<PupilRecord?> ReadPupilAsync(string studentId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT s.iin, s.last_name, s.first_name, s.middle_name, s.birth_date, l.organization_id
            FROM students s LEFT JOIN LATERAL ({Latest.Replace("@s", "s.id", StringComparison.Ordinal)}) AS l ON true
            WHERE s.id = @id
            """);
        command.Parameters.AddWithValue("id", studentId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new PupilRecord(reader.GetString(0), new PupilCard(reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetFieldValue<DateOnly>(4)), reader.IsDBNull(5) ? null : reader.GetString(5))
            : null;
    }

    /// <summary>Replaces the card <paramref name="old"/> by <paramref name="corrected"/>: false when it is no longer <paramref name="old"/>. The audit keeps old → new.</summary>
    public async Task<bool> CorrectAsync(string studentId, PupilCard old, PupilCard corrected, string reason, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var update = new NpgsqlCommand("""
            UPDATE students SET last_name = @last, first_name = @first, middle_name = @middle, birth_date = @birth
            WHERE id = @id AND last_name = @oldLast AND first_name = @oldFirst AND middle_name IS NOT DISTINCT FROM @oldMiddle AND birth_date = @oldBirth
            """, connection, transaction))
        {
            update.Parameters.AddWithValue("id", studentId);
            update.Parameters.AddWithValue("last", corrected.LastName);
            update.Parameters.AddWithValue("first", corrected.FirstName);
            update.Parameters.Add(new NpgsqlParameter<string?>("middle", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = corrected.MiddleName });
            update.Parameters.AddWithValue("birth", corrected.BirthDate);
            update.Parameters.AddWithValue("oldLast", old.LastName);
            update.Parameters.AddWithValue("oldFirst", old.FirstName);
            update.Parameters.Add(new NpgsqlParameter<string?>("oldMiddle", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = old.MiddleName });
            update.Parameters.AddWithValue("oldBirth", old.BirthDate);
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false;
            }
        }
        // Old → new of the changed fields only; the IIN is not among them (it names the person and stays out of the log).
        var changes = new Dictionary<string, object?>();
        Change(changes, "lastName", old.LastName, corrected.LastName);
        Change(changes, "firstName", old.FirstName, corrected.FirstName);
        Change(changes, "middleName", old.MiddleName, corrected.MiddleName);
        Change(changes, "birthDate", Day(old.BirthDate), Day(corrected.BirthDate));
        await RecordAsync(connection, transaction, audit with { DetailJson = JsonSerializer.Serialize(new { reason, changes }) }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<ParentLinkPlace?> ReadParentLinkAsync(string studentId, string? parentIin, string? parentId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT s.iin, l.organization_id, p.id, sp.parent_id, sp.from_date, sp.to_date
            FROM students s
            LEFT JOIN LATERAL ({Latest.Replace("@s", "s.id", StringComparison.Ordinal)}) AS l ON true
            LEFT JOIN parents p ON p.iin = @iin OR p.id = @pid
            LEFT JOIN student_parents sp ON sp.student_id = s.id AND sp.parent_id = p.id
            WHERE s.id = @id
            LIMIT 1
            """);
        command.Parameters.AddWithValue("id", studentId);
        command.Parameters.Add(new NpgsqlParameter<string?>("iin", NpgsqlTypes.NpgsqlDbType.Char) { TypedValue = parentIin is { Length: 12 } && Iin.IsValid(parentIin) ? parentIin : null });
        command.Parameters.Add(new NpgsqlParameter<string?>("pid", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = parentId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        var link = reader.IsDBNull(3) ? null : new ParentLinkFacts(reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetFieldValue<DateOnly>(4),
            reader.IsDBNull(5) ? null : reader.GetFieldValue<DateOnly>(5));
        return new ParentLinkPlace(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), link);
    }

    /// <summary>
    /// Links the parent (created from the request when <paramref name="parentId"/> is null) to the child from the date,
    /// with the document checked and who checked it: the parent's id, or null when the parent or the link changed.
    /// </summary>
    public async Task<string?> LinkAsync(string studentId, ParentLinkRequest request, string? parentId, ParentLinkFacts? link, string newParentId,
        string confirmedBy, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = parentId ?? newParentId;
        if (parentId is null)
        {
            await using var insert = new NpgsqlCommand("""
                INSERT INTO parents (id, iin, last_name, first_name, middle_name) VALUES (@id, @iin, @last, @first, @middle) ON CONFLICT (iin) DO NOTHING
                """, connection, transaction);
            insert.Parameters.AddWithValue("id", id);
            insert.Parameters.AddWithValue("iin", request.Iin!);
            insert.Parameters.AddWithValue("last", request.LastName!);
            insert.Parameters.AddWithValue("first", request.FirstName!);
            insert.Parameters.Add(new NpgsqlParameter<string?>("middle", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = NullIfEmpty(request.MiddleName) });
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return null;
            }
        }
        var relation = PupilRules.Parse<ParentRelation>(request.Relation)!.Value.ToString().ToLowerInvariant();
        var kind = JsonNamingPolicy.CamelCase.ConvertName(PupilRules.Parse<ParentDocumentKind>(request.DocumentKind)!.Value.ToString());
        // A new link, or the ended one reopened from the date (only if it is still the link that was checked).
        await using (var upsert = new NpgsqlCommand("""
            INSERT INTO student_parents AS sp (student_id, parent_id, relation, from_date, to_date, document_kind, document_number, confirmed_by)
            VALUES (@s, @p, @relation, @from, NULL, @kind, @number, @by)
            ON CONFLICT (student_id, parent_id) DO UPDATE
                SET relation = excluded.relation, from_date = excluded.from_date, to_date = NULL, document_kind = excluded.document_kind,
                    document_number = excluded.document_number, confirmed_by = excluded.confirmed_by
                WHERE sp.to_date IS NOT DISTINCT FROM @checkedTo AND sp.to_date IS NOT NULL
            """, connection, transaction))
        {
            upsert.Parameters.AddWithValue("s", studentId);
            upsert.Parameters.AddWithValue("p", id);
            upsert.Parameters.AddWithValue("relation", relation);
            upsert.Parameters.AddWithValue("from", request.From!.Value);
            upsert.Parameters.AddWithValue("kind", kind);
            upsert.Parameters.AddWithValue("number", request.DocumentNumber!.Trim());
            upsert.Parameters.AddWithValue("by", confirmedBy);
            upsert.Parameters.Add(new NpgsqlParameter<DateOnly?>("checkedTo", NpgsqlTypes.NpgsqlDbType.Date) { TypedValue = link?.To });
            if (await upsert.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return null;
            }
        }
        // The document's number stays in the link's row: the audit says which kind was checked, by whom, from when.
        await RecordAsync(connection, transaction, audit with
        {
            DetailJson = JsonSerializer.Serialize(new { parentId = id, relation, from = Day(request.From.Value), documentKind = kind, newParent = parentId is null }),
        }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    /// <summary>Ends the open link on its last day: false when it is no longer open.</summary>
    public async Task<bool> UnlinkAsync(string studentId, string parentId, DateOnly lastDay, string reason, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var end = new NpgsqlCommand("""
            UPDATE student_parents SET to_date = @d WHERE student_id = @s AND parent_id = @p AND to_date IS NULL AND (from_date IS NULL OR from_date <= @d)
            """, connection, transaction))
        {
            end.Parameters.AddWithValue("d", lastDay);
            end.Parameters.AddWithValue("s", studentId);
            end.Parameters.AddWithValue("p", parentId);
            if (await end.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false;
            }
        }
        await RecordAsync(connection, transaction, audit with { DetailJson = JsonSerializer.Serialize(new { parentId, lastDay = Day(lastDay), reason }) }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// The organization's classes in grade order, each with its pupils enrolled on <paramref name="day"/> (names, from
    /// when) and their parents linked that day (personal data for the head's pupils page; the caller checks the right).
    /// </summary>
    public async Task<IReadOnlyList<PupilClass>> RosterAsync(string organizationId, DateOnly day, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT c.id, c.grade, c.letter, s.id, s.last_name, s.first_name, s.middle_name, e.from_date,
                   coalesce((SELECT jsonb_agg(jsonb_build_array(p.id, p.last_name || ' ' || p.first_name, sp.relation, sp.from_date) ORDER BY p.last_name, p.id)
                             FROM student_parents sp JOIN parents p ON p.id = sp.parent_id
                             WHERE sp.student_id = s.id AND (sp.from_date IS NULL OR sp.from_date <= @d) AND (sp.to_date IS NULL OR sp.to_date >= @d)), '[]')::text
            FROM classes c
            LEFT JOIN enrolments e ON e.class_id = c.id AND e.from_date <= @d AND (e.to_date IS NULL OR e.to_date >= @d)
            LEFT JOIN students s ON s.id = e.student_id
            WHERE c.organization_id = @o
            ORDER BY c.grade, c.letter, c.id, s.last_name, s.first_name, s.id
            """);
        command.Parameters.AddWithValue("o", organizationId);
        command.Parameters.AddWithValue("d", day);
        var classes = new List<PupilClass>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var classId = reader.GetString(0);
            if (classes.Count == 0 || classes[^1].ClassId != classId)
            {
                classes.Add(new PupilClass(classId, $"{reader.GetInt16(1)}{reader.GetString(2)}", new List<PupilRow>()));
            }
            if (reader.IsDBNull(3))
            {
                continue;
            }
            var parents = JsonDocument.Parse(reader.GetString(8)).RootElement.EnumerateArray()
                .Select(a => new PupilParent(a[0].GetString()!, a[1].GetString()!, a[2].GetString()!, a[3].ValueKind == JsonValueKind.Null ? null : DateOnly.Parse(a[3].GetString()!, System.Globalization.CultureInfo.InvariantCulture)))
                .ToList();
            ((List<PupilRow>)classes[^1].Pupils).Add(new PupilRow(reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.GetFieldValue<DateOnly>(7), parents));
        }
        return classes;
    }

    private static async Task<long?> LockLatestAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string studentId, CancellationToken cancellationToken)
    {
        // Locked until the commit: the enrolment checked is the one that changes.
        await using var latest = new NpgsqlCommand("SELECT seq FROM enrolments WHERE student_id = @s ORDER BY from_date DESC, seq DESC LIMIT 1 FOR UPDATE", connection, transaction);
        latest.Parameters.AddWithValue("s", studentId);
        return await latest.ExecuteScalarAsync(cancellationToken) as long?;
    }

    private static async Task<LatestEnrolment?> LatestAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string studentId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Latest, connection, transaction);
        command.Parameters.AddWithValue("s", studentId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new LatestEnrolment(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetFieldValue<DateOnly>(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<DateOnly>(5))
            : null;
    }

    /// <summary>The class's journal rows that concern the pupil after <paramref name="day"/> and stand (not superseded): their marks, and roll-calls with them on the roster.</summary>
    private static async Task<IReadOnlyList<JournalRowRef>> RowsAfterAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string studentId,
        string classId, string academicYear, DateOnly day, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT j.seq, j.lesson_date FROM journal j
            WHERE j.academic_year = @y AND j.class_id = @c AND j.lesson_date > @d AND (j.student_id = @s OR @s = ANY (j.roster))
              AND j.entry_kind <> 'void' -- a void row stands for nothing: the row it voids is gone
              AND j.entry_kind <> 'exemption' -- a decision dated at its term's start, not work recorded on that day
              AND NOT EXISTS (SELECT 1 FROM journal n WHERE n.academic_year = @y AND n.supersedes = j.seq)
            ORDER BY j.seq LIMIT 1000
            """, connection, transaction);
        command.Parameters.AddWithValue("y", academicYear);
        command.Parameters.AddWithValue("c", classId);
        command.Parameters.AddWithValue("d", day);
        command.Parameters.AddWithValue("s", studentId);
        var rows = new List<JournalRowRef>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new JournalRowRef(reader.GetInt64(0), reader.GetFieldValue<DateOnly>(1)));
        }
        return rows;
    }

    /// <summary>A new enrolment from the date, and the class's watermark moved to its number (the class rebuilds its roster from that day).</summary>
    private static async Task<long> StartAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string studentId, string classId, DateOnly date,
        CancellationToken cancellationToken)
    {
        await using var start = new NpgsqlCommand("""
            WITH started AS (
                INSERT INTO enrolments (student_id, class_id, from_date) VALUES (@s, @c, @d) RETURNING seq
            ),
            watermark AS (
                INSERT INTO class_watermarks (class_id, seq) SELECT @c, seq FROM started
                ON CONFLICT (class_id) DO UPDATE SET seq = greatest(class_watermarks.seq, excluded.seq)
            )
            SELECT seq FROM started
            """, connection, transaction);
        start.Parameters.AddWithValue("s", studentId);
        start.Parameters.AddWithValue("c", classId);
        start.Parameters.AddWithValue("d", date);
        return (long)(await start.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task RecordAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, AuditEntry audit, CancellationToken cancellationToken)
    {
        await using var record = AuditLog.InsertCommand(audit, connection, transaction);
        await record.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Change(Dictionary<string, object?> changes, string field, string? old, string? corrected)
    {
        if (old != corrected)
        {
            changes[field] = new { old, @new = corrected };
        }
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
