using EduInfo.Domain.Calendar;
using EduInfo.Domain.Registry;
using EduInfo.Storage.Assessment;
using Npgsql;

namespace EduInfo.Storage.Registry;

/// <summary>Reads of the registry: the hierarchy, classes with rosters and assignments, and the versions
/// each node's children must reach (for reconciliation).</summary>
public sealed partial class RegistryStore(NpgsqlDataSource dataSource, IKazakhstanClock clock)
{
    public async Task<ClassRecord?> FindClassAsync(string classId, CancellationToken cancellationToken = default) =>
        (await FindClassStandingAsync(classId, withTimetable: false, cancellationToken))?.Class;

    /// <summary>
    /// A class with its year's standing, as its grain loads it: the year's closed flag and whether the year is still
    /// its organization's live one are columns of the class's own query (issue 26.5: two round trips fewer for each
    /// of the thousands of classes a restart activates); so is its timetable, when <paramref name="withTimetable"/>.
    /// </summary>
    public async Task<ClassStanding?> FindClassStandingAsync(string classId, bool withTimetable, CancellationToken cancellationToken = default)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            SELECT c.organization_id, c.academic_year, c.grade, o.kind, o.school_week, c.path, c.language, o.is_rural, n.kind,
                   EXISTS (SELECT 1 FROM academic_years y WHERE y.academic_year = c.academic_year AND y.closed_at IS NOT NULL),
                   (SELECT max(l.academic_year) FROM classes l WHERE l.organization_id = c.organization_id) = c.academic_year
            FROM classes c JOIN organizations o ON o.id = c.organization_id JOIN nodes n ON n.id = o.node_id WHERE c.id = @c
            """));
        // The sex of each pupil (the IIN's seventh digit, odd for boys: PupilRules.SexOf) for the breakdowns; never the IIN.
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            SELECT e.student_id, e.from_date, e.to_date, substr(s.iin, 7, 1)::int % 2 = 1
            FROM enrolments e JOIN students s ON s.id = e.student_id WHERE e.class_id = @c ORDER BY e.seq
            """));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            SELECT a.teacher_id, a.group_id, a.subject_id, a.from_date, a.to_date
            FROM assignments a JOIN teaching_groups g ON g.id = a.group_id
            WHERE g.class_id = @c
            UNION ALL
            -- A cross-class profile group with any of this class's students. Two index-friendly halves, not an OR:
            -- the OR made the planner scan every assignment of the country.
            SELECT a.teacher_id, a.group_id, a.subject_id, a.from_date, a.to_date
            FROM assignments a JOIN teaching_groups g ON g.id = a.group_id
            WHERE g.class_id IS NULL AND g.id IN (SELECT m.group_id FROM teaching_group_members m
                                                  JOIN enrolments e ON e.student_id = m.student_id WHERE e.class_id = @c)
            """));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            SELECT g.id, g.subject_id, m.student_id, m.from_date, m.to_date
            FROM teaching_groups g LEFT JOIN teaching_group_members m ON m.group_id = g.id
            WHERE g.class_id = @c AND g.id <> @c
            UNION ALL
            -- A cross-class profile group, as far as this class's students are in it.
            SELECT g.id, g.subject_id, m.student_id, m.from_date, m.to_date
            FROM teaching_group_members m JOIN teaching_groups g ON g.id = m.group_id
            WHERE g.class_id IS NULL AND m.student_id IN (SELECT e.student_id FROM enrolments e WHERE e.class_id = @c)
            ORDER BY 1, 3
            """));
        if (withTimetable)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(TimetableStore.SlotsSql));
        }
        foreach (NpgsqlBatchCommand command in batch.BatchCommands)
        {
            command.Parameters.AddWithValue("c", classId);
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        var organizationId = reader.GetString(0);
        var year = reader.GetString(1);
        var grade = (int)reader.GetInt16(2);
        var organizationKind = reader.GetString(3);
        var schoolWeek = (int)reader.GetInt16(4);
        var path = reader.GetFieldValue<string[]>(5);
        var language = reader.GetString(6);
        var isRural = reader.GetBoolean(7);
        var subordination = ParseKind(reader.GetString(8));
        var yearClosed = reader.GetBoolean(9);
        var yearLive = reader.GetBoolean(10);

        var enrolments = new List<Enrolment>();
        var sexes = new Dictionary<string, PupilSex>(StringComparer.Ordinal);
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var enrolment = new Enrolment(reader.GetString(0), reader.GetFieldValue<DateOnly>(1),
                reader.IsDBNull(2) ? null : reader.GetFieldValue<DateOnly>(2));
            enrolments.Add(enrolment);
            sexes[enrolment.StudentId] = reader.GetBoolean(3) ? PupilSex.Male : PupilSex.Female;
        }

        var assignments = new List<Assignment>();
        var names = new SharedNames(classId);
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            assignments.Add(new Assignment(names.Share(reader.GetString(0)), names.Share(reader.GetString(1)), names.Share(reader.GetString(2)),
                reader.GetFieldValue<DateOnly>(3), reader.IsDBNull(4) ? null : reader.GetFieldValue<DateOnly>(4)));
        }
        var groups = new Dictionary<string, (string? Subject, List<Enrolment> Members)>(StringComparer.Ordinal);
        // A subgroup lists the class's own pupils: it takes the class's Enrolment (or at least its id string) instead
        // of a copy, so a class grain keeps one of each (issue 26.3: about 70 enrolments a class were held).
        var own = enrolments.Distinct().ToDictionary(e => e);
        var ids = sexes.Keys.ToDictionary(id => id, StringComparer.Ordinal);
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var groupId = names.Share(reader.GetString(0));
            if (!groups.TryGetValue(groupId, out var group))
            {
                groups[groupId] = group = (reader.IsDBNull(1) ? null : names.Share(reader.GetString(1)), []);
            }
            if (!reader.IsDBNull(2))
            {
                var member = new Enrolment(reader.GetString(2), reader.GetFieldValue<DateOnly>(3), reader.IsDBNull(4) ? null : reader.GetFieldValue<DateOnly>(4));
                group.Members.Add(own.GetValueOrDefault(member) ?? (ids.TryGetValue(member.StudentId, out var id) ? member with { StudentId = id } : member));
            }
        }
        IReadOnlyList<ScheduledSlot>? timetable = null;
        if (withTimetable)
        {
            await reader.NextResultAsync(cancellationToken);
            timetable = await TimetableStore.ReadSlotsAsync(reader, classId, cancellationToken);
        }
        return new ClassStanding(new ClassRecord(classId, organizationId, year, grade, enrolments, assignments, organizationKind, schoolWeek, path,
            groups.Select(g => new GroupRecord(g.Key, g.Value.Subject, g.Value.Members)).ToList(), language, isRural, subordination, new PupilSexes(sexes)),
            yearClosed, yearLive, timetable);
    }

    /// <summary>Finds an area, organization or class by id, with its parent in the management hierarchy.</summary>
    public async Task<NodeRecord?> FindNodeAsync(string id, CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT kind, parent_id, name_kk, name_ru, name_en, path, NULL::date FROM nodes WHERE id = @id
            UNION ALL
            SELECT 'organization', node_id, name_kk, name_ru, name_en, path, closed_on FROM organizations WHERE id = @id
            UNION ALL
            SELECT 'class', organization_id, grade || letter, grade || letter, grade || letter, path, NULL FROM classes WHERE id = @id
            LIMIT 1
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        return new NodeRecord(id, ParseKind(reader.GetString(0)), reader.IsDBNull(1) ? null : reader.GetString(1),
            reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetFieldValue<string[]>(5), reader.IsDBNull(6) ? null : reader.GetFieldValue<DateOnly>(6));
    }

    /// <summary>A student's card with their current class, or null for an unknown student.</summary>
    public async Task<StudentCard?> FindStudentCardAsync(string studentId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT s.id, s.last_name, s.first_name, s.middle_name, s.birth_date, s.iin, c.id, c.grade, c.letter
            FROM students s
            JOIN LATERAL (SELECT e.class_id FROM enrolments e WHERE e.student_id = s.id ORDER BY e.from_date DESC, e.seq DESC LIMIT 1) e ON true
            JOIN classes c ON c.id = e.class_id
            WHERE s.id = @s
            """);
        command.Parameters.AddWithValue("s", studentId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StudentCard(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetFieldValue<DateOnly>(4), reader.GetString(5), reader.GetString(6), reader.GetInt16(7), reader.GetString(8))
            : null;
    }

    /// <summary>
    /// What deciding access to a student's personal data needs: their current class and its path, their parents,
    /// and the teachers assigned to the class or its subgroups. Null for an unknown student.
    /// </summary>
    public async Task<StudentAccess?> FindStudentAccessAsync(string studentId, CancellationToken cancellationToken = default)
    {
        const string sql = """
            WITH current_class AS (
                SELECT e.class_id FROM enrolments e WHERE e.student_id = @s ORDER BY e.from_date DESC, e.seq DESC LIMIT 1)
            SELECT c.id, c.organization_id, c.path,
                   array(SELECT sp.parent_id FROM student_parents sp WHERE sp.student_id = @s AND (sp.from_date IS NULL OR sp.from_date <= @today)
                         AND (sp.to_date IS NULL OR sp.to_date >= @today) ORDER BY 1),
                   array(SELECT DISTINCT a.teacher_id FROM assignments a JOIN teaching_groups g ON g.id = a.group_id
                         WHERE g.class_id = c.id AND (a.to_date IS NULL OR a.to_date >= @today) ORDER BY 1)
            FROM current_class cc JOIN classes c ON c.id = cc.class_id
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("s", studentId);
        command.Parameters.AddWithValue("today", clock.Today); // Kazakhstan's day, not the database server's
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StudentAccess(studentId, reader.GetString(0), reader.GetString(1), reader.GetFieldValue<string[]>(2),
                reader.GetFieldValue<string[]>(3), reader.GetFieldValue<string[]>(4))
            : null;
    }

    /// <summary>
    /// The children of an area or organization with the version each must reach: the sum of the class
    /// watermarks in the child's subtree (0 for a child with no classes yet). Each organization's classes of its live
    /// academic year only (the newest it has classes of): once a school's year rolls, the summaries hold its new year
    /// and the archive the old one; an organization the roll does not reach (a college) keeps its year meanwhile.
    /// </summary>
    public async Task<IReadOnlyList<ChildVersion>> ChildVersionsAsync(string nodeId, CancellationToken cancellationToken = default)
    {
        const string sql = """
            WITH children AS (
                SELECT id, kind FROM nodes WHERE parent_id = @n
                UNION ALL SELECT id, 'organization' FROM organizations WHERE node_id = @n
                UNION ALL SELECT id, 'class' FROM classes c WHERE organization_id = @n
                    AND academic_year = (SELECT max(x.academic_year) FROM classes x WHERE x.organization_id = c.organization_id)
            ),
            versions AS (
                SELECT child_id, sum(v)::bigint AS version FROM (
                    SELECT c.path[array_position(c.path, @n) + 1] AS child_id, coalesce(w.seq, 0) AS v
                    FROM classes c LEFT JOIN class_watermarks w ON w.class_id = c.id
                    WHERE c.path @> ARRAY[@n]
                      AND c.academic_year = (SELECT max(x.academic_year) FROM classes x WHERE x.organization_id = c.organization_id)
                    UNION ALL
                    -- An organization opened through the registry adds its opening's number (OrganizationGrain's own version).
                    SELECT o.path[array_position(o.path, @n) + 1], o.opened_seq
                    FROM organizations o WHERE o.path @> ARRAY[@n] AND o.id <> @n AND o.opened_seq IS NOT NULL
                ) AS parts
                GROUP BY 1
            ),
            counted AS (
                SELECT o.path[array_position(o.path, @n) + 1] AS child_id, count(*) AS organizations
                FROM organizations o WHERE o.path @> ARRAY[@n] AND o.id <> @n
                GROUP BY 1
            )
            SELECT ch.id, ch.kind, coalesce(v.version, 0), coalesce(g.organizations, 0)
            FROM children ch LEFT JOIN versions v ON v.child_id = ch.id LEFT JOIN counted g ON g.child_id = ch.id
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("n", nodeId);
        var children = new List<ChildVersion>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            children.Add(new ChildVersion(reader.GetString(0), ParseKind(reader.GetString(1)), reader.GetInt64(2), reader.GetInt64(3)));
        }
        return children;
    }

    /// <summary>The number an organization's opening took from the journal sequence (0: loaded before the registry was kept).</summary>
    public async Task<long> OrganizationOpenedSeqAsync(string organizationId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT coalesce((SELECT opened_seq FROM organizations WHERE id = @o), 0)");
        command.Parameters.AddWithValue("o", organizationId);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The class's watermark as committed in the journal.</summary>
    public async Task<long> ClassWatermarkAsync(string classId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT coalesce((SELECT seq FROM class_watermarks WHERE class_id = @c), 0)");
        command.Parameters.AddWithValue("c", classId);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The academic year of the student's latest enrolment, or null for an unknown student.</summary>
    public async Task<string?> CurrentAcademicYearOfStudentAsync(string studentId, CancellationToken cancellationToken = default) =>
        (await CurrentClassOfStudentAsync(studentId, cancellationToken))?.AcademicYear;

    /// <summary>The class of the student's latest enrolment and its academic year, or null for an unknown student.</summary>
    public async Task<(string ClassId, string AcademicYear)?> CurrentClassOfStudentAsync(string studentId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT c.id, c.academic_year FROM enrolments e JOIN classes c ON c.id = e.class_id
            WHERE e.student_id = @s ORDER BY e.from_date DESC, e.seq DESC LIMIT 1
            """);
        command.Parameters.AddWithValue("s", studentId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetString(0), reader.GetString(1)) : null;
    }

    private const string BumpClassVersions = """
        INSERT INTO class_watermarks (class_id, seq)
        SELECT c.id, nextval('journal_seq') FROM classes c JOIN organizations o ON o.id = c.organization_id
        WHERE (@kind::text IS NULL OR o.kind = @kind) AND (@year::text IS NULL OR c.academic_year = @year)
          AND (@class::text IS NULL OR c.id = @class)
        ORDER BY c.id -- the lock order of every writer of several watermarks (transfers too): no deadlock between them
        ON CONFLICT (class_id) DO UPDATE SET seq = greatest(class_watermarks.seq, excluded.seq)
        """;

    /// <summary>
    /// Gives classes (of a kind of organization and a year, or all) a new number from the journal sequence: their
    /// figures moved without a journal row (a new day, a calendar change), so their versions must grow and the
    /// reconciliation pulls them. Returns how many classes moved.
    /// </summary>
    public async Task<int> BumpClassVersionsAsync(string? organizationKind = null, string? academicYear = null, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(BumpClassVersions);
        AddBumpParameters(command, organizationKind, academicYear, null);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// A new version for one class whose figures moved without a row of its own: rows of a student who has moved on,
    /// recorded in their old class, change the term metrics where the student counts now. Without a newer version the
    /// parents would keep the old summary, and the reconciliation, which compares versions, would never see it.
    /// </summary>
    public async Task BumpClassVersionAsync(string classId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(BumpClassVersions);
        AddBumpParameters(command, null, null, classId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Rolls <paramref name="day"/> once across silos: claims it and moves every class's version in one transaction, so
    /// a silo that dies between the two leaves the day unclaimed for the next one. Null when the day was rolled already;
    /// otherwise how many classes moved.
    /// </summary>
    public async Task<int?> RollDayAsync(DateOnly day, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var claim = new NpgsqlCommand("INSERT INTO day_rolls (day) VALUES (@d) ON CONFLICT DO NOTHING", connection, transaction))
        {
            claim.Parameters.AddWithValue("d", day);
            if (await claim.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return null;
            }
        }
        await using var bump = new NpgsqlCommand(BumpClassVersions, connection, transaction);
        AddBumpParameters(bump, null, null, null);
        var moved = await bump.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return moved;
    }

    private static void AddBumpParameters(NpgsqlCommand command, string? organizationKind, string? academicYear, string? classId)
    {
        command.Parameters.Add(new NpgsqlParameter<string?>("class", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = classId });
        command.Parameters.Add(new NpgsqlParameter<string?>("kind", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = organizationKind });
        command.Parameters.Add(new NpgsqlParameter<string?>("year", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = academicYear });
    }

    /// <summary>A student's enrolments (class and dates), oldest first.</summary>
    public async Task<IReadOnlyList<(string ClassId, Enrolment Enrolment)>> StudentEnrolmentsAsync(string studentId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT class_id, from_date, to_date FROM enrolments WHERE student_id = @s ORDER BY from_date, seq");
        command.Parameters.AddWithValue("s", studentId);
        var enrolments = new List<(string, Enrolment)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            enrolments.Add((reader.GetString(0), new Enrolment(studentId, reader.GetFieldValue<DateOnly>(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<DateOnly>(2))));
        }
        return enrolments;
    }

    /// <summary>
    /// A profile group's members with their home-class enrolments (one row per overlap candidate), or null when the
    /// group is not a cross-class profile group.
    /// </summary>
    public async Task<IReadOnlyList<(Enrolment Membership, string ClassId, Enrolment Enrolment)>?> ProfileGroupMembersAsync(string groupId,
        CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT g.kind, m.student_id, m.from_date, m.to_date, e.class_id, e.from_date, e.to_date
            FROM teaching_groups g
            LEFT JOIN teaching_group_members m ON m.group_id = g.id
            LEFT JOIN enrolments e ON e.student_id = m.student_id
            WHERE g.id = @g AND g.class_id IS NULL
            """);
        command.Parameters.AddWithValue("g", groupId);
        var rows = new List<(Enrolment, string, Enrolment)>();
        var found = false;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found = true;
            if (reader.IsDBNull(1) || reader.IsDBNull(4))
            {
                continue;
            }
            var student = reader.GetString(1);
            rows.Add((new Enrolment(student, reader.GetFieldValue<DateOnly>(2), reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3)),
                reader.GetString(4),
                new Enrolment(student, reader.GetFieldValue<DateOnly>(5), reader.IsDBNull(6) ? null : reader.GetFieldValue<DateOnly>(6))));
        }
        return found ? rows : null;
    }

    /// <summary>Display names ("Last First") of students, for the teacher's journal grid (personal data: callers audit).</summary>
    public async Task<IReadOnlyDictionary<string, string>> StudentNamesAsync(IReadOnlyList<string> studentIds, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT id, last_name || ' ' || first_name FROM students WHERE id = ANY (@ids)");
        command.Parameters.Add(new NpgsqlParameter<string[]>("ids", studentIds.ToArray()));
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            names[reader.GetString(0)] = reader.GetString(1);
        }
        return names;
    }

    public static NodeKind ParseKind(string kind) => kind switch
    {
        "republic" => NodeKind.Republic,
        "region" => NodeKind.Region,
        "district" => NodeKind.District,
        "organization" => NodeKind.Organization,
        "class" => NodeKind.Class,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown node kind."),
    };
}
