using EduInfo.Domain.EServices;
using EduInfo.Storage.Audit;
using Npgsql;

namespace EduInfo.Storage.EServices;

public sealed partial class ApplicationStore
{
    /// <summary>The children in a district's queue of a birth year (state queued), as the queue's rules order them.</summary>
    public async Task<IReadOnlyList<QueueEntry>> QueueEntriesAsync(string districtId, int birthYear, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await QueueEntriesAsync(districtId, birthYear, connection, null, cancellationToken);
    }

    private static async Task<IReadOnlyList<QueueEntry>> QueueEntriesAsync(string districtId, int birthYear, NpgsqlConnection connection,
        NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT id, priority, priority_confirmed, receipt_seq FROM service_applications
            WHERE service = 'kindergartenQueue' AND district_id = @d AND birth_year = @y AND state = 'queued'
            """, connection, transaction);
        command.Parameters.AddWithValue("d", districtId);
        command.Parameters.AddWithValue("y", birthYear);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<QueueEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new QueueEntry(reader.GetGuid(0).ToString(), Parse<PriorityCategory>(reader.GetString(1)), reader.GetBoolean(2), reader.GetInt64(3)));
        }
        return KindergartenQueueRules.Default.Order(entries);
    }

    /// <summary>The queue as its positions table last recorded it: each child's latest place (those who left are absent).</summary>
    public async Task<IReadOnlyDictionary<string, int>> RecordedPlacesAsync(string districtId, int birthYear, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await RecordedPlacesAsync(districtId, birthYear, connection, null, cancellationToken);
    }

    private static async Task<IReadOnlyDictionary<string, int>> RecordedPlacesAsync(string districtId, int birthYear, NpgsqlConnection connection,
        NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT DISTINCT ON (application_id) application_id, to_place FROM queue_positions
            WHERE district_id = @d AND birth_year = @y ORDER BY application_id, id DESC
            """, connection, transaction);
        command.Parameters.AddWithValue("d", districtId);
        command.Parameters.AddWithValue("y", birthYear);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var places = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!reader.IsDBNull(1))
            {
                places[reader.GetGuid(0).ToString()] = reader.GetInt32(1);
            }
        }
        return places;
    }

    /// <summary>
    /// Takes the queue's lock for the rest of the transaction (one step of a queue at a time) and, for a direction, checks
    /// that the application heads the queue now.
    /// </summary>
    private static async Task<bool> EnterQueueAsync(Guid id, QueueMove queue, NpgsqlConnection connection, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        await using (var gate = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended(@key, 0))", connection, transaction))
        {
            gate.Parameters.AddWithValue("key", $"kindergarten-queue/{queue.DistrictId}/{queue.BirthYear}");
            await gate.ExecuteNonQueryAsync(cancellationToken);
        }
        return !queue.MustHeadQueue
            || (await QueueEntriesAsync(queue.DistrictId, queue.BirthYear, connection, transaction, cancellationToken)) is [var first, ..] && first.ApplicationId == id.ToString();
    }

    /// <summary>Records, in the step's transaction, every child whose place now differs from the place last recorded, with the step's cause.</summary>
    private static async Task RecordQueueMovesAsync(QueueMove queue, DateTimeOffset at, NpgsqlConnection connection, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        var changes = KindergartenQueueRules.Changes(await RecordedPlacesAsync(queue.DistrictId, queue.BirthYear, connection, transaction, cancellationToken),
            await QueueEntriesAsync(queue.DistrictId, queue.BirthYear, connection, transaction, cancellationToken), queue.Cause);
        if (changes.Count == 0)
        {
            return;
        }
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var change in changes)
        {
            var command = new NpgsqlBatchCommand("""
                INSERT INTO queue_positions (application_id, district_id, birth_year, at, from_place, to_place, cause) VALUES (@a, @d, @y, @at, @from, @to, @cause)
                """);
            command.Parameters.AddWithValue("a", Guid.Parse(change.ApplicationId));
            command.Parameters.AddWithValue("d", queue.DistrictId);
            command.Parameters.AddWithValue("y", queue.BirthYear);
            command.Parameters.AddWithValue("at", at);
            command.Parameters.AddWithValue("from", (object?)change.From ?? DBNull.Value);
            command.Parameters.AddWithValue("to", (object?)change.To ?? DBNull.Value);
            command.Parameters.AddWithValue("cause", Text(change.Cause));
            batch.BatchCommands.Add(command);
        }
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Every change of an application's place, oldest first.</summary>
    public async Task<IReadOnlyList<QueuePositionRecord>> PositionsOfAsync(Guid applicationId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT at, from_place, to_place, cause FROM queue_positions WHERE application_id = @a ORDER BY id");
        command.Parameters.AddWithValue("a", applicationId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var positions = new List<QueuePositionRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            positions.Add(new QueuePositionRecord(reader.GetFieldValue<DateTimeOffset>(0), reader.IsDBNull(1) ? null : reader.GetInt32(1),
                reader.IsDBNull(2) ? null : reader.GetInt32(2), Parse<QueueChangeCause>(reader.GetString(3))));
        }
        return positions;
    }

    /// <summary>
    /// A district's queues as published: per birth year, each child's place, the month its filing counts from, whether a
    /// confirmed priority counts, and a reference of eight characters shown on the parent's application.
    /// </summary>
    public async Task<IReadOnlyList<PublicQueueEntry>> PublicQueueAsync(string districtId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT birth_year, id, priority, priority_confirmed, receipt_seq, counts_from FROM service_applications
            WHERE service = 'kindergartenQueue' AND district_id = @d AND state = 'queued'
            """);
        command.Parameters.AddWithValue("d", districtId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<(int Year, QueueEntry Entry, DateOnly Filed)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetInt32(0), new QueueEntry(reader.GetGuid(1).ToString(), Parse<PriorityCategory>(reader.GetString(2)), reader.GetBoolean(3),
                reader.GetInt64(4)), reader.GetFieldValue<DateOnly>(5)));
        }
        return [.. rows.GroupBy(r => r.Year).OrderBy(g => g.Key).SelectMany(g =>
        {
            var filed = g.ToDictionary(r => r.Entry.ApplicationId, r => r.Filed, StringComparer.Ordinal);
            return KindergartenQueueRules.Default.Order(g.Select(r => r.Entry)).Select((e, i) => new PublicQueueEntry(g.Key, i + 1,
                filed[e.ApplicationId].ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
                e.PriorityConfirmed && e.Priority != PriorityCategory.None, ReferenceOf(e.ApplicationId, e.ReceiptSeq)));
        })];
    }

    /// <summary>
    /// The application's reference in a published queue: eight hex digits of a digest of its id and the server's receipt
    /// number, so a client that chose its application's id cannot choose the reference another family is shown.
    /// </summary>
    public static string ReferenceOf(string applicationId, long receiptSeq) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes($"{applicationId}:{receiptSeq}")))[..8];

    /// <summary>An organization's kind and node (a kindergarten a child is directed to must be one of the district's).</summary>
    public async Task<(string Kind, string NodeId)?> OrganizationAsync(string organizationId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT kind, node_id FROM organizations WHERE id = @o");
        command.Parameters.AddWithValue("o", organizationId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetString(0), reader.GetString(1)) : null;
    }
}

public sealed partial class ApplicationStore
{
    /// <summary>
    /// The applications of the offices at or below a node as the Ministry's figures count them, grouped in the database by
    /// the area or organization right below the node on the office's path (null: the node's own office), the service, the
    /// days the term counts from, is due and was decided on, and the state — with how many of each.
    /// </summary>
    public async Task<IReadOnlyList<(string? Below, CountedGroup Group)>> CountedInAsync(string nodeId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT p.path[array_position(p.path, @node) + 1], a.service, a.counts_from, a.due_on, a.decided_on, a.state, count(*)
            FROM service_applications a LEFT JOIN organizations o ON o.id = a.office_id LEFT JOIN nodes n ON n.id = a.office_id
            CROSS JOIN LATERAL (SELECT coalesce(o.path, n.path) AS path) p
            WHERE @node = ANY (p.path)
            GROUP BY 1, 2, 3, 4, 5, 6
            """);
        command.Parameters.AddWithValue("node", nodeId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<(string?, CountedGroup)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.IsDBNull(0) ? null : reader.GetString(0), new CountedGroup(new CountedApplication(Parse<ServiceKind>(reader.GetString(1)),
                reader.GetFieldValue<DateOnly>(2), reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateOnly>(4), Parse<ApplicationState>(reader.GetString(5))), (int)reader.GetInt64(6))));
        }
        return rows;
    }
}

