using Npgsql;

namespace EduInfo.Storage.EServices;

/// <summary>A message of the in-app inbox: what happened, to which application, its state then, and where to look.</summary>
public sealed record InboxMessage(long Id, string Kind, Guid? ApplicationId, string? Service, string? State, string Link, DateTimeOffset CreatedAt, bool Read,
    Notifications.JournalNoticeFacts? Journal = null);

/// <summary>The in-app inbox (issue 22): messages are written with their event; a recipient reads and marks them read (through its grain).</summary>
public sealed class InboxStore(NpgsqlDataSource dataSource)
{
    public async Task<(int Unread, IReadOnlyList<InboxMessage> Messages)> ReadAsync(IReadOnlyCollection<string> recipients, int limit,
        CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT n.id, n.kind, n.application_id, n.service, n.state, n.link, n.created_at, n.read_at IS NOT NULL,
                   count(*) FILTER (WHERE n.read_at IS NULL) OVER (), {Notifications.JournalNoticeFacts.Columns}
            FROM notifications n LEFT JOIN subjects su ON su.id = n.subject_id WHERE n.recipient = ANY (@r) ORDER BY n.id DESC LIMIT @limit
            """);
        command.Parameters.AddWithValue("r", recipients.ToArray());
        command.Parameters.AddWithValue("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var messages = new List<InboxMessage>();
        var unread = 0L;
        while (await reader.ReadAsync(cancellationToken))
        {
            messages.Add(new InboxMessage(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetGuid(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5),
                reader.GetFieldValue<DateTimeOffset>(6), reader.GetBoolean(7), Notifications.JournalNoticeFacts.Read(reader, reader.GetString(1), 9)));
            unread = reader.GetInt64(8);
        }
        if (messages.Count == limit)
        {
            // The window's count covers the page only: count them all.
            await using var count = dataSource.CreateCommand("SELECT count(*) FROM notifications WHERE recipient = ANY (@r) AND read_at IS NULL");
            count.Parameters.AddWithValue("r", recipients.ToArray());
            unread = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }
        return ((int)unread, messages);
    }

    /// <summary>Marks a recipient's message read; false when it is not theirs (or not there).</summary>
    public async Task<bool> MarkReadAsync(string recipient, long id, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE notifications SET read_at = coalesce(read_at, @at) WHERE id = @id AND recipient = @r");
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("r", recipient);
        command.Parameters.AddWithValue("at", at);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
