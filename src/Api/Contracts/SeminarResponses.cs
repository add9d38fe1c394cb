using EduInfo.Domain.Seminars;

namespace EduInfo.Api.Contracts;

/// <summary>A seminar in the catalogue or on its own: what, for whom, when, where, how full; the caller's own seat when they have one.</summary>
public sealed record SeminarResponse(
    Guid Id,
    string OrganizerId,
    string OrganizerName,
    string Topic,
    string? Description,
    SeminarAudience Audience,
    string AudienceName,
    string Language,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string? Place,
    string? OnlineLink,
    int Capacity,
    int Seated,
    int Waiting,
    bool RegistrationOpen,
    OwnSeatResponse? Mine);

/// <summary>The caller's registration: a seat or a place on the list; whether they came and their certificate's code.</summary>
public sealed record OwnSeatResponse(SeatState State, int? WaitingPosition, bool? Attended, string? CertificateCode, bool? CertificateValid);

/// <summary>A registration's answer: where the caller stands, in words.</summary>
public sealed record SeminarSeatResponse(SeatState Seat, int? WaitingPosition, string Notice);

/// <summary>A participant as the organizer reads them (staff data: organizers only).</summary>
public sealed record SeminarParticipantResponse(string PersonId, string Name, string OrganizationId, string OrganizationName, SeatState State,
    int? WaitingPosition, bool? Attended, bool Certified);

/// <summary>An area's participation in seminars held from a day, per organization (counts only).</summary>
public sealed record SeminarParticipationResponse(string NodeId, DateOnly From, IReadOnlyList<SeminarParticipationRow> Organizations,
    SeminarParticipationRow Total);

public sealed record SeminarParticipationRow(string? OrganizationId, string Name, int Seated, int Waiting, int Attended, int Certificates);

/// <summary>The public check of a seminar certificate: the seminar, its organizer, the day, the holder's initials, in force or not — nothing more.</summary>
public sealed record PublicSeminarCertificateResponse(string Kind, string Topic, string OrganizerName, DateOnly HeldOn, string Initials, bool Valid);