public sealed partial class ApplicationStore
{
    /// <summary>The organization a class belongs to, or null.</summary>
    public async Task<string?> ClassOrganizationAsync(string classId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT organization_id FROM classes WHERE id = @c");
        command.Parameters.AddWithValue("c", classId);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>Whose document of the register this is: its pupil, class and organization, or null.</summary>
    public async Task<(string StudentId, string ClassId, string OrganizationId)?> DocumentPlaceAsync(Guid documentId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT student_id, class_id, organization_id FROM education_documents WHERE id = @d");
        command.Parameters.AddWithValue("d", documentId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetString(0), reader.GetString(1), reader.GetString(2)) : null;
    }

    /// <summary>The class a pupil is enrolled in on a day, or null.</summary>
    public async Task<string?> CurrentClassAsync(string studentId, DateOnly day, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT class_id FROM enrolments WHERE student_id = @s AND from_date <= @d AND (to_date IS NULL OR to_date >= @d)
            ORDER BY from_date DESC, seq DESC LIMIT 1
            """);
        command.Parameters.AddWithValue("s", studentId);
        command.Parameters.AddWithValue("d", day);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }
}

/// <summary>An uploaded document's description (its content is read only by the office, audited).</summary>
public sealed record UploadRecord(Guid Id, ServiceDocument Document, string ContentType, int SizeBytes, DateTimeOffset UploadedAt);

public sealed partial class ApplicationStore
{
    /// <summary>Stores an uploaded document with its audit row (the audit names the document's kind and size, never its content).</summary>
    public async Task AttachAsync(Guid applicationId, Guid uploadId, ServiceDocument document, string contentType, byte[] content, DateTimeOffset at,
        AuditEntry audit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO application_uploads (id, application_id, document, content_type, size_bytes, content, uploaded_by, uploaded_at)
            VALUES (@id, @a, @document, @type, @size, @content, @by, @at)
            """, connection, transaction))
        {
            insert.Parameters.AddWithValue("id", uploadId);
            insert.Parameters.AddWithValue("a", applicationId);
            insert.Parameters.AddWithValue("document", Text(document));
            insert.Parameters.AddWithValue("type", contentType);
            insert.Parameters.AddWithValue("size", content.Length);
            insert.Parameters.AddWithValue("content", content);
            insert.Parameters.AddWithValue("by", audit.ActorId);
            insert.Parameters.AddWithValue("at", at);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await AuditLog.WriteAsync(audit, new { applicationId, uploadId, document = Text(document), contentType, size = content.Length }, connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<UploadRecord>> UploadsOfAsync(Guid applicationId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT id, document, content_type, size_bytes, uploaded_at FROM application_uploads WHERE application_id = @a ORDER BY seq");
        command.Parameters.AddWithValue("a", applicationId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var uploads = new List<UploadRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            uploads.Add(new UploadRecord(reader.GetGuid(0), Parse<ServiceDocument>(reader.GetString(1)), reader.GetString(2), reader.GetInt32(3),
                reader.GetFieldValue<DateTimeOffset>(4)));
        }
        return uploads;
    }

    /// <summary>One document's content, its read audited in the same transaction (health data: no read without its row).</summary>
    public async Task<(UploadRecord Upload, byte[] Content)?> ReadUploadAsync(Guid applicationId, Guid uploadId, AuditEntry audit,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT id, document, content_type, size_bytes, uploaded_at, content FROM application_uploads WHERE application_id = @a AND id = @id
            """, connection, transaction);
        command.Parameters.AddWithValue("a", applicationId);
        command.Parameters.AddWithValue("id", uploadId);
        (UploadRecord, byte[])? found = null;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                found = (new UploadRecord(reader.GetGuid(0), Parse<ServiceDocument>(reader.GetString(1)), reader.GetString(2), reader.GetInt32(3),
                    reader.GetFieldValue<DateTimeOffset>(4)), reader.GetFieldValue<byte[]>(5));
            }
        }
        if (found is null)
        {
            return null;
        }
        await AuditLog.WriteAsync(audit, new { applicationId, uploadId }, connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return found;
    }

    /// <summary>
    /// Deletes the documents of applications decided (or closed: their last step's day in Kazakhstan) before
    /// <paramref name="decidedBefore"/>: the number removed.
    /// </summary>
    public async Task<int> PurgeUploadsAsync(DateOnly decidedBefore, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            DELETE FROM application_uploads u USING service_applications a
            WHERE a.id = u.application_id AND a.state NOT IN ('filed', 'inReview')
              AND coalesce(a.decided_on, ((SELECT max(t.at) FROM application_transitions t WHERE t.application_id = a.id) AT TIME ZONE 'UTC' + interval '5 hours')::date) < @before
            """);
        command.Parameters.AddWithValue("before", decidedBefore);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
