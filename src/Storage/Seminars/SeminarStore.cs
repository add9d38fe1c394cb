using System.Text.Json;
using EduInfo.Domain.Seminars;
using EduInfo.Storage.Audit;
using EduInfo.Storage.EServices;
using EduInfo.Storage.Registry;
using Npgsql;

namespace EduInfo.Storage.Seminars;

/// <summary>Where a seminar is organized from: an office's node or an organization, and its path from the republic down to itself.</summary>
public sealed record SeminarOrganizer(string Id, bool IsOrganization, IReadOnlyList<string> Path);

/// <summary>A seminar's row.</summary>
public sealed record SeminarRow(Guid Id, string OrganizerId, SeminarFacts Facts, DateOnly HeldOn, string CreatedBy);

/// <summary>Where a registration stands after a write.</summary>
public sealed record SeatTaken(SeatState State, int? WaitingPosition, bool New);

public enum SeminarWrite
{
    Done = 1,
    /// <summary>The id is another seminar's.</summary>
    Exists = 2,
    /// <summary>An attendance mark names a person without a seat.</summary>
    NotSeated = 3,
}

/// <summary>
/// The seminars' rows of record (migration 0048), written by each seminar's grain only; every write carries its audit
/// row in the same transaction, and seats are counted under a lock of the seminar's row.
/// </summary>
public sealed partial class SeminarStore(NpgsqlDataSource dataSource)
{
    /// <summary>The organizer's place; a closed organization announces nothing new (<paramref name="openOnly"/>) but its seminars stay managed.</summary>
    public async Task<SeminarOrganizer?> OrganizerAsync(string id, bool openOnly = false, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT false, path FROM nodes WHERE id = @id
            UNION ALL SELECT true, path FROM organizations WHERE id = @id AND (NOT @open OR closed_on IS NULL)
            """);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("open", openOnly);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new SeminarOrganizer(id, reader.GetBoolean(0), reader.GetFieldValue<string[]>(1)) : null;
    }

    public async Task<SeminarRow?> SeminarAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {SeminarColumns} FROM seminars s WHERE s.id = @id");
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadSeminar(reader) : null;
    }

    /// <summary>Announces a seminar; a retry of the same id by its creator is done, by anyone else the id is taken.</summary>
    public async Task<SeminarWrite> CreateAsync(Guid id, string organizerId, SeminarFacts facts, DateOnly heldOn, string createdBy, DateTimeOffset at,
        AuditEntry audit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO seminars (id, organizer_id, topic, description, audience, language, starts_at, ends_at, held_on, place, online_link, capacity,
                                  created_by, created_at)
            VALUES (@id, @organizer, @topic, @description, @audience, @language, @starts, @ends, @held, @place, @link, @capacity, @by, @at)
            ON CONFLICT (id) DO NOTHING
            """, connection, transaction))
        {
            insert.Parameters.AddWithValue("id", id);
            insert.Parameters.AddWithValue("organizer", organizerId);
            insert.Parameters.AddWithValue("topic", facts.Topic);
            insert.Parameters.AddWithValue("description", (object?)facts.Description ?? DBNull.Value);
            insert.Parameters.AddWithValue("audience", ApplicationStore.Text(facts.Audience));
            insert.Parameters.AddWithValue("language", facts.Language);
            insert.Parameters.AddWithValue("starts", facts.StartsAt);
            insert.Parameters.AddWithValue("ends", facts.EndsAt);
            insert.Parameters.AddWithValue("held", heldOn);
            insert.Parameters.AddWithValue("place", (object?)facts.Place ?? DBNull.Value);
            insert.Parameters.AddWithValue("link", (object?)facts.OnlineLink ?? DBNull.Value);
            insert.Parameters.AddWithValue("capacity", facts.Capacity);
            insert.Parameters.AddWithValue("by", createdBy);
            insert.Parameters.AddWithValue("at", at);
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                await using var owner = new NpgsqlCommand("SELECT created_by = @by FROM seminars WHERE id = @id", connection, transaction);
                owner.Parameters.AddWithValue("id", id);
                owner.Parameters.AddWithValue("by", createdBy);
                return (bool)(await owner.ExecuteScalarAsync(cancellationToken))! ? SeminarWrite.Done : SeminarWrite.Exists;
            }
        }
        await AuditLog.WriteAsync(audit, new { seminarId = id, organizerId, capacity = facts.Capacity }, connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return SeminarWrite.Done;
    }

    /// <summary>
    /// A seat if one is free, else the end of the waiting list (<see cref="SeminarRules.StateOf"/>: seats go by arrival);
    /// a registration already standing answers where it stands, a withdrawn one registers again at the end.
    /// </summary>
    public async Task<SeatTaken> RegisterAsync(Guid seminarId, StaffMember person, string accountId, DateTimeOffset at, AuditEntry audit,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var capacity = await LockAsync(seminarId, connection, transaction, cancellationToken);
        await using (var existing = new NpgsqlCommand(
            "SELECT state, arrival FROM seminar_registrations WHERE seminar_id = @s AND person_id = @p", connection, transaction))
        {
            existing.Parameters.AddWithValue("s", seminarId);
            existing.Parameters.AddWithValue("p", person.PersonId);
            await using var reader = await existing.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken) && reader.GetString(0) != "withdrawn")
            {
                var state = ApplicationStore.Parse<SeatState>(reader.GetString(0));
                var arrival = reader.GetInt64(1);
                await reader.DisposeAsync();
                return new SeatTaken(state, state == SeatState.Waiting ? await PositionAsync(seminarId, arrival, connection, transaction, cancellationToken) : null, false);
            }
        }
        await using var count = new NpgsqlCommand("""
            SELECT count(*) FILTER (WHERE state <> 'withdrawn'), coalesce(max(arrival), 0) + 1 FROM seminar_registrations WHERE seminar_id = @s
            """, connection, transaction);
        count.Parameters.AddWithValue("s", seminarId);
        int active;
        long next;
        await using (var reader = await count.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            active = (int)reader.GetInt64(0);
            next = reader.GetInt64(1);
        }
        var seat = SeminarRules.StateOf(active, capacity);
        var position = SeminarRules.WaitingPosition(active, capacity);
        await using (var write = new NpgsqlCommand("""
            INSERT INTO seminar_registrations (seminar_id, person_id, account_id, organization_id, arrival, state, registered_at, seated_at)
            VALUES (@s, @p, @account, @org, @arrival, @state, @at, @seated)
            ON CONFLICT (seminar_id, person_id) DO UPDATE SET account_id = excluded.account_id, organization_id = excluded.organization_id,
                arrival = excluded.arrival, state = excluded.state, registered_at = excluded.registered_at, seated_at = excluded.seated_at,
                withdrawn_at = NULL, attended = NULL, attendance_by = NULL, attendance_at = NULL,
                certificate_revoked_at = CASE WHEN seminar_registrations.certificate_code IS NULL THEN NULL
                                              ELSE coalesce(seminar_registrations.certificate_revoked_at, excluded.registered_at) END
            """, connection, transaction))
        {
            write.Parameters.AddWithValue("s", seminarId);
            write.Parameters.AddWithValue("p", person.PersonId);
            write.Parameters.AddWithValue("account", accountId);
            write.Parameters.AddWithValue("org", person.OrganizationId);
            write.Parameters.AddWithValue("arrival", next);
            write.Parameters.AddWithValue("state", ApplicationStore.Text(seat));
            write.Parameters.AddWithValue("at", at);
            write.Parameters.AddWithValue("seated", seat == SeatState.Seated ? at : DBNull.Value);
            await write.ExecuteNonQueryAsync(cancellationToken);
        }
        await MoveAsync(seminarId, person.PersonId, seat == SeatState.Seated ? "seated" : "waiting", position, accountId, at, connection, transaction, cancellationToken);
        await AuditLog.WriteAsync(audit, new { seminarId, seat = ApplicationStore.Text(seat), position }, connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SeatTaken(seat, position, true);
    }

    /// <summary>
    /// Withdraws a registration; a seat it held goes to the first waiting, who is told in their inbox (in the same
    /// transaction). False when the person had no standing registration.
    /// </summary>
    public async Task<bool> WithdrawAsync(Guid seminarId, string personId, string accountId, DateTimeOffset at, AuditEntry audit,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockAsync(seminarId, connection, transaction, cancellationToken);
        await using var withdraw = new NpgsqlCommand("""
            UPDATE seminar_registrations r SET state = 'withdrawn', withdrawn_at = @at, seated_at = NULL, attended = NULL,
                certificate_revoked_at = CASE WHEN r.certificate_code IS NULL THEN NULL ELSE coalesce(r.certificate_revoked_at, @at) END
            FROM (SELECT state FROM seminar_registrations WHERE seminar_id = @s AND person_id = @p) before
            WHERE r.seminar_id = @s AND r.person_id = @p AND r.state <> 'withdrawn'
            RETURNING before.state
            """, connection, transaction);
        withdraw.Parameters.AddWithValue("s", seminarId);
        withdraw.Parameters.AddWithValue("p", personId);
        withdraw.Parameters.AddWithValue("at", at);
        if (await withdraw.ExecuteScalarAsync(cancellationToken) is not string was)
        {
            return false;
        }
        await MoveAsync(seminarId, personId, "withdrawn", null, accountId, at, connection, transaction, cancellationToken);
        string? movedUp = null;
        if (was == "seated")
        {
            await using var promote = new NpgsqlCommand("""
                UPDATE seminar_registrations SET state = 'seated', seated_at = @at
                WHERE seminar_id = @s AND person_id = (SELECT person_id FROM seminar_registrations WHERE seminar_id = @s AND state = 'waiting' ORDER BY arrival LIMIT 1)
                RETURNING person_id
                """, connection, transaction);
            promote.Parameters.AddWithValue("s", seminarId);
            promote.Parameters.AddWithValue("at", at);
            movedUp = await promote.ExecuteScalarAsync(cancellationToken) as string;
            if (movedUp is not null)
            {
                await MoveAsync(seminarId, movedUp, "movedUp", null, accountId, at, connection, transaction, cancellationToken);
                await using var message = new NpgsqlCommand("""
                    INSERT INTO notifications (recipient, kind, seminar_id, link, created_at) VALUES (@r, 'seminarSeat', @s, '/seminars/' || @s::text, @at)
                    RETURNING id
                    """, connection, transaction);
                message.Parameters.AddWithValue("r", movedUp);
                message.Parameters.AddWithValue("s", seminarId);
                message.Parameters.AddWithValue("at", at);
                var notification = (long)(await message.ExecuteScalarAsync(cancellationToken))!;
                await Notifications.DeliveryStore.EnqueueAsync(notification, movedUp, at, connection, transaction, cancellationToken);
            }
        }
        await AuditLog.WriteAsync(audit, new { seminarId, was, movedUp = movedUp is not null }, connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Attendance of seated participants: "attended" issues a certificate (a new code the first time, the revoked one
    /// restored after a correction), "absent" revokes one issued. All marks or none: one naming a person without a seat
    /// refuses the lot.
    /// </summary>
    public async Task<(SeminarWrite Write, string? PersonId)> AttendanceAsync(Guid seminarId, IReadOnlyList<(string PersonId, bool Attended)> marks,
        Func<string> newCode, string accountId, DateTimeOffset at, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockAsync(seminarId, connection, transaction, cancellationToken);
        // One statement for the whole sheet: every mark's person must hold a seat (else nothing is written and the first
        // who does not is named); each mark updates its registration and records its move. Only those who came get a code.
        await using (var sheet = new NpgsqlCommand("""
            WITH marks AS (
                SELECT * FROM unnest(@persons::text[], @attended::bool[], @codes::text[]) WITH ORDINALITY AS m (person_id, attended, code, n)
            ), missing AS (
                SELECT m.person_id FROM marks m
                WHERE NOT EXISTS (SELECT 1 FROM seminar_registrations r WHERE r.seminar_id = @s AND r.person_id = m.person_id AND r.state = 'seated')
                ORDER BY m.n LIMIT 1
            ), marked AS (
                UPDATE seminar_registrations r SET attended = m.attended, attendance_by = @by, attendance_at = @at,
                    certificate_code = CASE WHEN m.attended THEN coalesce(r.certificate_code, m.code) ELSE r.certificate_code END,
                    certificate_revoked_at = CASE WHEN m.attended THEN NULL WHEN r.certificate_code IS NULL THEN NULL ELSE coalesce(r.certificate_revoked_at, @at) END
                FROM marks m
                WHERE NOT EXISTS (SELECT 1 FROM missing) AND r.seminar_id = @s AND r.person_id = m.person_id AND r.state = 'seated'
                RETURNING r.person_id, m.attended, m.n
            ), moved AS (
                INSERT INTO seminar_moves (seminar_id, person_id, move, by_account, at)
                SELECT @s, person_id, CASE WHEN attended THEN 'attended' ELSE 'absent' END, @by, @at FROM marked ORDER BY n
            )
            SELECT person_id FROM missing
            """, connection, transaction))
        {
            sheet.Parameters.AddWithValue("s", seminarId);
            sheet.Parameters.AddWithValue("persons", marks.Select(m => m.PersonId).ToArray());
            sheet.Parameters.AddWithValue("attended", marks.Select(m => m.Attended).ToArray());
            sheet.Parameters.AddWithValue("codes", marks.Select(m => m.Attended ? newCode() : null).ToArray());
            sheet.Parameters.AddWithValue("by", accountId);
            sheet.Parameters.AddWithValue("at", at);
            if (await sheet.ExecuteScalarAsync(cancellationToken) is string notSeated)
            {
                return (SeminarWrite.NotSeated, notSeated);
            }
        }
        await AuditLog.WriteAsync(audit, new { seminarId, attended = marks.Count(m => m.Attended), absent = marks.Count(m => !m.Attended) }, connection, transaction,
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (SeminarWrite.Done, null);
    }

    private static async Task<int> LockAsync(Guid seminarId, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT capacity FROM seminars WHERE id = @s FOR UPDATE", connection, transaction);
        command.Parameters.AddWithValue("s", seminarId);
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<int> PositionAsync(Guid seminarId, long arrival, NpgsqlConnection connection, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM seminar_registrations WHERE seminar_id = @s AND state = 'waiting' AND arrival <= @a", connection, transaction);
        command.Parameters.AddWithValue("s", seminarId);
        command.Parameters.AddWithValue("a", arrival);
        return (int)(long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task MoveAsync(Guid seminarId, string personId, string move, int? position, string by, DateTimeOffset at, NpgsqlConnection connection,
        NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO seminar_moves (seminar_id, person_id, move, position, by_account, at) VALUES (@s, @p, @move, @position, @by, @at)
            """, connection, transaction);
        command.Parameters.AddWithValue("s", seminarId);
        command.Parameters.AddWithValue("p", personId);
        command.Parameters.AddWithValue("move", move);
        command.Parameters.AddWithValue("position", (object?)position ?? DBNull.Value);
        command.Parameters.AddWithValue("by", by);
        command.Parameters.AddWithValue("at", at);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private const string SeminarColumns =
        "s.id, s.organizer_id, s.topic, s.description, s.audience, s.language, s.starts_at, s.ends_at, s.place, s.online_link, s.capacity, s.held_on, s.created_by";

    private static SeminarRow ReadSeminar(NpgsqlDataReader r) => new(r.GetGuid(0), r.GetString(1),
        new SeminarFacts(r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), ApplicationStore.Parse<SeminarAudience>(r.GetString(4)), r.GetString(5),
            r.GetFieldValue<DateTimeOffset>(6), r.GetFieldValue<DateTimeOffset>(7), r.IsDBNull(8) ? null : r.GetString(8), r.IsDBNull(9) ? null : r.GetString(9),
            r.GetInt32(10)),
        r.GetFieldValue<DateOnly>(11), r.GetString(12));
}
