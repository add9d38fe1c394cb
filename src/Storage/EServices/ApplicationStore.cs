using System.Text.Json;
using EduInfo.Domain.Calendar;
using EduInfo.Domain.EServices;
using EduInfo.Storage.Assessment;
using EduInfo.Storage.Audit;
using Npgsql;

namespace EduInfo.Storage.EServices;

/// <summary>
/// The e-services' rows of record (migration 0043): applications, their transitions, the children parents claimed, the
/// declared labour days and the operator's changes to the catalogue. Applications are written by their grain only;
/// every write carries its audit row in the same transaction.
/// </summary>
public sealed partial class ApplicationStore(NpgsqlDataSource dataSource)
{
    private const string Columns = """
        a.id, a.receipt_seq, a.service, a.applicant_id, a.child_link_id, a.student_id, a.office_id, a.district_id,
        coalesce(o.path, n.path, ARRAY[a.office_id]), a.documents, a.from_territory, a.priority, a.admitted_year, a.received_at, a.counts_from,
        a.due_on, a.state, a.version, a.decided_at, a.decided_on, a.escalated_at, a.refusal_ground, a.refusal_reason, a.verification_code,
        (a.student_id IS NOT NULL OR l.confirmed_by IS NOT NULL), a.priority_confirmed, a.birth_year, a.directed_to, a.direction_until
        """;

    private const string From = """
        service_applications a LEFT JOIN child_links l ON l.id = a.child_link_id
        LEFT JOIN organizations o ON o.id = a.office_id LEFT JOIN nodes n ON n.id = a.office_id
        """;

    /// <summary>An enum as its camelCase name, the form the rows keep.</summary>
    public static string Text<T>(T value) where T : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    public static T Parse<T>(string text) where T : struct, Enum => Enum.Parse<T>(text, ignoreCase: true);

