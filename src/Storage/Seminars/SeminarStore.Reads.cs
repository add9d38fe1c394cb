using EduInfo.Domain.Seminars;
using EduInfo.Domain.YearEnd;
using EduInfo.Storage.EServices;

namespace EduInfo.Storage.Seminars;

/// <summary>A seminar in the catalogue: its facts and how full it is (no participant in it).</summary>
public sealed record SeminarListing(SeminarRow Seminar, int Seated, int Waiting);

/// <summary>A registration as its organizer reads it (names: staff data, organizers only).</summary>
public sealed record SeminarParticipant(string PersonId, string LastName, string FirstName, string? MiddleName, string OrganizationId, SeatState State,
    int? WaitingPosition, bool? Attended, bool Certified);

/// <summary>The caller's own registration.</summary>
public sealed record OwnSeat(SeatState State, int? WaitingPosition, bool? Attended, string? CertificateCode, bool CertificateRevoked);

/// <summary>An organization's participation in an area's seminars: people seated, waiting, who came and certificates in force.</summary>
public sealed record SeminarParticipation(string OrganizationId, int Seated, int Waiting, int Attended, int Certificates);

/// <summary>What the public check of a seminar certificate shows: the seminar, its organizer, the day, the holder's initials, in force or not.</summary>
public sealed record SeminarCertificateFacts(string Topic, string OrganizerId, DateOnly HeldOn, string Initials, bool Valid);

public sealed partial class SeminarStore
{
    /// <summary>Seminars that have not ended, soonest first, optionally of one organizer or audience.</summary>
    public async Task<IReadOnlyList<SeminarListing>> CatalogueAsync(DateTimeOffset now, string? organizerId, SeminarAudience? audience, int limit,
        CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {SeminarColumns},
                   (SELECT count(*) FROM seminar_registrations r WHERE r.seminar_id = s.id AND r.state = 'seated'),
                   (SELECT count(*) FROM seminar_registrations r WHERE r.seminar_id = s.id AND r.state = 'waiting')
            FROM seminars s
            WHERE s.ends_at > @now AND (@organizer::text IS NULL OR s.organizer_id = @organizer) AND (@audience::text IS NULL OR s.audience = @audience)
            ORDER BY s.starts_at, s.id LIMIT @limit
            """);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("organizer", (object?)organizerId ?? DBNull.Value);
        command.Parameters.AddWithValue("audience", audience is { } a ? ApplicationStore.Text(a) : DBNull.Value);
        command.Parameters.AddWithValue("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var listings = new List<SeminarListing>();
        while (await reader.ReadAsync(cancellationToken))
        {
            listings.Add(new SeminarListing(ReadSeminar(reader), (int)reader.GetInt64(13), (int)reader.GetInt64(14)));
        }
        return listings;
    }

    public async Task<SeminarListing?> ListingAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {SeminarColumns},
                   (SELECT count(*) FROM seminar_registrations r WHERE r.seminar_id = s.id AND r.state = 'seated'),
                   (SELECT count(*) FROM seminar_registrations r WHERE r.seminar_id = s.id AND r.state = 'waiting')
            FROM seminars s WHERE s.id = @id
            """);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new SeminarListing(ReadSeminar(reader), (int)reader.GetInt64(13), (int)reader.GetInt64(14)) : null;
    }

    public async Task<OwnSeat?> OwnSeatAsync(Guid seminarId, string personId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT r.state, (SELECT count(*) FROM seminar_registrations w WHERE w.seminar_id = r.seminar_id AND w.state = 'waiting' AND w.arrival <= r.arrival),
                   r.attended, r.certificate_code, r.certificate_revoked_at IS NOT NULL
            FROM seminar_registrations r WHERE r.seminar_id = @s AND r.person_id = @p AND r.state <> 'withdrawn'
            """);
        command.Parameters.AddWithValue("s", seminarId);
        command.Parameters.AddWithValue("p", personId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        var state = ApplicationStore.Parse<SeatState>(reader.GetString(0));
        return new OwnSeat(state, state == SeatState.Waiting ? (int)reader.GetInt64(1) : null, reader.IsDBNull(2) ? null : reader.GetBoolean(2),
            reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetBoolean(4));
    }

    /// <summary>Seated first, then the waiting list in its order.</summary>
    public async Task<IReadOnlyList<SeminarParticipant>> ParticipantsAsync(Guid seminarId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT r.person_id, t.last_name, t.first_name, t.middle_name, r.organization_id, r.state,
                   CASE WHEN r.state = 'waiting' THEN row_number() OVER (PARTITION BY r.state ORDER BY r.arrival) END,
                   r.attended, r.certificate_code IS NOT NULL AND r.certificate_revoked_at IS NULL
            FROM seminar_registrations r JOIN teachers t ON t.id = r.person_id
            WHERE r.seminar_id = @s AND r.state <> 'withdrawn'
            ORDER BY r.state = 'waiting', r.arrival
            """);
        command.Parameters.AddWithValue("s", seminarId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var participants = new List<SeminarParticipant>();
        while (await reader.ReadAsync(cancellationToken))
        {
            participants.Add(new SeminarParticipant(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetString(4), ApplicationStore.Parse<SeatState>(reader.GetString(5)), reader.IsDBNull(6) ? null : (int)reader.GetInt64(6),
                reader.IsDBNull(7) ? null : reader.GetBoolean(7), reader.GetBoolean(8)));
        }
        return participants;
    }

    /// <summary>Per organization of the area (every open one, zeros included), its people's registrations in seminars held from <paramref name="from"/>.</summary>
    public async Task<IReadOnlyList<SeminarParticipation>> ParticipationAsync(string nodeId, DateOnly from, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT o.id,
                   count(r.*) FILTER (WHERE r.state = 'seated'), count(r.*) FILTER (WHERE r.state = 'waiting'),
                   count(r.*) FILTER (WHERE r.state = 'seated' AND r.attended),
                   count(r.*) FILTER (WHERE r.state = 'seated' AND r.certificate_code IS NOT NULL AND r.certificate_revoked_at IS NULL)
            FROM organizations o
            LEFT JOIN (seminar_registrations r JOIN seminars s ON s.id = r.seminar_id AND s.held_on >= @from) ON r.organization_id = o.id
            WHERE @node = ANY (o.path) AND o.closed_on IS NULL
            GROUP BY o.id ORDER BY o.id
            """);
        command.Parameters.AddWithValue("node", nodeId);
        command.Parameters.AddWithValue("from", from);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<SeminarParticipation>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new SeminarParticipation(reader.GetString(0), (int)reader.GetInt64(1), (int)reader.GetInt64(2), (int)reader.GetInt64(3), (int)reader.GetInt64(4)));
        }
        return rows;
    }

    public async Task<SeminarCertificateFacts?> CertificateAsync(string code, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT s.topic, s.organizer_id, s.held_on, t.last_name, t.first_name, t.middle_name,
                   r.certificate_revoked_at IS NULL AND r.state = 'seated' AND r.attended IS TRUE
            FROM seminar_registrations r JOIN seminars s ON s.id = r.seminar_id JOIN teachers t ON t.id = r.person_id
            WHERE r.certificate_code = @code
            """);
        command.Parameters.AddWithValue("code", code);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new SeminarCertificateFacts(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateOnly>(2),
                DocumentHolder.Initials(reader.GetString(3), reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5)), reader.GetBoolean(6))
            : null;
    }
}
