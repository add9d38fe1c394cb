using System.Text.Json;
using EduInfo.Domain.Forums;
using EduInfo.Storage.Audit;
using EduInfo.Storage.EServices;
using Npgsql;

namespace EduInfo.Storage.Forums;

/// <summary>Where a forum is: its kind, its node's path (the republic down to itself) and its names.</summary>
public sealed record ForumPlace(ForumKind Kind, IReadOnlyList<string> Path, string NameKk, string NameRu, string NameEn);

/// <summary>A forum's settings and who is blocked in it, as its grain keeps them.</summary>
public sealed record ForumSettings(ForumModeration Moderation, IReadOnlySet<string> Blocked);

/// <summary>A new thread's question or a new post, as the grain decided to write it.</summary>
public sealed record NewForumPost(Guid Id, Guid ThreadId, string ForumId, ForumPostKind Kind, string AuthorId, ForumAuthorKind AuthorKind,
    string? AuthorShown, string Body, string BodyHtml, ForumPostState State, IReadOnlyList<PersonalDataKind> HeldFor, DateTimeOffset At);

/// <summary>A post as the grain checks it: its thread, kind, author, state and version, and its thread's question's state and author.</summary>
public sealed record ForumPostRecord(Guid Id, Guid ThreadId, string ForumId, ForumPostKind Kind, string AuthorId, ForumPostState State, int Version,
    bool ThreadClosed, ForumPostState QuestionState, string QuestionAuthorId);

/// <summary>Whose a thread's or post's id is: its author, forum and thread (a retry matches all three).</summary>
public sealed record ForumIdOwner(string AuthorId, string ForumId, Guid ThreadId);

/// <summary>A moderator's decision as written: the new state and reason, an edited text (and a question's title), the day an approved question counts from.</summary>
public sealed record ForumDecision(ForumPostState To, string Reason, string? Body, string? BodyHtml, string? Title, DateOnly CountsFrom, string By,
    DateTimeOffset At);

/// <summary>How a forum write ended.</summary>
public enum ForumWrite
{
    Done = 1,
    /// <summary>A thread or post of this id exists: the first write stands (the caller's retry, or another's id: told apart by the author).</summary>
    Exists = 2,
    /// <summary>The author has posted as much as the window allows.</summary>
    RateLimited = 3,
    NotFound = 4,
    /// <summary>The thread is closed, or the post moved since it was read.</summary>
    Conflict = 5,
}

