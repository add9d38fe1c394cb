using System.Text.Json;
using EduInfo.Domain.Ratings;
using EduInfo.Storage.Audit;
using Npgsql;
using NpgsqlTypes;

namespace EduInfo.Storage.Ratings;

/// <summary>A published unit as frozen: its standing, rank, score, indicators and, for one not ranked, the indicator it lacked.</summary>
public sealed record PublishedUnit(string UnitId, RatingStanding Standing, int? Rank, decimal? Score,
    IReadOnlyDictionary<RatingIndicator, decimal>? Values, RatingIndicator? Missing);

/// <summary>
/// A rating as published (frozen): the area whose units it ranks, the year and term, when, the methodology that
/// produced it and the ranking. <see cref="Id"/> is 0 until stored.
/// </summary>
public sealed record RatingPublication(long Id, string ScopeId, string AcademicYear, int Term, DateTimeOffset PublishedAt,
    RatingMethodology Methodology, IReadOnlyList<RatingIndicator> Used, IReadOnlyList<RatingIndicator> Dropped, IReadOnlyList<PublishedUnit> Units);

/// <summary>
/// The open ratings (migration 0041): methodology versions, and publications that are never changed once written
/// (each written with its audit row in one transaction).
/// </summary>
public sealed class RatingStore(NpgsqlDataSource dataSource)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public async Task<IReadOnlyList<RatingMethodology>> ReadMethodologiesAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT effective_from, document FROM rating_methodologies ORDER BY effective_from");
        var versions = new List<RatingMethodology>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(JsonSerializer.Deserialize<RatingMethodology>(reader.GetString(1), Json)! with { EffectiveFrom = reader.GetFieldValue<DateOnly>(0) });
        }
        return versions;
    }

    /// <summary>Adds or replaces a version (already validated: it takes effect after today).</summary>
    public async Task WriteMethodologyAsync(RatingMethodology methodology, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var upsert = new NpgsqlCommand("""
            INSERT INTO rating_methodologies (effective_from, document) VALUES (@from, @document)
            ON CONFLICT (effective_from) DO UPDATE SET document = excluded.document
            """, connection, transaction))
        {
            upsert.Parameters.AddWithValue("from", methodology.EffectiveFrom!.Value);
            upsert.Parameters.Add(new NpgsqlParameter("document", NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(methodology, Json) });
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var record = AuditLog.InsertCommand(audit, connection, transaction))
        {
            await record.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The schools among an area's organizations (a district's rating ranks schools; other kinds have other metrics).</summary>
    public async Task<IReadOnlySet<string>> SchoolsAsync(IReadOnlyList<string> organizationIds, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT id FROM organizations WHERE id = ANY(@ids) AND kind = 'school'");
        command.Parameters.AddWithValue("ids", organizationIds.ToArray());
        var schools = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            schools.Add(reader.GetString(0));
        }
        return schools;
    }

    /// <summary>Stores a publication with its audit row; returns it with its id.</summary>
    public async Task<RatingPublication> PublishAsync(RatingPublication publication, string publishedBy, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        long id;
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO rating_publications (scope_id, academic_year, term, published_at, published_by, document)
            VALUES (@scope, @year, @term, @at, @by, @document) RETURNING id
            """, connection, transaction))
        {
            insert.Parameters.AddWithValue("scope", publication.ScopeId);
            insert.Parameters.AddWithValue("year", publication.AcademicYear);
            insert.Parameters.AddWithValue("term", publication.Term);
            insert.Parameters.AddWithValue("at", publication.PublishedAt);
            insert.Parameters.AddWithValue("by", publishedBy);
            insert.Parameters.Add(new NpgsqlParameter("document", NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(publication, Json) });
            id = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
        }
        await using (var record = AuditLog.InsertCommand(audit with { DetailJson = $"{{\"publication\":{id}}}" }, connection, transaction))
        {
            await record.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return publication with { Id = id };
    }

    /// <summary>
    /// An area's latest publication, and the latest of an earlier term or year (what its movement is counted from);
    /// null when the area has none.
    /// </summary>
    public async Task<(RatingPublication Latest, RatingPublication? Before)?> ReadLatestAsync(string scopeId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            WITH latest AS (SELECT id, academic_year, term, document FROM rating_publications WHERE scope_id = @scope ORDER BY id DESC LIMIT 1)
            SELECT id, document FROM (
                SELECT 0 AS part, id, document FROM latest
                UNION ALL
                (SELECT 1, p.id, p.document FROM rating_publications p, latest l
                 WHERE p.scope_id = @scope AND (p.academic_year, p.term) < (l.academic_year, l.term) ORDER BY p.id DESC LIMIT 1)
            ) found ORDER BY part
            """);
        command.Parameters.AddWithValue("scope", scopeId);
        var found = new List<RatingPublication>(2);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                found.Add(JsonSerializer.Deserialize<RatingPublication>(reader.GetString(1), Json)! with { Id = reader.GetInt64(0) });
            }
        }
        return found.Count == 0 ? null : (found[0], found.Count > 1 ? found[1] : null);
    }
}
