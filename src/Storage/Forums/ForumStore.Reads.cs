using EduInfo.Domain.Forums;
using EduInfo.Storage.EServices;
using Npgsql;

namespace EduInfo.Storage.Forums;

/// <summary>A thread in a forum's list: the viewer sees published questions, their own, and (moderators) every one.</summary>
public sealed record ForumThreadRow(Guid Id, string Title, DateTimeOffset AskedAt, bool Answered, bool Closed, int Posts, DateTimeOffset LastPostAt,
    ForumPostState QuestionState, bool Mine);

/// <summary>A post as a reader sees it: never the account; the text as rendered inert at writing (and its Markdown for a moderator, to edit).</summary>
public sealed record ForumPostRow(Guid Id, ForumPostKind Kind, ForumAuthorKind AuthorKind, string? AuthorShown, string BodyHtml, DateTimeOffset PostedAt,
    ForumPostState State, IReadOnlyList<PersonalDataKind> HeldFor, string? Reason, bool Mine, bool Edited, string? Body = null);

public sealed record ForumThreadDetail(Guid Id, string ForumId, string Title, DateTimeOffset AskedAt, bool Answered, bool Closed, IReadOnlyList<ForumPostRow> Posts);

/// <summary>A post waiting for the area's moderators: pending, held for personal data, or reported.</summary>
public sealed record ModerationRow(Guid PostId, Guid ThreadId, string ForumId, string ThreadTitle, ForumPostKind Kind, ForumAuthorKind AuthorKind,
    string? AuthorShown, string Body, string BodyHtml, ForumPostState State, IReadOnlyList<PersonalDataKind> HeldFor, int Reports,
    IReadOnlyList<ReportReason> ReportReasons, DateTimeOffset PostedAt);

/// <summary>An organization's or office's forum with questions unanswered past the term: how many, and the oldest day counted.</summary>
public sealed record UnansweredRow(string ForumId, int Questions, DateOnly Oldest);

public sealed partial class ForumStore
{
    private const string Visible = """
        (q.state = 'published' OR q.author_id = @viewer OR @moderator)
        """;

