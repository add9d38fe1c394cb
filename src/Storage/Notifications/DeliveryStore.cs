using System.Text.Json;
using EduInfo.Domain.Notifications;
using EduInfo.Storage.Audit;
using Npgsql;

namespace EduInfo.Storage.Notifications;

/// <summary>A message claimed for sending: where to, in which language, what it says (a kind, a service, a state, a link; never a name).</summary>
public sealed record OutgoingMessage(long Id, long NotificationId, DeliveryChannel Channel, string Address, string Language, QuietHours Quiet,
    int Attempts, string Kind, string? Service, string? State, string Link, JournalNoticeFacts? Journal = null);

/// <summary>A recipient's saved channels and what of their children's journal they follow.</summary>
public sealed record SavedChannels(ContactSettings Settings, JournalSubscriptions Follows, string Language, DateTimeOffset UpdatedAt);

/// <summary>The outbox's counts for the operators: waiting, sent, given up (per channel).</summary>
public sealed record OutboxCounts(DeliveryChannel Channel, long Waiting, long Sent, long GivenUp);

/// <summary>
/// The channels recipients give and the outbox of e-mail and SMS (issue 22). Outbox rows are written with their inbox
/// message (ApplicationStore); a dispatcher claims due rows with a lease, sends, and marks each sent or failed.
/// </summary>
public sealed class DeliveryStore(NpgsqlDataSource dataSource)
{
    /// <summary>Inserts the outbox rows of one inbox message for its recipient's channels that are on; part of the message's transaction.</summary>
    public static async Task EnqueueAsync(long notificationId, string recipient, DateTimeOffset at, NpgsqlConnection connection,
        NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO notification_outbox (notification_id, channel, address, language, quiet_from, quiet_to, created_at, next_attempt_at)
            SELECT @notification, ch.channel, ch.address, c.language, c.quiet_from, c.quiet_to, @at, @at
            FROM notification_channels c
            CROSS JOIN LATERAL (VALUES ('email', c.email, c.email_on), ('sms', c.phone, c.sms_on)) AS ch (channel, address, on_)
            WHERE c.recipient = @recipient AND ch.on_
            ON CONFLICT (notification_id, channel) DO NOTHING
            """, connection, transaction);
        command.Parameters.AddWithValue("notification", notificationId);
        command.Parameters.AddWithValue("recipient", recipient);
        command.Parameters.AddWithValue("at", at);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<SavedChannels?> ChannelsAsync(string recipient, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT email, phone, email_on, sms_on, quiet_from, quiet_to, language, updated_at, marks_on, absences_on, term_marks_on FROM notification_channels WHERE recipient = @r");
        command.Parameters.AddWithValue("r", recipient);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        var settings = new ContactSettings(reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1),
            reader.GetBoolean(2), reader.GetBoolean(3), new QuietHours(reader.GetFieldValue<TimeOnly>(4), reader.GetFieldValue<TimeOnly>(5)));
        var follows = new JournalSubscriptions(reader.GetBoolean(8), reader.GetBoolean(9), reader.GetBoolean(10));
        return new SavedChannels(settings, follows, reader.GetString(6), reader.GetFieldValue<DateTimeOffset>(7));
    }

    /// <summary>Saves a recipient's channels and subscriptions with the audit row (which names the switches, never an address).</summary>
    public async Task SaveChannelsAsync(string recipient, ContactSettings settings, JournalSubscriptions follows, string language, DateTimeOffset at, AuditEntry audit,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var upsert = new NpgsqlCommand("""
            INSERT INTO notification_channels (recipient, email, phone, email_on, sms_on, quiet_from, quiet_to, language, updated_at,
                                               marks_on, absences_on, term_marks_on)
            VALUES (@r, @email, @phone, @emailOn, @smsOn, @from, @to, @language, @at, @marks, @absences, @termMarks)
            ON CONFLICT (recipient) DO UPDATE SET email = excluded.email, phone = excluded.phone, email_on = excluded.email_on,
                sms_on = excluded.sms_on, quiet_from = excluded.quiet_from, quiet_to = excluded.quiet_to, language = excluded.language,
                updated_at = excluded.updated_at, marks_on = excluded.marks_on, absences_on = excluded.absences_on,
                term_marks_on = excluded.term_marks_on
            """, connection, transaction))
        {
            upsert.Parameters.AddWithValue("r", recipient);
            upsert.Parameters.Add(new NpgsqlParameter<string?>("email", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = settings.Email });
            upsert.Parameters.Add(new NpgsqlParameter<string?>("phone", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = settings.Phone });
            upsert.Parameters.AddWithValue("emailOn", settings.EmailOn);
            upsert.Parameters.AddWithValue("smsOn", settings.SmsOn);
            upsert.Parameters.AddWithValue("from", settings.Quiet.From);
            upsert.Parameters.AddWithValue("to", settings.Quiet.To);
            upsert.Parameters.AddWithValue("language", language);
            upsert.Parameters.AddWithValue("at", at);
            upsert.Parameters.AddWithValue("marks", follows.Marks);
            upsert.Parameters.AddWithValue("absences", follows.Absences);
            upsert.Parameters.AddWithValue("termMarks", follows.TermMarks);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }
        var detail = new { emailOn = settings.EmailOn, smsOn = settings.SmsOn, marks = follows.Marks, absences = follows.Absences, termMarks = follows.TermMarks, quiet = settings.Quiet.IsNone ? null : $"{settings.Quiet.From:HH\\:mm}-{settings.Quiet.To:HH\\:mm}" };
        await using (var record = AuditLog.InsertCommand(audit with { DetailJson = JsonSerializer.Serialize(detail) }, connection, transaction))
        {
            await record.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Claims up to <paramref name="limit"/> due rows for <paramref name="lease"/>: another dispatcher skips them, and a
    /// dispatcher that died mid-send leaves them to be claimed again when the lease ends.
    /// </summary>
    public async Task<IReadOnlyList<OutgoingMessage>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            WITH due AS (
                SELECT id FROM notification_outbox
                WHERE sent_at IS NULL AND given_up_at IS NULL AND next_attempt_at <= @now AND (claimed_until IS NULL OR claimed_until <= @now)
                ORDER BY next_attempt_at, id LIMIT @limit FOR UPDATE SKIP LOCKED)
            UPDATE notification_outbox o SET claimed_until = @until FROM due, notifications n LEFT JOIN subjects su ON su.id = n.subject_id
            WHERE o.id = due.id AND n.id = o.notification_id
            RETURNING o.id, o.notification_id, o.channel, o.address, o.language, o.quiet_from, o.quiet_to, o.attempts, n.kind, n.service, n.state, n.link,
                      {JournalNoticeFacts.Columns}
            """);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("until", now + lease);
        command.Parameters.AddWithValue("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var claimed = new List<OutgoingMessage>();
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new OutgoingMessage(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2) == "sms" ? DeliveryChannel.Sms : DeliveryChannel.Email,
                reader.GetString(3), reader.GetString(4), new QuietHours(reader.GetFieldValue<TimeOnly>(5), reader.GetFieldValue<TimeOnly>(6)),
                reader.GetInt32(7), reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetString(9), reader.IsDBNull(10) ? null : reader.GetString(10),
                reader.GetString(11), JournalNoticeFacts.Read(reader, reader.GetString(8), 12)));
        }
        return claimed.OrderBy(m => m.Id).ToList();
    }

    /// <summary>Sent: done for good (only while the claim is this dispatcher's, so a late duplicate cannot undo a retry's state).</summary>
    public Task MarkSentAsync(long id, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE notification_outbox SET sent_at = @at, address = NULL, claimed_until = NULL, last_error = NULL WHERE id = @id AND sent_at IS NULL",
            cancellationToken, ("id", id), ("at", at));

    /// <summary>Not sent now: wait until <paramref name="next"/> without counting an attempt (quiet hours).</summary>
    public Task PostponeAsync(long id, DateTimeOffset next, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE notification_outbox SET next_attempt_at = @next, claimed_until = NULL WHERE id = @id AND sent_at IS NULL",
            cancellationToken, ("id", id), ("next", next));

    /// <summary>A failed attempt: tried again at <paramref name="next"/>, or given up when it is null.</summary>
    public Task MarkFailedAsync(long id, DateTimeOffset at, DateTimeOffset? next, string error, CancellationToken cancellationToken = default) =>
        next is { } again
            ? ExecuteAsync("""
                UPDATE notification_outbox SET attempts = attempts + 1, next_attempt_at = @next, claimed_until = NULL, last_error = @error
                WHERE id = @id AND sent_at IS NULL
                """, cancellationToken, ("id", id), ("next", again), ("error", Cap(error)))
            : ExecuteAsync("""
                UPDATE notification_outbox SET attempts = attempts + 1, given_up_at = @at, address = NULL, claimed_until = NULL, last_error = @error
                WHERE id = @id AND sent_at IS NULL
                """, cancellationToken, ("id", id), ("at", at), ("error", Cap(error)));

    public async Task<IReadOnlyList<OutboxCounts>> CountsAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT channel, count(*) FILTER (WHERE sent_at IS NULL AND given_up_at IS NULL), count(sent_at), count(given_up_at)
            FROM notification_outbox GROUP BY channel ORDER BY channel
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var counts = new List<OutboxCounts>();
        while (await reader.ReadAsync(cancellationToken))
        {
            counts.Add(new OutboxCounts(reader.GetString(0) == "sms" ? DeliveryChannel.Sms : DeliveryChannel.Email, reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3)));
        }
        return counts;
    }

    private static string Cap(string error) => error.Length <= 200 ? error : error[..200];

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