/// <summary>
/// The forums' rows of record (migration 0047), written by each forum's grain only; every write carries its audit row in
/// the same transaction. The rate of posting is counted under a per-author lock, so two forums at once cannot both let an
/// author past the limit.
/// </summary>
public sealed partial class ForumStore(NpgsqlDataSource dataSource)
{
    /// <summary>The forum of a node: an organization's or a district's or region's office; null for any other id.</summary>
    public async Task<ForumPlace?> PlaceAsync(string forumId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT 'organization', path, name_kk, name_ru, name_en FROM organizations WHERE id = @id AND closed_on IS NULL
            UNION ALL
            SELECT kind, path, name_kk, name_ru, name_en FROM nodes WHERE id = @id AND kind IN ('district', 'region')
            """);
        command.Parameters.AddWithValue("id", forumId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new ForumPlace(ApplicationStore.Parse<ForumKind>(reader.GetString(0)), reader.GetFieldValue<string[]>(1), reader.GetString(2),
                reader.GetString(3), reader.GetString(4))
            : null;
    }

    public async Task<ForumSettings> SettingsAsync(string forumId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT coalesce((SELECT moderation FROM forums WHERE node_id = @id), 'pre'),
                   coalesce((SELECT array_agg(user_id) FROM forum_blocks WHERE forum_id = @id), '{}')
            """);
        command.Parameters.AddWithValue("id", forumId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new ForumSettings(ApplicationStore.Parse<ForumModeration>(reader.GetString(0)), reader.GetFieldValue<string[]>(1).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>A registry person's first name and last name (a student, a parent or a teacher), to be shown by first name and initial.</summary>
    public async Task<(string FirstName, string LastName)?> PersonNameAsync(ForumAuthorKind kind, string personId, CancellationToken cancellationToken = default)
    {
        var table = kind switch
        {
            ForumAuthorKind.Student => "students",
            ForumAuthorKind.Parent => "parents",
            ForumAuthorKind.Teacher => "teachers",
            _ => null,
        };
        if (table is null)
        {
            return null;
        }
        await using var command = dataSource.CreateCommand($"SELECT first_name, last_name FROM {table} WHERE id = @id");
        command.Parameters.AddWithValue("id", personId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetString(0), reader.GetString(1)) : null;
    }

    public async Task<ForumPostRecord?> PostAsync(string forumId, Guid postId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT p.id, p.thread_id, p.forum_id, p.kind, p.author_id, p.state, p.version, t.closed_at IS NOT NULL, q.state, q.author_id
            FROM forum_posts p JOIN forum_threads t ON t.id = p.thread_id JOIN forum_posts q ON q.id = t.id
            WHERE p.id = @id AND p.forum_id = @f
            """);
        command.Parameters.AddWithValue("id", postId);
        command.Parameters.AddWithValue("f", forumId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new ForumPostRecord(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), ApplicationStore.Parse<ForumPostKind>(reader.GetString(3)),
                reader.GetString(4), ApplicationStore.Parse<ForumPostState>(reader.GetString(5)), reader.GetInt32(6), reader.GetBoolean(7),
                ApplicationStore.Parse<ForumPostState>(reader.GetString(8)), reader.GetString(9))
            : null;
    }

    /// <summary>Whose a thread or post of this id is, if it exists (a retried write answers as the first did).</summary>
    public async Task<ForumIdOwner?> OwnerOfAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT author_id, forum_id, thread_id FROM forum_posts WHERE id = @id
            UNION ALL SELECT author_id, forum_id, id FROM forum_threads WHERE id = @id LIMIT 1
            """);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new ForumIdOwner(reader.GetString(0), reader.GetString(1), reader.GetGuid(2)) : null;
    }

    /// <summary>A new thread with its question: the thread row, the post, the audit, within the author's rate.</summary>
    public async Task<ForumWrite> AskAsync(NewForumPost question, string title, DateOnly countsFrom, ForumRate rate, AuditEntry audit,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await WithinRateAsync(question.AuthorId, question.At, rate, connection, transaction, cancellationToken))
        {
            return ForumWrite.RateLimited;
        }
        await using (var thread = new NpgsqlCommand("""
            INSERT INTO forum_threads (id, forum_id, title, author_id, asked_at, counts_from, last_post_at)
            VALUES (@id, @f, @title, @author, @at, @from, @at) ON CONFLICT (id) DO NOTHING
            """, connection, transaction))
        {
            thread.Parameters.AddWithValue("id", question.ThreadId);
            thread.Parameters.AddWithValue("f", question.ForumId);
            thread.Parameters.AddWithValue("title", title);
            thread.Parameters.AddWithValue("author", question.AuthorId);
            thread.Parameters.AddWithValue("at", question.At);
            thread.Parameters.AddWithValue("from", countsFrom);
            if (await thread.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return ForumWrite.Exists;
            }
        }
        await InsertPostAsync(question, connection, transaction, cancellationToken);
        await AuditLog.WriteAsync(audit, new { threadId = question.ThreadId, postId = question.Id, state = ApplicationStore.Text(question.State) }, connection, transaction,
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ForumWrite.Done;
    }

    /// <summary>A post in an open thread (an official answer in a closed one too), within the author's rate; an official answer published marks the thread answered.</summary>
    public async Task<ForumWrite> ReplyAsync(NewForumPost post, bool moderator, ForumRate rate, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // A thread whose question is not published is only its author's and the moderators' to post in (to anyone else it is not there).
        await using (var thread = new NpgsqlCommand("""
            SELECT t.closed_at IS NOT NULL FROM forum_threads t JOIN forum_posts q ON q.id = t.id
            WHERE t.id = @id AND t.forum_id = @f AND q.state <> 'deleted' AND (q.state = 'published' OR q.author_id = @author OR @moderator)
            FOR UPDATE OF t
            """, connection, transaction))
        {
            thread.Parameters.AddWithValue("id", post.ThreadId);
            thread.Parameters.AddWithValue("f", post.ForumId);
            thread.Parameters.AddWithValue("author", post.AuthorId);
            thread.Parameters.AddWithValue("moderator", moderator);
            switch (await thread.ExecuteScalarAsync(cancellationToken))
            {
                case null:
                    return ForumWrite.NotFound;
                // Closing ends the discussion, not the duty to answer: the forum's own still answers a closed question.
                case true when post.Kind != ForumPostKind.Answer:
                    return ForumWrite.Conflict;
            }
        }
        if (await ExistsAsync(post.Id, connection, transaction, cancellationToken))
        {
            return ForumWrite.Exists;
        }
        if (!await WithinRateAsync(post.AuthorId, post.At, rate, connection, transaction, cancellationToken))
        {
            return ForumWrite.RateLimited;
        }
        await InsertPostAsync(post, connection, transaction, cancellationToken);
        if (post.State == ForumPostState.Published)
        {
            await TouchThreadAsync(post.ThreadId, post.Kind, post.At, connection, transaction, cancellationToken);
        }
        await AuditLog.WriteAsync(audit, new { threadId = post.ThreadId, postId = post.Id, state = ApplicationStore.Text(post.State) }, connection, transaction,
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ForumWrite.Done;
    }

    public async Task<ForumWrite> CloseAsync(string forumId, Guid threadId, string by, DateTimeOffset at, AuditEntry audit,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var close = new NpgsqlCommand("""
            UPDATE forum_threads SET closed_at = @at, closed_by = @by WHERE id = @id AND forum_id = @f AND closed_at IS NULL
            """, connection, transaction))
        {
            close.Parameters.AddWithValue("id", threadId);
            close.Parameters.AddWithValue("f", forumId);
            close.Parameters.AddWithValue("at", at);
            close.Parameters.AddWithValue("by", by);
            if (await close.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return ForumWrite.Conflict;
            }
        }
        await AuditLog.WriteAsync(audit, new { threadId }, connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ForumWrite.Done;
    }

    /// <summary>
    /// A moderator's decision, if the post is still at the version read: the new state (its reason), an edited text and
    /// title (the earlier ones kept as a revision), the reports resolved. A question approved starts counting for
    /// "unanswered" from the decision's day; a thread's answered time follows its published answers. A deleted post's text
    /// is kept as a revision too and replaced by nothing shown. The audit carries the reason: who decided what, and why.
    /// </summary>
    public async Task<ForumWrite> ModerateAsync(ForumPostRecord post, ForumDecision decision, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        var (to, reason, body, bodyHtml, title, countsFrom, by, at) = decision;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var keepsRevision = body is not null || title is not null || to == ForumPostState.Deleted;
        if (keepsRevision)
        {
            await using var revision = new NpgsqlCommand("""
                INSERT INTO forum_post_revisions (post_id, version, body, title, replaced_by, replaced_at)
                SELECT p.id, p.version, p.body, CASE WHEN @titled THEN t.title END, @by, @at
                FROM forum_posts p JOIN forum_threads t ON t.id = p.thread_id WHERE p.id = @id AND p.version = @v
                """, connection, transaction);
            revision.Parameters.AddWithValue("id", post.Id);
            revision.Parameters.AddWithValue("v", post.Version);
            revision.Parameters.AddWithValue("titled", title is not null);
            revision.Parameters.AddWithValue("by", by);
            revision.Parameters.AddWithValue("at", at);
            if (await revision.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return ForumWrite.Conflict;
            }
        }
        await using (var update = new NpgsqlCommand("""
            UPDATE forum_posts SET state = @state, reason = @reason, moderated_by = @by, moderated_at = @at, reports = 0,
                body = CASE WHEN @deleted THEN '' ELSE coalesce(@body, body) END,
                body_html = CASE WHEN @deleted THEN '' ELSE coalesce(@html, body_html) END,
                held_for = CASE WHEN @state = 'published' THEN '{}' ELSE held_for END,
                version = version + CASE WHEN @revised THEN 1 ELSE 0 END
            WHERE id = @id AND version = @v AND state = @from
            """, connection, transaction))
        {
            update.Parameters.AddWithValue("id", post.Id);
            update.Parameters.AddWithValue("v", post.Version);
            update.Parameters.AddWithValue("from", ApplicationStore.Text(post.State));
            update.Parameters.AddWithValue("state", ApplicationStore.Text(to));
            update.Parameters.AddWithValue("reason", reason);
            update.Parameters.AddWithValue("by", by);
            update.Parameters.AddWithValue("at", at);
            update.Parameters.AddWithValue("deleted", to == ForumPostState.Deleted);
            update.Parameters.AddWithValue("revised", keepsRevision);
            update.Parameters.Add(new NpgsqlParameter<string?>("body", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = body });
            update.Parameters.Add(new NpgsqlParameter<string?>("html", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = bodyHtml });
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return ForumWrite.Conflict;
            }
        }
        await using (var resolve = new NpgsqlCommand("UPDATE forum_reports SET resolved_at = @at WHERE post_id = @id AND resolved_at IS NULL",
            connection, transaction))
        {
            resolve.Parameters.AddWithValue("id", post.Id);
            resolve.Parameters.AddWithValue("at", at);
            await resolve.ExecuteNonQueryAsync(cancellationToken);
        }
        if (to == ForumPostState.Published && post.State != ForumPostState.Published)
        {
            await TouchThreadAsync(post.ThreadId, post.Kind, at, connection, transaction, cancellationToken);
        }
        await using (var thread = new NpgsqlCommand("""
            UPDATE forum_threads SET title = coalesce(@title, title),
                counts_from = CASE WHEN @approved THEN greatest(counts_from, @from) ELSE counts_from END,
                answered_at = (SELECT min(posted_at) FROM forum_posts WHERE thread_id = @t AND kind = 'answer' AND state = 'published')
            WHERE id = @t
            """, connection, transaction))
        {
            thread.Parameters.AddWithValue("t", post.ThreadId);
            thread.Parameters.Add(new NpgsqlParameter<string?>("title", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = title });
            thread.Parameters.AddWithValue("approved", post.Kind == ForumPostKind.Question && to == ForumPostState.Published && post.State != ForumPostState.Published);
            thread.Parameters.AddWithValue("from", countsFrom);
            await thread.ExecuteNonQueryAsync(cancellationToken);
        }
        await AuditLog.WriteAsync(audit, new { postId = post.Id, threadId = post.ThreadId, from = ApplicationStore.Text(post.State), to = ApplicationStore.Text(to),
            version = post.Version, reason, titled = title is not null }, connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ForumWrite.Done;
    }

    /// <summary>One open report per reader and post; a second from the same reader changes nothing (Exists) until a moderator decides.</summary>
    public async Task<ForumWrite> ReportAsync(Guid postId, string reporter, ReportReason reason, DateTimeOffset at, AuditEntry audit,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var report = new NpgsqlCommand("""
            WITH reported AS (
                INSERT INTO forum_reports (post_id, reporter_id, reason, reported_at) VALUES (@id, @by, @reason, @at)
                ON CONFLICT (post_id, reporter_id) WHERE resolved_at IS NULL DO NOTHING RETURNING post_id)
            UPDATE forum_posts SET reports = reports + 1 WHERE id IN (SELECT post_id FROM reported)
            """, connection, transaction))
        {
            report.Parameters.AddWithValue("id", postId);
            report.Parameters.AddWithValue("by", reporter);
            report.Parameters.AddWithValue("reason", ApplicationStore.Text(reason));
            report.Parameters.AddWithValue("at", at);
            if (await report.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return ForumWrite.Exists;
            }
        }
        await AuditLog.WriteAsync(audit, new { postId, reason = ApplicationStore.Text(reason) }, connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ForumWrite.Done;
    }

    /// <summary>Blocks (or unblocks) a user in a forum; the audit names the post it was decided on, not the account.</summary>
    public async Task BlockAsync(string forumId, string userId, bool blocked, string reason, string by, DateTimeOffset at, Guid postId, AuditEntry audit,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var block = new NpgsqlCommand(blocked
            ? """
              INSERT INTO forum_blocks (forum_id, user_id, reason, blocked_by, blocked_at) VALUES (@f, @u, @reason, @by, @at)
              ON CONFLICT (forum_id, user_id) DO UPDATE SET reason = excluded.reason, blocked_by = excluded.blocked_by, blocked_at = excluded.blocked_at
              """
            : "DELETE FROM forum_blocks WHERE forum_id = @f AND user_id = @u", connection, transaction))
        {
            block.Parameters.AddWithValue("f", forumId);
            block.Parameters.AddWithValue("u", userId);
            block.Parameters.AddWithValue("reason", reason);
            block.Parameters.AddWithValue("by", by);
            block.Parameters.AddWithValue("at", at);
            await block.ExecuteNonQueryAsync(cancellationToken);
        }
        await AuditLog.WriteAsync(audit, new { postId, blocked, reason }, connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task SetModerationAsync(string forumId, ForumModeration moderation, string by, DateTimeOffset at, AuditEntry audit,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var set = new NpgsqlCommand("""
            INSERT INTO forums (node_id, moderation, changed_by, changed_at) VALUES (@f, @m, @by, @at)
            ON CONFLICT (node_id) DO UPDATE SET moderation = excluded.moderation, changed_by = excluded.changed_by, changed_at = excluded.changed_at
            """, connection, transaction))
        {
            set.Parameters.AddWithValue("f", forumId);
            set.Parameters.AddWithValue("m", ApplicationStore.Text(moderation));
            set.Parameters.AddWithValue("by", by);
            set.Parameters.AddWithValue("at", at);
            await set.ExecuteNonQueryAsync(cancellationToken);
        }
        await AuditLog.WriteAsync(audit, new { moderation = ApplicationStore.Text(moderation) }, connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<bool> WithinRateAsync(string author, DateTimeOffset at, ForumRate rate, NpgsqlConnection connection, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        await using var count = new NpgsqlCommand("""
            SELECT pg_advisory_xact_lock(hashtextextended('forum-rate:' || @author, 0));
            SELECT count(*) FROM forum_posts WHERE author_id = @author AND posted_at > @since
            """, connection, transaction);
        count.Parameters.AddWithValue("author", author);
        count.Parameters.AddWithValue("since", at - rate.Window);
        await using var reader = await count.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return ForumRules.WithinRate((int)reader.GetInt64(0), rate.Posts);
    }

    private static async Task<bool> ExistsAsync(Guid postId, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var exists = new NpgsqlCommand("SELECT 1 FROM forum_posts WHERE id = @id", connection, transaction);
        exists.Parameters.AddWithValue("id", postId);
        return await exists.ExecuteScalarAsync(cancellationToken) is not null;
    }

    private static async Task InsertPostAsync(NewForumPost post, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand("""
            INSERT INTO forum_posts (id, thread_id, forum_id, kind, author_id, author_kind, author_shown, body, body_html, state, held_for, posted_at)
            VALUES (@id, @t, @f, @kind, @author, @authorKind, @shown, @body, @html, @state, @held, @at)
            """, connection, transaction);
        insert.Parameters.AddWithValue("id", post.Id);
        insert.Parameters.AddWithValue("t", post.ThreadId);
        insert.Parameters.AddWithValue("f", post.ForumId);
        insert.Parameters.AddWithValue("kind", ApplicationStore.Text(post.Kind));
        insert.Parameters.AddWithValue("author", post.AuthorId);
        insert.Parameters.AddWithValue("authorKind", ApplicationStore.Text(post.AuthorKind));
        insert.Parameters.Add(new NpgsqlParameter<string?>("shown", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = post.AuthorShown });
        insert.Parameters.AddWithValue("body", post.Body);
        insert.Parameters.AddWithValue("html", post.BodyHtml);
        insert.Parameters.AddWithValue("state", ApplicationStore.Text(post.State));
        insert.Parameters.AddWithValue("held", post.HeldFor.Select(ApplicationStore.Text).ToArray());
        insert.Parameters.AddWithValue("at", post.At);
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task TouchThreadAsync(Guid threadId, ForumPostKind kind, DateTimeOffset at, NpgsqlConnection connection, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        await using var touch = new NpgsqlCommand("""
            UPDATE forum_threads SET last_post_at = greatest(last_post_at, @at),
                answered_at = CASE WHEN @answer THEN coalesce(answered_at, @at) ELSE answered_at END
            WHERE id = @id
            """, connection, transaction);
        touch.Parameters.AddWithValue("id", threadId);
        touch.Parameters.AddWithValue("at", at);
        touch.Parameters.AddWithValue("answer", kind == ForumPostKind.Answer);
        await touch.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>How many posts an author may write in a window, across all forums.</summary>
public sealed record ForumRate(int Posts, TimeSpan Window);
