using EduInfo.Domain.Forums;
using EduInfo.Domain.Materials;
using EduInfo.Storage.Audit;
using EduInfo.Storage.EServices;
using Npgsql;

namespace EduInfo.Storage.Materials;

/// <summary>A material as its grain decides on it: its author, its organization's path (its reviewers'), its facts and state.</summary>
public sealed record MaterialRow(Guid Id, string OrganizationId, IReadOnlyList<string> OrganizationPath, string AuthorPersonId, string AuthorAccount,
    MaterialFacts Facts, MaterialState State);

public sealed record NewMaterialComment(Guid Id, Guid MaterialId, string AuthorAccount, ForumAuthorKind AuthorKind, string Body, string BodyHtml, ForumPostState State,
    IReadOnlyList<PersonalDataKind> HeldFor, DateTimeOffset At);

public sealed record MaterialCommentRow(Guid Id, Guid MaterialId, string AuthorAccount, ForumPostState State);

public enum MaterialWrite
{
    Done = 1,
    /// <summary>The id is someone's already (a material, an attachment, a comment).</summary>
    Exists = 2,
    /// <summary>The material's state moved since the grain read it.</summary>
    StateChanged = 3,
    TooMany = 4,
    RateLimited = 5,
}

/// <summary>
/// Methodological materials in PostgreSQL (issue 24): written by <c>MaterialGrain</c> only, every write with its audit
/// row in one transaction; a state change names the state it expects, so a stale decision changes nothing.
/// </summary>
public sealed partial class MaterialStore(NpgsqlDataSource dataSource)
{
    public async Task<bool> SubjectExistsAsync(string subjectId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT 1 FROM subjects WHERE id = @id");
        command.Parameters.AddWithValue("id", subjectId);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    public async Task<MaterialRow?> MaterialAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT m.id, m.organization_id, o.path, m.author_person_id, m.author_account, m.title, m.summary, m.body, m.subject_id, m.grade,
                   m.language, m.state
            FROM materials m JOIN organizations o ON o.id = m.organization_id WHERE m.id = @id
            """);
        command.Parameters.AddWithValue("id", id);
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        return await r.ReadAsync(cancellationToken)
            ? new MaterialRow(r.GetGuid(0), r.GetString(1), r.GetFieldValue<string[]>(2), r.GetString(3), r.GetString(4),
                new MaterialFacts(r.GetString(5), r.GetString(6), r.GetString(7), r.GetString(8), r.GetInt16(9), ApplicationStore.Parse<MaterialLanguage>(r.GetString(10))),
                ApplicationStore.Parse<MaterialState>(r.GetString(11)))
            : null;
    }

    /// <summary>A new draft; a retry of its id by its author with the same facts is done, anything else under the id exists.</summary>
    public async Task<MaterialWrite> CreateAsync(Guid id, string organizationId, string personId, string account, MaterialFacts facts, string bodyHtml,
        DateTimeOffset at, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO materials (id, organization_id, author_person_id, author_account, title, summary, body, body_html, subject_id, grade, language, state,
                                   created_at, updated_at, search_text)
            VALUES (@id, @organization, @person, @account, @title, @summary, @body, @html, @subject, @grade, @language, 'draft', @at, @at, @search)
            ON CONFLICT (id) DO NOTHING
            """, connection, transaction))
        {
            insert.Parameters.AddWithValue("id", id);
            insert.Parameters.AddWithValue("organization", organizationId);
            insert.Parameters.AddWithValue("person", personId);
            insert.Parameters.AddWithValue("account", account);
            AddFacts(insert, facts);
            insert.Parameters.AddWithValue("html", bodyHtml);
            insert.Parameters.AddWithValue("at", at);
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return MaterialWrite.Exists;
            }
        }
        await AuditLog.WriteAsync(audit, new { materialId = id, state = "draft" }, connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return MaterialWrite.Done;
    }

    /// <summary>The author's edit of a draft or a returned material.</summary>
    public async Task<MaterialWrite> EditAsync(Guid id, MaterialFacts facts, string bodyHtml, DateTimeOffset at, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var update = new NpgsqlCommand("""
            UPDATE materials SET title = @title, summary = @summary, body = @body, body_html = @html, subject_id = @subject, grade = @grade, language = @language,
                                 search_text = @search, updated_at = @at
            WHERE id = @id AND state IN ('draft', 'returned')
            """, connection, transaction))
        {
            update.Parameters.AddWithValue("id", id);
            AddFacts(update, facts);
            update.Parameters.AddWithValue("html", bodyHtml);
            update.Parameters.AddWithValue("at", at);
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return MaterialWrite.StateChanged;
            }
        }
        await AuditLog.WriteAsync(audit, new { materialId = id }, connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return MaterialWrite.Done;
    }

    /// <summary>
    /// Moves the material from <paramref name="from"/> to <paramref name="to"/> (submitted, published, returned, withdrawn);
    /// a reviewer's move records who, why and when.
    /// </summary>
    public async Task<MaterialWrite> MoveAsync(Guid id, MaterialState from, MaterialState to, string? reviewer, string? reason, DateTimeOffset at,
        AuditEntry audit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var update = new NpgsqlCommand("""
            UPDATE materials SET state = @to, updated_at = @at,
                   reviewed_by = COALESCE(@reviewer, reviewed_by), review_reason = CASE WHEN @reviewer IS NULL THEN review_reason ELSE @reason END,
                   reviewed_at = CASE WHEN @reviewer IS NULL THEN reviewed_at ELSE @at END,
                   published_at = CASE WHEN @to = 'published' THEN @at ELSE published_at END
            WHERE id = @id AND state = @from
            """, connection, transaction))
        {
            update.Parameters.AddWithValue("id", id);
            update.Parameters.AddWithValue("from", ApplicationStore.Text(from));
            update.Parameters.AddWithValue("to", ApplicationStore.Text(to));
            update.Parameters.AddWithValue("reviewer", NpgsqlTypes.NpgsqlDbType.Text, (object?)reviewer ?? DBNull.Value);
            update.Parameters.AddWithValue("reason", NpgsqlTypes.NpgsqlDbType.Text, (object?)reason ?? DBNull.Value);
            update.Parameters.AddWithValue("at", at);
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return MaterialWrite.StateChanged;
            }
        }
        await AuditLog.WriteAsync(audit, new { materialId = id, from = ApplicationStore.Text(from), to = ApplicationStore.Text(to), reason },
            connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return MaterialWrite.Done;
    }

    /// <summary>Attaches a file to an editable material; the count is taken under a lock of the material's row.</summary>
    public async Task<MaterialWrite> AttachAsync(Guid materialId, Guid attachmentId, string name, AttachmentType type, byte[] content, DateTimeOffset at,
        AuditEntry audit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var count = new NpgsqlCommand("""
            SELECT state FROM materials WHERE id = @id FOR UPDATE;
            SELECT count(*) FROM material_attachments WHERE material_id = @id AND removed_at IS NULL
            """, connection, transaction))
        {
            count.Parameters.AddWithValue("id", materialId);
            await using var reader = await count.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken) || !MaterialRules.Editable(ApplicationStore.Parse<MaterialState>(reader.GetString(0))))
            {
                return MaterialWrite.StateChanged;
            }
            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            if (reader.GetInt64(0) >= AttachmentRules.MaxPerMaterial)
            {
                return MaterialWrite.TooMany;
            }
        }
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO material_attachments (id, material_id, name, content_type, size, content, created_at)
            VALUES (@id, @material, @name, @type, @size, @content, @at) ON CONFLICT (id) DO NOTHING
            """, connection, transaction))
        {
            insert.Parameters.AddWithValue("id", attachmentId);
            insert.Parameters.AddWithValue("material", materialId);
            insert.Parameters.AddWithValue("name", name);
            insert.Parameters.AddWithValue("type", AttachmentRules.ContentTypeOf(type));
            insert.Parameters.AddWithValue("size", content.Length);
            insert.Parameters.AddWithValue("content", content);
            insert.Parameters.AddWithValue("at", at);
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return MaterialWrite.Exists;
            }
        }
        await AuditLog.WriteAsync(audit, new { materialId, attachmentId, type = ApplicationStore.Text(type), size = content.Length },
            connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return MaterialWrite.Done;
    }

    /// <summary>Removes an attachment from an editable material (its bytes are kept for the audit's period, never served).</summary>
    public async Task<MaterialWrite> DetachAsync(Guid materialId, Guid attachmentId, DateTimeOffset at, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var update = new NpgsqlCommand("""
            UPDATE material_attachments a SET removed_at = @at
            FROM materials m
            WHERE a.id = @id AND a.material_id = @material AND a.removed_at IS NULL AND m.id = a.material_id AND m.state IN ('draft', 'returned')
            """, connection, transaction))
        {
            update.Parameters.AddWithValue("id", attachmentId);
            update.Parameters.AddWithValue("material", materialId);
            update.Parameters.AddWithValue("at", at);
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return MaterialWrite.StateChanged;
            }
        }
        await AuditLog.WriteAsync(audit, new { materialId, attachmentId, removed = true }, connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return MaterialWrite.Done;
    }

    /// <summary>A comment on a published material, within the author's rate of comments (counted under an advisory lock of the author).</summary>
    public async Task<MaterialWrite> CommentAsync(NewMaterialComment comment, int perWindow, TimeSpan window, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var count = new NpgsqlCommand("""
            SELECT pg_advisory_xact_lock(hashtextextended('material-rate:' || @author, 0));
            SELECT count(*) FROM material_comments WHERE author_account = @author AND created_at > @since
            """, connection, transaction))
        {
            count.Parameters.AddWithValue("author", comment.AuthorAccount);
            count.Parameters.AddWithValue("since", comment.At - window);
            await using var reader = await count.ExecuteReaderAsync(cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            if (!ForumRules.WithinRate((int)reader.GetInt64(0), perWindow))
            {
                return MaterialWrite.RateLimited;
            }
        }
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO material_comments (id, material_id, author_account, author_kind, body, body_html, state, held_for, created_at)
            SELECT @id, @material, @author, @kind, @body, @html, @state, @held, @at
            WHERE EXISTS (SELECT 1 FROM materials WHERE id = @material AND state = 'published')
            ON CONFLICT (id) DO NOTHING
            """, connection, transaction))
        {
            insert.Parameters.AddWithValue("id", comment.Id);
            insert.Parameters.AddWithValue("material", comment.MaterialId);
            insert.Parameters.AddWithValue("author", comment.AuthorAccount);
            insert.Parameters.AddWithValue("kind", ApplicationStore.Text(comment.AuthorKind));
            insert.Parameters.AddWithValue("body", comment.Body);
            insert.Parameters.AddWithValue("html", comment.BodyHtml);
            insert.Parameters.AddWithValue("state", ApplicationStore.Text(comment.State));
            insert.Parameters.AddWithValue("held", comment.HeldFor.Select(ApplicationStore.Text).ToArray());
            insert.Parameters.AddWithValue("at", comment.At);
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return await FindCommentAsync(comment.Id, cancellationToken) is null ? MaterialWrite.StateChanged : MaterialWrite.Exists;
            }
        }
        await AuditLog.WriteAsync(audit, new { materialId = comment.MaterialId, commentId = comment.Id, state = ApplicationStore.Text(comment.State) },
            connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return MaterialWrite.Done;
    }

    public async Task<MaterialCommentRow?> FindCommentAsync(Guid commentId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT id, material_id, author_account, state FROM material_comments WHERE id = @id");
        command.Parameters.AddWithValue("id", commentId);
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        return await r.ReadAsync(cancellationToken)
            ? new MaterialCommentRow(r.GetGuid(0), r.GetGuid(1), r.GetString(2), ApplicationStore.Parse<ForumPostState>(r.GetString(3)))
            : null;
    }

    /// <summary>A moderator's decision on a comment (the forums' actions): its state, and for an edit its text; the earlier text goes to the audit.</summary>
    public async Task<MaterialWrite> ModerateCommentAsync(Guid commentId, ForumPostState from, ForumPostState to, string? body, string? bodyHtml, string moderator, string? reason,
        DateTimeOffset at, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        string? earlier;
        await using (var update = new NpgsqlCommand("""
            UPDATE material_comments c SET state = @to, body = COALESCE(@body, c.body), body_html = COALESCE(@html, c.body_html), moderated_by = @by, moderated_at = @at, moderation_reason = @reason
            FROM (SELECT id, body FROM material_comments WHERE id = @id FOR UPDATE) old
            WHERE c.id = old.id AND c.state = @from
            RETURNING old.body
            """, connection, transaction))
        {
            update.Parameters.AddWithValue("id", commentId);
            update.Parameters.AddWithValue("from", ApplicationStore.Text(from));
            update.Parameters.AddWithValue("to", ApplicationStore.Text(to));
            update.Parameters.AddWithValue("body", NpgsqlTypes.NpgsqlDbType.Text, (object?)body ?? DBNull.Value);
            update.Parameters.AddWithValue("html", NpgsqlTypes.NpgsqlDbType.Text, (object?)bodyHtml ?? DBNull.Value);
            update.Parameters.AddWithValue("by", moderator);
            update.Parameters.AddWithValue("reason", NpgsqlTypes.NpgsqlDbType.Text, (object?)reason ?? DBNull.Value);
            update.Parameters.AddWithValue("at", at);
            earlier = await update.ExecuteScalarAsync(cancellationToken) as string;
            if (earlier is null)
            {
                return MaterialWrite.StateChanged;
            }
        }
        await AuditLog.WriteAsync(audit, new
        {
            commentId, from = ApplicationStore.Text(from), to = ApplicationStore.Text(to), reason, earlierText = body is null ? null : earlier,
        }, connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return MaterialWrite.Done;
    }

    /// <summary>A reader's rating of a published material: one per account, a new one replaces it.</summary>
    public async Task<MaterialWrite> RateAsync(Guid materialId, string account, int stars, DateTimeOffset at, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var upsert = new NpgsqlCommand("""
            INSERT INTO material_ratings (material_id, account_id, stars, rated_at)
            SELECT @material, @account, @stars, @at WHERE EXISTS (SELECT 1 FROM materials WHERE id = @material AND state = 'published')
            ON CONFLICT (material_id, account_id) DO UPDATE SET stars = excluded.stars, rated_at = excluded.rated_at
            """, connection, transaction))
        {
            upsert.Parameters.AddWithValue("material", materialId);
            upsert.Parameters.AddWithValue("account", account);
            upsert.Parameters.AddWithValue("stars", (short)stars);
            upsert.Parameters.AddWithValue("at", at);
            if (await upsert.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return MaterialWrite.StateChanged;
            }
        }
        await AuditLog.WriteAsync(audit, new { materialId, stars }, connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return MaterialWrite.Done;
    }

    private static void AddFacts(NpgsqlCommand command, MaterialFacts facts)
    {
        command.Parameters.AddWithValue("title", facts.Title);
        command.Parameters.AddWithValue("summary", facts.Summary);
        command.Parameters.AddWithValue("body", facts.Body);
        command.Parameters.AddWithValue("subject", facts.SubjectId);
        command.Parameters.AddWithValue("grade", (short)facts.Grade);
        command.Parameters.AddWithValue("language", ApplicationStore.Text(facts.Language));
        command.Parameters.AddWithValue("search", MaterialRules.SearchText(facts.Title, facts.Summary, facts.Body));
    }
}