    public async Task<IReadOnlyList<ForumThreadRow>> ThreadsAsync(string forumId, string? viewer, bool moderator, int limit,
        CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT t.id, t.title, t.asked_at, t.answered_at IS NOT NULL, t.closed_at IS NOT NULL,
                   (SELECT count(*) FROM forum_posts p WHERE p.thread_id = t.id AND p.state = 'published'),
                   t.last_post_at, q.state, t.author_id = @viewer
            FROM forum_threads t JOIN forum_posts q ON q.id = t.id
            WHERE t.forum_id = @f AND q.state NOT IN ('deleted') AND {Visible}
            ORDER BY t.last_post_at DESC, t.id LIMIT @limit
            """);
        command.Parameters.AddWithValue("f", forumId);
        command.Parameters.Add(new NpgsqlParameter<string?>("viewer", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = viewer });
        command.Parameters.AddWithValue("moderator", moderator);
        command.Parameters.AddWithValue("limit", limit);
        var rows = new List<ForumThreadRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new ForumThreadRow(reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetBoolean(3),
                reader.GetBoolean(4), (int)reader.GetInt64(5), reader.GetFieldValue<DateTimeOffset>(6), ApplicationStore.Parse<ForumPostState>(reader.GetString(7)),
                !reader.IsDBNull(8) && reader.GetBoolean(8)));
        }
        return rows;
    }

    /// <summary>
    /// A thread with the posts its viewer may see (published; their own in any state but deleted, with why it waits or was
    /// rejected; every one but deleted for a moderator), or null when the thread is not the viewer's to see.
    /// </summary>
    public async Task<ForumThreadDetail?> ThreadAsync(string forumId, Guid threadId, string? viewer, bool moderator, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        ForumThreadDetail? thread;
        await using (var head = new NpgsqlCommand($"""
            SELECT t.id, t.forum_id, t.title, t.asked_at, t.answered_at IS NOT NULL, t.closed_at IS NOT NULL
            FROM forum_threads t JOIN forum_posts q ON q.id = t.id
            WHERE t.id = @t AND t.forum_id = @f AND q.state <> 'deleted' AND {Visible}
            """, connection))
        {
            head.Parameters.AddWithValue("t", threadId);
            head.Parameters.AddWithValue("f", forumId);
            head.Parameters.Add(new NpgsqlParameter<string?>("viewer", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = viewer });
            head.Parameters.AddWithValue("moderator", moderator);
            await using var reader = await head.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }
            thread = new ForumThreadDetail(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3),
                reader.GetBoolean(4), reader.GetBoolean(5), []);
        }
        await using var posts = new NpgsqlCommand("""
            SELECT id, kind, author_kind, author_shown, body_html, posted_at, state, held_for, reason, author_id = @viewer, version > 1,
                   CASE WHEN @moderator THEN body END
            FROM forum_posts
            WHERE thread_id = @t AND state <> 'deleted' AND (state = 'published' OR author_id = @viewer OR @moderator)
            ORDER BY kind <> 'question', posted_at, id
            """, connection);
        posts.Parameters.AddWithValue("t", threadId);
        posts.Parameters.Add(new NpgsqlParameter<string?>("viewer", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = viewer });
        posts.Parameters.AddWithValue("moderator", moderator);
        var rows = new List<ForumPostRow>();
        await using (var reader = await posts.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var mine = !reader.IsDBNull(9) && reader.GetBoolean(9);
                var state = ApplicationStore.Parse<ForumPostState>(reader.GetString(6));
                rows.Add(new ForumPostRow(reader.GetGuid(0), ApplicationStore.Parse<ForumPostKind>(reader.GetString(1)),
                    ApplicationStore.Parse<ForumAuthorKind>(reader.GetString(2)), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4),
                    reader.GetFieldValue<DateTimeOffset>(5), state, [.. reader.GetFieldValue<string[]>(7).Select(ApplicationStore.Parse<PersonalDataKind>)],
                    // The reason of a rejection is its author's and the moderators' to read, never the public's.
                    (mine || moderator) && !reader.IsDBNull(8) ? reader.GetString(8) : null, mine, reader.GetBoolean(10),
                    reader.IsDBNull(11) ? null : reader.GetString(11)));
            }
        }
        return thread with { Posts = rows };
    }

    /// <summary>
    /// The posts waiting for moderators in the open forums at or below a node (its path): pending, held, or reported; oldest
    /// first, a page of <paramref name="limit"/> after the post <paramref name="after"/> (keyset: a decision meanwhile moves nothing).
    /// </summary>
    public async Task<IReadOnlyList<ModerationRow>> QueueAsync(string nodeId, int limit, Guid? after = null, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT p.id, p.thread_id, p.forum_id, t.title, p.kind, p.author_kind, p.author_shown, p.body, p.body_html, p.state, p.held_for, p.reports,
                   coalesce((SELECT array_agg(DISTINCT r.reason) FROM forum_reports r WHERE r.post_id = p.id AND r.resolved_at IS NULL), '{}'),
                   p.posted_at
            FROM forum_posts p JOIN forum_threads t ON t.id = p.thread_id
            WHERE (p.state IN ('pending', 'held') OR (p.reports > 0 AND p.state = 'published'))
              AND p.forum_id IN (SELECT id FROM organizations WHERE @node = ANY (path) AND closed_on IS NULL
                                 UNION ALL SELECT id FROM nodes WHERE @node = ANY (path) AND kind IN ('district', 'region'))
              AND (@after::uuid IS NULL OR (p.posted_at, p.id) > (SELECT posted_at, id FROM forum_posts WHERE id = @after))
            ORDER BY p.posted_at, p.id LIMIT @limit
            """);
        command.Parameters.AddWithValue("node", nodeId);
        command.Parameters.AddWithValue("limit", limit);
        command.Parameters.Add(new NpgsqlParameter<Guid?>("after", NpgsqlTypes.NpgsqlDbType.Uuid) { TypedValue = after });
        var rows = new List<ModerationRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new ModerationRow(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3),
                ApplicationStore.Parse<ForumPostKind>(reader.GetString(4)), ApplicationStore.Parse<ForumAuthorKind>(reader.GetString(5)),
                reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetString(7), reader.GetString(8), ApplicationStore.Parse<ForumPostState>(reader.GetString(9)),
                [.. reader.GetFieldValue<string[]>(10).Select(ApplicationStore.Parse<PersonalDataKind>)], reader.GetInt32(11),
                [.. reader.GetFieldValue<string[]>(12).Select(ApplicationStore.Parse<ReportReason>)], reader.GetFieldValue<DateTimeOffset>(13)));
        }
        return rows;
    }

    /// <summary>
    /// The open forums at or below a node with published questions without a published official answer that count from
    /// <paramref name="countingBy"/> or earlier; a thread closed unanswered still counts (closing is not answering).
    /// </summary>
    public async Task<IReadOnlyList<UnansweredRow>> UnansweredAsync(string nodeId, DateOnly countingBy, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT t.forum_id, count(*), min(t.counts_from)
            FROM forum_threads t JOIN forum_posts q ON q.id = t.id AND q.state = 'published'
            WHERE t.answered_at IS NULL AND t.counts_from <= @by
              AND t.forum_id IN (SELECT id FROM organizations WHERE @node = ANY (path) AND closed_on IS NULL
                                 UNION ALL SELECT id FROM nodes WHERE @node = ANY (path) AND kind IN ('district', 'region'))
            GROUP BY t.forum_id ORDER BY count(*) DESC, t.forum_id
            """);
        command.Parameters.AddWithValue("node", nodeId);
        command.Parameters.AddWithValue("by", countingBy);
        var rows = new List<UnansweredRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new UnansweredRow(reader.GetString(0), (int)reader.GetInt64(1), reader.GetFieldValue<DateOnly>(2)));
        }
        return rows;
    }
}