    public async Task<ApplicationRecord?> LoadAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM {From} WHERE a.id = @id");
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<ApplicationTransition>> TransitionsAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT version, action, from_state, to_state, actor_id, actor_kind, at, ground, reason
            FROM application_transitions WHERE application_id = @id ORDER BY version
            """);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var transitions = new List<ApplicationTransition>();
        while (await reader.ReadAsync(cancellationToken))
        {
            transitions.Add(new ApplicationTransition(reader.GetInt32(0), reader.IsDBNull(1) ? null : Parse<ApplicationAction>(reader.GetString(1)),
                reader.IsDBNull(2) ? null : Parse<ApplicationState>(reader.GetString(2)), Parse<ApplicationState>(reader.GetString(3)), reader.GetString(4),
                Parse<WorkflowActor>(reader.GetString(5)), reader.GetFieldValue<DateTimeOffset>(6),
                reader.IsDBNull(7) ? null : Parse<RefusalGround>(reader.GetString(7)), reader.IsDBNull(8) ? null : reader.GetString(8)));
        }
        return transitions;
    }

    /// <summary>The applications of a parent, newest first.</summary>
    public Task<IReadOnlyList<ApplicationRecord>> OfApplicantAsync(string applicantId, CancellationToken cancellationToken = default) =>
        ListAsync("a.applicant_id = @key ORDER BY a.receipt_seq DESC LIMIT 500", applicantId, cancellationToken);

    /// <summary>An office's applications: those still open first in the order of receipt, then the latest closed ones.</summary>
    public Task<IReadOnlyList<ApplicationRecord>> OfOfficeAsync(string officeId, CancellationToken cancellationToken = default) =>
        ListAsync("a.office_id = @key ORDER BY (a.state IN ('completed', 'refused', 'withdrawn')), a.receipt_seq LIMIT 1000", officeId, cancellationToken);

    /// <summary>The applications of an area's offices whose decision is overdue on <paramref name="today"/>, the oldest deadline first.</summary>
    public async Task<IReadOnlyList<ApplicationRecord>> OverdueInAsync(string areaId, DateOnly today, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM {From}
            WHERE a.state IN ('filed', 'inReview') AND a.due_on < @today AND @key = ANY (coalesce(o.path, n.path, ARRAY[a.office_id]))
            ORDER BY a.due_on, a.receipt_seq LIMIT 1000
            """);
        command.Parameters.AddWithValue("key", areaId);
        command.Parameters.AddWithValue("today", today);
        return await ReadAllAsync(command, cancellationToken);
    }

    /// <summary>How many applications anywhere are past their decision's deadline on <paramref name="today"/> (the operators' gauge).</summary>
    public async Task<long> OverdueCountAsync(DateOnly today, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM service_applications WHERE state IN ('filed', 'inReview') AND due_on < @today");
        command.Parameters.AddWithValue("today", today);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task<IReadOnlyList<ApplicationRecord>> ListAsync(string where, string key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM {From} WHERE {where}");
        command.Parameters.AddWithValue("key", key);
        return await ReadAllAsync(command, cancellationToken);
    }

    private static async Task<IReadOnlyList<ApplicationRecord>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var records = new List<ApplicationRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(Read(reader));
        }
        return records;
    }

    /// <summary>The ids of the applications with a deadline running: a decision owed, a direction to use (the start-up sweep re-registers their reminders).</summary>
    public async Task<IReadOnlyList<Guid>> WithDeadlineAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT id FROM service_applications WHERE (state IN ('filed', 'inReview') AND due_on IS NOT NULL) OR (state = 'directed' AND direction_until IS NOT NULL)");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<Guid>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetGuid(0));
        }
        return ids;
    }

    /// <summary>
    /// Files an application with its first transition and the audit row, in one transaction. A second open application of
    /// the same applicant for the same child and service is refused by the unique index, so two racing filings make one.
    /// </summary>
    public async Task<ApplicationWrite> FileAsync(NewApplication application, ApplicationTransition first, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO service_applications (id, service, applicant_id, child_link_id, student_id, child_key, office_id, district_id, documents,
                from_territory, priority, admitted_year, received_at, counts_from, due_on, state, version, decided_at, decided_on, verification_code, birth_year)
            VALUES (@id, @service, @applicant, @link, @student, @child, @office, @district, @documents, @territory, @priority, @year, @at, @from,
                @due, @state, @version, @decidedAt, @decidedOn, @code, @birthYear)
            ON CONFLICT (id) DO NOTHING
            """, connection, transaction))
        {
            insert.Parameters.AddWithValue("id", application.Id);
            insert.Parameters.AddWithValue("service", Text(application.Service));
            insert.Parameters.AddWithValue("applicant", application.ApplicantId);
            insert.Parameters.AddWithValue("link", (object?)application.ChildLinkId ?? DBNull.Value);
            insert.Parameters.AddWithValue("student", (object?)application.StudentId ?? DBNull.Value);
            insert.Parameters.AddWithValue("child", application.StudentId ?? application.ChildLinkId!.Value.ToString());
            insert.Parameters.AddWithValue("office", application.OfficeId);
            insert.Parameters.AddWithValue("district", application.DistrictId);
            insert.Parameters.AddWithValue("documents", application.Documents.Select(Text).ToArray());
            insert.Parameters.AddWithValue("territory", application.FromTerritory);
            insert.Parameters.AddWithValue("priority", Text(application.Priority));
            insert.Parameters.AddWithValue("year", (object?)application.AdmittedYear ?? DBNull.Value);
            insert.Parameters.AddWithValue("at", application.ReceivedAt);
            insert.Parameters.AddWithValue("from", application.CountsFrom);
            insert.Parameters.AddWithValue("due", (object?)application.DueOn ?? DBNull.Value);
            insert.Parameters.AddWithValue("state", Text(application.State));
            insert.Parameters.AddWithValue("version", first.Version);
            var decided = application.State.IsClosed();
            insert.Parameters.AddWithValue("decidedAt", decided ? application.ReceivedAt : DBNull.Value);
            insert.Parameters.AddWithValue("decidedOn", decided ? KazakhstanClock.DateAt(application.ReceivedAt) : DBNull.Value);
            insert.Parameters.AddWithValue("code", (object?)application.VerificationCode ?? DBNull.Value);
            insert.Parameters.AddWithValue("birthYear", (object?)application.BirthYear ?? DBNull.Value);
            try
            {
                if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
                {
                    return ApplicationWrite.Exists;
                }
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "service_applications_open_key")
            {
                return ApplicationWrite.AlreadyApplied;
            }
        }
        await InsertTransitionAsync(application.Id, first, connection, transaction, cancellationToken);
        await AuditLog.WriteAsync(audit, new { applicationId = application.Id, service = Text(application.Service), state = Text(application.State) }, connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ApplicationWrite.Done;
    }

    /// <summary>
    /// Moves an application one step if it is still at <paramref name="expectedVersion"/> (else <see cref="ApplicationWrite.Stale"/>),
    /// with the transition row and the audit row. A step out of the office's term records the decision's time. A step of a
    /// kindergarten queue (<paramref name="queue"/>) holds the queue's lock and records its moves in the same transaction; a
    /// completion that issues a duplicate (<paramref name="duplicate"/>, audited by <paramref name="duplicateAudit"/>)
    /// writes it to the register in the same transaction too, so the register and the application never disagree.
    /// </summary>
    public async Task<ApplicationWrite> TransitionAsync(Guid id, int expectedVersion, ApplicationTransition step, bool decides, AuditEntry audit,
        ApplicationChange? change = null, string? notify = null, QueueMove? queue = null, DocumentDuplicate? duplicate = null,
        AuditEntry? duplicateAudit = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (queue is not null && !await EnterQueueAsync(id, queue, connection, transaction, cancellationToken))
        {
            return ApplicationWrite.NotFirstInQueue;
        }
        await using (var update = new NpgsqlCommand("""
            UPDATE service_applications SET state = @state, version = @version,
                decided_at = CASE WHEN @decides AND decided_at IS NULL THEN @at ELSE decided_at END,
                decided_on = CASE WHEN @decides AND decided_on IS NULL THEN @on ELSE decided_on END,
                refusal_ground = coalesce(@ground, refusal_ground), refusal_reason = coalesce(@reason, refusal_reason),
                priority_confirmed = coalesce(@confirmed, priority_confirmed),
                directed_to = CASE WHEN @endsDirection THEN NULL ELSE coalesce(@directedTo, directed_to) END,
                direction_until = CASE WHEN @endsDirection THEN NULL ELSE coalesce(@until, direction_until) END
            WHERE id = @id AND version = @expected
            """, connection, transaction))
        {
            update.Parameters.AddWithValue("id", id);
            update.Parameters.AddWithValue("expected", expectedVersion);
            update.Parameters.AddWithValue("state", Text(step.To));
            update.Parameters.AddWithValue("version", step.Version);
            update.Parameters.AddWithValue("decides", decides);
            update.Parameters.AddWithValue("at", step.At);
            update.Parameters.AddWithValue("on", KazakhstanClock.DateAt(step.At));
            update.Parameters.AddWithValue("ground", step.Ground is { } g ? Text(g) : DBNull.Value);
            update.Parameters.AddWithValue("reason", (object?)step.Reason ?? DBNull.Value);
            update.Parameters.Add(new NpgsqlParameter<bool?>("confirmed", NpgsqlTypes.NpgsqlDbType.Boolean) { TypedValue = change?.PriorityConfirmed });
            update.Parameters.Add(new NpgsqlParameter<string?>("directedTo", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = change?.DirectedTo });
            update.Parameters.Add(new NpgsqlParameter<DateOnly?>("until", NpgsqlTypes.NpgsqlDbType.Date) { TypedValue = change?.DirectionUntil });
            update.Parameters.AddWithValue("endsDirection", change?.EndsDirection ?? false);
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return ApplicationWrite.Stale;
            }
        }
        if (duplicate is not null)
        {
            switch (await AssessmentStore.IssueDuplicateAsync(duplicate, duplicateAudit!, connection, transaction, cancellationToken))
            {
                case DocumentWrite.Done:
                    break;
                case DocumentWrite.NumberTaken:
                    return ApplicationWrite.BlankTaken;
                default:
                    return ApplicationWrite.DocumentWrong;
            }
        }
        await InsertTransitionAsync(id, step, connection, transaction, cancellationToken);
        if (queue is not null)
        {
            await RecordQueueMovesAsync(queue, step.At, connection, transaction, cancellationToken);
        }
        await AuditLog.WriteAsync(audit, new { applicationId = id, action = step.Action is { } a ? Text(a) : null, to = Text(step.To) }, connection, transaction, cancellationToken);
        if (notify is not null)
        {
            // The applicant learns of every step not their own, in the same transaction: never lost, never sent for a step not taken.
            await using var message = new NpgsqlCommand("""
                INSERT INTO notifications (recipient, kind, application_id, service, state, link, created_at)
                SELECT @recipient, 'applicationChanged', id, service, state, '/applications/' || id, @at FROM service_applications WHERE id = @id
                RETURNING id
                """, connection, transaction);
            message.Parameters.AddWithValue("recipient", notify);
            message.Parameters.AddWithValue("id", id);
            message.Parameters.AddWithValue("at", step.At);
            var notification = (long)(await message.ExecuteScalarAsync(cancellationToken))!;
            // And by e-mail or SMS where the recipient asked for it: the outbox rows are part of the same transaction.
            await Notifications.DeliveryStore.EnqueueAsync(notification, notify, step.At, connection, transaction, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return ApplicationWrite.Done;
    }

    /// <summary>Records the escalation of an overdue application to its district's officers; true only for the call that recorded it.</summary>
    public async Task<bool> EscalateAsync(Guid id, DateTimeOffset at, DateOnly today, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var update = new NpgsqlCommand("""
            UPDATE service_applications SET escalated_at = @at
            WHERE id = @id AND escalated_at IS NULL AND state IN ('filed', 'inReview') AND due_on < @today
            """, connection, transaction))
        {
            update.Parameters.AddWithValue("id", id);
            update.Parameters.AddWithValue("at", at);
            update.Parameters.AddWithValue("today", today);
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false;
            }
        }
        await AuditLog.WriteAsync(audit, new { applicationId = id }, connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static async Task InsertTransitionAsync(Guid id, ApplicationTransition step, NpgsqlConnection connection, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand("""
            INSERT INTO application_transitions (application_id, version, action, from_state, to_state, actor_id, actor_kind, at, ground, reason)
            VALUES (@id, @version, @action, @from, @to, @actor, @kind, @at, @ground, @reason)
            """, connection, transaction);
        insert.Parameters.AddWithValue("id", id);
        insert.Parameters.AddWithValue("version", step.Version);
        insert.Parameters.AddWithValue("action", step.Action is { } a ? Text(a) : DBNull.Value);
        insert.Parameters.AddWithValue("from", step.From is { } f ? Text(f) : DBNull.Value);
        insert.Parameters.AddWithValue("to", Text(step.To));
        insert.Parameters.AddWithValue("actor", step.ActorId);
        insert.Parameters.AddWithValue("kind", Text(step.ActorKind));
        insert.Parameters.AddWithValue("at", step.At);
        insert.Parameters.AddWithValue("ground", step.Ground is { } g ? Text(g) : DBNull.Value);
        insert.Parameters.AddWithValue("reason", (object?)step.Reason ?? DBNull.Value);
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static ApplicationRecord Read(NpgsqlDataReader r) => new(
        r.GetGuid(0), r.GetInt64(1), Parse<ServiceKind>(r.GetString(2)), r.GetString(3), r.IsDBNull(4) ? null : r.GetGuid(4),
        r.IsDBNull(5) ? null : r.GetString(5), r.GetString(6), r.GetString(7), r.GetFieldValue<string[]>(8),
        [.. r.GetFieldValue<string[]>(9).Select(Parse<ServiceDocument>)], r.GetBoolean(10), Parse<PriorityCategory>(r.GetString(11)),
        r.IsDBNull(12) ? null : r.GetString(12), r.GetFieldValue<DateTimeOffset>(13), r.GetFieldValue<DateOnly>(14),
        r.IsDBNull(15) ? null : r.GetFieldValue<DateOnly>(15), Parse<ApplicationState>(r.GetString(16)), r.GetInt32(17),
        r.IsDBNull(18) ? null : r.GetFieldValue<DateTimeOffset>(18), r.IsDBNull(19) ? null : r.GetFieldValue<DateOnly>(19),
        r.IsDBNull(20) ? null : r.GetFieldValue<DateTimeOffset>(20), r.IsDBNull(21) ? null : Parse<RefusalGround>(r.GetString(21)),
        r.IsDBNull(22) ? null : r.GetString(22), r.IsDBNull(23) ? null : r.GetString(23), r.GetBoolean(24), r.GetBoolean(25),
        r.IsDBNull(26) ? null : r.GetInt32(26), r.IsDBNull(27) ? null : r.GetString(27), r.IsDBNull(28) ? null : r.GetFieldValue<DateOnly>(28));
}
