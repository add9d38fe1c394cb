using EduInfo.Domain.Seminars;

namespace EduInfo.Grains.Interfaces.Seminars;

/// <summary>A new seminar: where it is organized from (an office's node or an organization) and what it is.</summary>
[GenerateSerializer, Immutable]
public sealed record NewSeminarRequest(
    [property: Id(0)] string? OrganizerId,
    [property: Id(1)] string? Topic,
    [property: Id(2)] string? Description,
    [property: Id(3)] SeminarAudience? Audience,
    [property: Id(4)] string? Language,
    [property: Id(5)] DateTimeOffset? StartsAt,
    [property: Id(6)] DateTimeOffset? EndsAt,
    [property: Id(7)] string? Place,
    [property: Id(8)] string? OnlineLink,
    [property: Id(9)] int? Capacity)
{
    public SeminarDraft Draft => new(Topic, Description, Audience, Language, StartsAt, EndsAt, Place, OnlineLink, Capacity);
}

/// <summary>One participant's attendance: the registry person and whether they came.</summary>
[GenerateSerializer, Immutable]
public sealed record AttendanceMark([property: Id(0)] string? PersonId, [property: Id(1)] bool? Attended);

[GenerateSerializer, Immutable]
public sealed record AttendanceRequest([property: Id(0)] IReadOnlyList<AttendanceMark>? Marks);

[GenerateSerializer]
public enum SeminarStatus
{
    Done = 1,
    /// <summary>201: a registration, or a seminar, written now (not a retry).</summary>
    Created = 2,
    /// <summary>400: a field is wrong (named in the problems).</summary>
    Invalid = 3,
    /// <summary>404: no such seminar.</summary>
    NotFound = 4,
    /// <summary>403: not the caller's to do (not an organizer; not of the audience or the area).</summary>
    Forbidden = 5,
    /// <summary>409: registration closed, attendance not open, an id taken by another seminar.</summary>
    Conflict = 6,
}

/// <summary>One problem: the field and its code (its message is <c>seminar.error.{code}</c>, or the forum's for a text rule).</summary>
[GenerateSerializer, Immutable]
public sealed record SeminarRefusal([property: Id(0)] string Field, [property: Id(1)] string Code);

/// <summary>The answer of a write: its status, its problems, and for a registration where it stands.</summary>
[GenerateSerializer, Immutable]
public sealed record SeminarOutcome(
    [property: Id(0)] SeminarStatus Status,
    [property: Id(1)] IReadOnlyList<SeminarRefusal> Problems,
    [property: Id(2)] SeatState? Seat = null,
    [property: Id(3)] int? WaitingPosition = null)
{
    public static SeminarOutcome Refused(SeminarStatus status, string field, string code) => new(status, [new(field, code)]);
    public static readonly SeminarOutcome Done = new(SeminarStatus.Done, []);
    public static readonly SeminarOutcome Created = new(SeminarStatus.Created, []);
    public static readonly SeminarOutcome NotFound = new(SeminarStatus.NotFound, []);
    public static readonly SeminarOutcome Forbidden = new(SeminarStatus.Forbidden, []);
}

/// <summary>
/// A seminar (issue 24, order point 7), keyed by its id: the one writer of its registrations, waiting list and
/// attendance. Every write is authorized here and written with its audit row in one transaction; seats are counted under
/// a lock of the seminar's row, so fifty registrations at once for ten seats give ten seats and a list in arrival order.
/// </summary>
public interface ISeminarGrain : IGrainWithGuidKey
{
    Task<SeminarOutcome> Create(Actors.Actor actor, NewSeminarRequest request);

    /// <summary>Registers the caller (a teacher or head of the area, by the seminar's audience): a seat, or a place on the waiting list.</summary>
    Task<SeminarOutcome> Register(Actors.Actor actor);

    /// <summary>Withdraws the caller's registration; a seat it held goes to the first waiting.</summary>
    Task<SeminarOutcome> Withdraw(Actors.Actor actor);

    /// <summary>The organizer records who came (from the seminar's day): a certificate for each who did, revoked if corrected.</summary>
    Task<SeminarOutcome> TakeAttendance(Actors.Actor actor, AttendanceRequest request);
}
