using EduInfo.Domain.Forums;
using EduInfo.Domain.Materials;
using EduInfo.Storage.EServices;
using Npgsql;

namespace EduInfo.Storage.Materials;

/// <summary>A search of the published materials: the words (already <see cref="MaterialRules.Query"/>), filters, a page.</summary>
public sealed record MaterialSearch(string? Words, string? SubjectId, int? Grade, MaterialLanguage? Language, int Offset, int Limit);

/// <summary>One material as a list shows it (no author: the organization stands for the work).</summary>
public sealed record MaterialListing(Guid Id, string Title, string Summary, string SubjectId, int Grade, MaterialLanguage Language, string OrganizationId,
    MaterialState State, DateTimeOffset UpdatedAt, DateTimeOffset? PublishedAt, double? Stars, int Ratings, int Attachments, double Rank);

public sealed record MaterialPage(IReadOnlyList<MaterialListing> Items, int Total);

public sealed record MaterialAttachmentRow(Guid Id, string Name, string ContentType, int Size, DateTimeOffset At);

public sealed record MaterialDetail(MaterialListing Listing, string Body, string BodyHtml, string AuthorPersonId, string AuthorAccount, IReadOnlyList<string> OrganizationPath,
    string? ReviewReason, DateTimeOffset? ReviewedAt, IReadOnlyList<MaterialAttachmentRow> Attachments);

public sealed record MaterialCommentRecord(Guid Id, string AuthorAccount, ForumAuthorKind AuthorKind, string Body, string BodyHtml, ForumPostState State,
    IReadOnlyList<PersonalDataKind> HeldFor, DateTimeOffset At, string? ModerationReason);

public sealed record MaterialFile(string Name, string ContentType, byte[] Content);

public sealed partial class MaterialStore
{
    private const string ListingColumns = """
        m.id, m.title, m.summary, m.subject_id, m.grade, m.language, m.organization_id, m.state, m.updated_at, m.published_at,
        r.stars, COALESCE(r.ratings, 0), (SELECT count(*) FROM material_attachments a WHERE a.material_id = m.id AND a.removed_at IS NULL)
        """;

    private const string RatingJoin = """
        LEFT JOIN LATERAL (SELECT avg(stars)::float8 AS stars, count(*)::int AS ratings FROM material_ratings WHERE material_id = m.id) r ON true
        """;

