using EduInfo.Api.Contracts;
using EduInfo.Api.Registry;
using EduInfo.Domain.Calendar;
using EduInfo.Domain.Seminars;
using EduInfo.Domain.YearEnd;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Localization;
using EduInfo.Grains.Interfaces.Seminars;
using EduInfo.Storage.EServices;
using EduInfo.Storage.Seminars;

namespace EduInfo.Api.Reads;

/// <summary>
/// The seminars as their readers see them (issue 24): the catalogue and a seminar for everyone (counts, never a
/// participant); the caller's own seat; the participants for the organizers; an area's participation by organization;
/// a certificate's public check. Reads the rows of record; writes go through the seminar grains.
/// </summary>
public sealed class SeminarRead(SeminarStore store, NodeDirectory directory, IKazakhstanClock clock, EduInfo.Storage.Audit.AuditLog audit)
{
    public const int CatalogueLimit = 200;

    public async Task<IReadOnlyList<SeminarResponse>> CatalogueAsync(string? organizerId, SeminarAudience? audience, string language,
        CancellationToken cancellationToken)
    {
        var listings = await store.CatalogueAsync(clock.UtcNow, organizerId, audience, CatalogueLimit, cancellationToken);
        var responses = new List<SeminarResponse>(listings.Count);
        foreach (var listing in listings)
        {
            responses.Add(await ResponseAsync(listing, null, language, cancellationToken));
        }
        return responses;
    }

    public async Task<SeminarResponse?> OneAsync(Guid id, Actor? actor, string language, CancellationToken cancellationToken)
    {
        if (await store.ListingAsync(id, cancellationToken) is not { } listing)
        {
            return null;
        }
        var mine = actor?.PersonId is { } person ? await store.OwnSeatAsync(id, person, cancellationToken) : null;
        return await ResponseAsync(listing, mine, language, cancellationToken);
    }

    /// <summary>The participants, or null when the caller does not organize the seminar (or there is none).</summary>
    public async Task<IReadOnlyList<SeminarParticipantResponse>?> ParticipantsAsync(Guid id, Actor actor, string language, CancellationToken cancellationToken)
    {
        if (await store.SeminarAsync(id, cancellationToken) is not { } seminar || await store.OrganizerAsync(seminar.OrganizerId, cancellationToken: cancellationToken) is not { } organizer
            || !SeminarParties.Organizes(actor, organizer.Path, organizer.IsOrganization))
        {
            return null;
        }
        // A list of names: its opening is an audit row before the names leave (docs/security.md).
        await audit.RecordAsync(new EduInfo.Storage.Audit.AuditEntry(actor.UserId, actor.Roles, actor.ClientAddress, "seminar.participants.read", "seminar",
            id.ToString(), organizer.IsOrganization ? organizer.Id : null, "ok"), cancellationToken);
        var participants = await store.ParticipantsAsync(id, cancellationToken);
        var responses = new List<SeminarParticipantResponse>(participants.Count);
        foreach (var p in participants)
        {
            responses.Add(new SeminarParticipantResponse(p.PersonId, string.Join(' ', new[] { p.LastName, p.FirstName, p.MiddleName }.Where(n => !string.IsNullOrEmpty(n))),
                p.OrganizationId, await NameAsync(p.OrganizationId, language, cancellationToken), p.State, p.WaitingPosition, p.Attended, p.Certified));
        }
        return responses;
    }

    /// <summary>Whether the organizers may take attendance now (<see cref="SeminarRules.AttendanceOpen"/>).</summary>
    public async Task<bool> AttendanceOpenAsync(Guid id, CancellationToken cancellationToken) =>
        await store.SeminarAsync(id, cancellationToken) is { } seminar
        && SeminarRules.AttendanceOpen(seminar.Facts.StartsAt, seminar.HeldOn, clock.UtcNow, clock.Today);

    /// <summary>Per organization of the area, seminars held from <paramref name="from"/> (by default the academic year's first day).</summary>
    public async Task<SeminarParticipationResponse> ParticipationAsync(string nodeId, DateOnly? from, string language, CancellationToken cancellationToken)
    {
        var today = clock.Today;
        var since = from ?? new DateOnly(today.Month >= 9 ? today.Year : today.Year - 1, 9, 1);
        var rows = await store.ParticipationAsync(nodeId, since, cancellationToken);
        var named = new List<SeminarParticipationRow>(rows.Count);
        foreach (var r in rows)
        {
            named.Add(new SeminarParticipationRow(r.OrganizationId, await NameAsync(r.OrganizationId, language, cancellationToken), r.Seated, r.Waiting, r.Attended,
                r.Certificates));
        }
        return new SeminarParticipationResponse(nodeId, since, named, new SeminarParticipationRow(null, Messages.Get("seminar.total", language),
            rows.Sum(r => r.Seated), rows.Sum(r => r.Waiting), rows.Sum(r => r.Attended), rows.Sum(r => r.Certificates)));
    }

    public async Task<PublicSeminarCertificateResponse?> CertificateAsync(string code, string language, CancellationToken cancellationToken) =>
        await store.CertificateAsync(code, cancellationToken) is { } c
            ? new PublicSeminarCertificateResponse("seminarCertificate", c.Topic, await NameAsync(c.OrganizerId, language, cancellationToken), c.HeldOn, c.Initials,
                c.Valid)
            : null;

    /// <summary>Where the caller stands after a registration, in words.</summary>
    public static string Notice(SeatState seat, int? position, string language) => seat == SeatState.Seated
        ? Messages.Get("seminar.notice.seated", language)
        : Messages.Get("seminar.notice.waiting", language, (position ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture));

    private async Task<SeminarResponse> ResponseAsync(SeminarListing listing, OwnSeat? mine, string language, CancellationToken cancellationToken)
    {
        var (s, f) = (listing.Seminar, listing.Seminar.Facts);
        return new SeminarResponse(s.Id, s.OrganizerId, await NameAsync(s.OrganizerId, language, cancellationToken), f.Topic, f.Description, f.Audience,
            Messages.Get($"seminar.audience.{ApplicationStore.Text(f.Audience)}", language), f.Language, f.StartsAt, f.EndsAt, f.Place, f.OnlineLink, f.Capacity,
            listing.Seated, listing.Waiting, SeminarRules.RegistrationOpen(f.StartsAt, clock.UtcNow),
            mine is null ? null : new OwnSeatResponse(mine.State, mine.WaitingPosition, mine.Attended,
                mine.CertificateCode is { } code ? VerificationCode.Display(code) : null, mine.CertificateCode is null ? null : !mine.CertificateRevoked));
    }

    private async Task<string> NameAsync(string id, string language, CancellationToken cancellationToken) =>
        NodeSummaryResponse.NameOf(await directory.FindAsync(id, cancellationToken), id, language);
}