    /// <summary>
    /// Published materials matching the words in their own language's configuration (Russian stemmed, Kazakh whole words),
    /// ranked by cover density, then newest first; without words, newest first.
    /// </summary>
    public async Task<MaterialPage> SearchAsync(MaterialSearch search, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            WITH q AS (SELECT websearch_to_tsquery('pg_catalog.russian', @words) AS ru, websearch_to_tsquery('pg_catalog.simple', @words) AS kk,
                              websearch_to_tsquery('pg_catalog.english', @words) AS en)
            SELECT {ListingColumns},
                   CASE WHEN @words IS NULL THEN 0
                        ELSE ts_rank_cd(m.search_vector, CASE m.language WHEN 'ru' THEN q.ru WHEN 'en' THEN q.en ELSE q.kk END) END AS rank,
                   count(*) OVER () AS total
            FROM materials m CROSS JOIN q
            {RatingJoin}
            WHERE m.state = 'published'
              AND (@subject::text IS NULL OR m.subject_id = @subject)
              AND (@grade::smallint IS NULL OR m.grade = @grade)
              AND (@language::text IS NULL OR m.language = @language)
              AND (@words::text IS NULL
                   OR m.language = 'ru' AND m.search_vector @@ q.ru
                   OR m.language = 'kk' AND m.search_vector @@ q.kk
                   OR m.language = 'en' AND m.search_vector @@ q.en)
            ORDER BY rank DESC, m.published_at DESC, m.id
            OFFSET @offset LIMIT @limit
            """);
        command.Parameters.AddWithValue("words", NpgsqlTypes.NpgsqlDbType.Text, (object?)search.Words ?? DBNull.Value);
        command.Parameters.AddWithValue("subject", NpgsqlTypes.NpgsqlDbType.Text, (object?)search.SubjectId ?? DBNull.Value);
        command.Parameters.AddWithValue("grade", NpgsqlTypes.NpgsqlDbType.Smallint, search.Grade is { } g ? (short)g : DBNull.Value);
        command.Parameters.AddWithValue("language", NpgsqlTypes.NpgsqlDbType.Text, search.Language is { } l ? ApplicationStore.Text(l) : DBNull.Value);
        command.Parameters.AddWithValue("offset", search.Offset);
        command.Parameters.AddWithValue("limit", search.Limit);
        var items = new List<MaterialListing>();
        var total = 0;
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            items.Add(ReadListing(r, rank: r.GetFloat(13)));
            total = (int)r.GetInt64(14);
        }
        if (items.Count == 0 && search.Offset > 0)
        {
            total = -1;
        }
        return new MaterialPage(items, total);
    }

    /// <summary>The materials waiting for a review in an area (its organizations' paths run through it), oldest first.</summary>
    public async Task<IReadOnlyList<MaterialListing>> InReviewAsync(string areaId, CancellationToken cancellationToken = default) =>
        await ListingsAsync("JOIN organizations o ON o.id = m.organization_id WHERE m.state = 'inReview' AND @key = ANY(o.path) ORDER BY m.updated_at, m.id LIMIT 500",
            areaId, cancellationToken);

    /// <summary>An author's own materials in every state, newest first.</summary>
    public async Task<IReadOnlyList<MaterialListing>> OfAuthorAsync(string personId, CancellationToken cancellationToken = default) =>
        await ListingsAsync("WHERE m.author_person_id = @key ORDER BY m.updated_at DESC, m.id LIMIT 500", personId, cancellationToken);

    private async Task<IReadOnlyList<MaterialListing>> ListingsAsync(string where, string key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {ListingColumns} FROM materials m {RatingJoin} {where}");
        command.Parameters.AddWithValue("key", key);
        var items = new List<MaterialListing>();
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            items.Add(ReadListing(r, rank: 0));
        }
        return items;
    }

    public async Task<MaterialDetail?> DetailAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        MaterialDetail detail;
        await using (var command = new NpgsqlCommand($"""
            SELECT {ListingColumns}, m.body, m.body_html, m.author_person_id, m.author_account, o.path, m.review_reason, m.reviewed_at
            FROM materials m JOIN organizations o ON o.id = m.organization_id {RatingJoin} WHERE m.id = @id
            """, connection))
        {
            command.Parameters.AddWithValue("id", id);
            await using var r = await command.ExecuteReaderAsync(cancellationToken);
            if (!await r.ReadAsync(cancellationToken))
            {
                return null;
            }
            detail = new MaterialDetail(ReadListing(r, 0), r.GetString(13), r.GetString(14), r.GetString(15), r.GetString(16), r.GetFieldValue<string[]>(17),
                r.IsDBNull(18) ? null : r.GetString(18), r.IsDBNull(19) ? null : r.GetFieldValue<DateTimeOffset>(19), []);
        }
        var attachments = new List<MaterialAttachmentRow>();
        await using (var command = new NpgsqlCommand("""
            SELECT id, name, content_type, size, created_at FROM material_attachments WHERE material_id = @id AND removed_at IS NULL ORDER BY created_at, name, id
            """, connection))
        {
            command.Parameters.AddWithValue("id", id);
            await using var r = await command.ExecuteReaderAsync(cancellationToken);
            while (await r.ReadAsync(cancellationToken))
            {
                attachments.Add(new MaterialAttachmentRow(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetFieldValue<DateTimeOffset>(4)));
            }
        }
        return detail with { Attachments = attachments };
    }

    /// <summary>Every comment of a material not deleted, oldest first: the read layer shows each to whom <see cref="ForumRules.Sees"/> allows.</summary>
    public async Task<IReadOnlyList<MaterialCommentRecord>> CommentsAsync(Guid materialId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, author_account, author_kind, body, body_html, state, held_for, created_at, moderation_reason
            FROM material_comments WHERE material_id = @id AND state <> 'deleted' ORDER BY created_at, id LIMIT 2000
            """);
        command.Parameters.AddWithValue("id", materialId);
        var comments = new List<MaterialCommentRecord>();
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            comments.Add(new MaterialCommentRecord(r.GetGuid(0), r.GetString(1), ApplicationStore.Parse<ForumAuthorKind>(r.GetString(2)), r.GetString(3), r.GetString(4),
                ApplicationStore.Parse<ForumPostState>(r.GetString(5)), [.. r.GetFieldValue<string[]>(6).Select(ApplicationStore.Parse<PersonalDataKind>)],
                r.GetFieldValue<DateTimeOffset>(7), r.IsDBNull(8) ? null : r.GetString(8)));
        }
        return comments;
    }

    public async Task<int?> RatingOfAsync(Guid materialId, string account, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT stars FROM material_ratings WHERE material_id = @id AND account_id = @account");
        command.Parameters.AddWithValue("id", materialId);
        command.Parameters.AddWithValue("account", account);
        return await command.ExecuteScalarAsync(cancellationToken) is short stars ? stars : null;
    }

    public async Task<MaterialFile?> AttachmentContentAsync(Guid materialId, Guid attachmentId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT name, content_type, content FROM material_attachments WHERE id = @id AND material_id = @material AND removed_at IS NULL
            """);
        command.Parameters.AddWithValue("id", attachmentId);
        command.Parameters.AddWithValue("material", materialId);
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        return await r.ReadAsync(cancellationToken) ? new MaterialFile(r.GetString(0), r.GetString(1), r.GetFieldValue<byte[]>(2)) : null;
    }

    private static MaterialListing ReadListing(NpgsqlDataReader r, double rank) =>
        new(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt16(4), ApplicationStore.Parse<MaterialLanguage>(r.GetString(5)),
            r.GetString(6), ApplicationStore.Parse<MaterialState>(r.GetString(7)), r.GetFieldValue<DateTimeOffset>(8),
            r.IsDBNull(9) ? null : r.GetFieldValue<DateTimeOffset>(9), r.IsDBNull(10) ? null : r.GetDouble(10), r.GetInt32(11), (int)r.GetInt64(12), rank);
}
