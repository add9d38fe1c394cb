using System.Security.Cryptography;
using EduInfo.Domain.Calendar;
using EduInfo.Domain.Seminars;
using EduInfo.Domain.YearEnd;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Seminars;
using EduInfo.Storage.Audit;
using EduInfo.Storage.Registry;
using EduInfo.Storage.Seminars;

namespace EduInfo.Grains.Seminars;

/// <summary>
/// A seminar (issue 24), keyed by its id: the one writer of its registrations, waiting list and attendance. Every write
/// is authorized here and written with its audit row in one transaction; the seats are counted in that transaction under
/// a lock of the seminar's row (<see cref="SeminarStore"/>), so the count holds even if two activations ever wrote at once.
/// </summary>
public sealed class SeminarGrain(SeminarStore store, StaffStore staff, IKazakhstanClock clock) : Grain, ISeminarGrain
{
    private const int MaxMarks = SeminarRules.MaxCapacity;

    private Guid SeminarId => this.GetPrimaryKey();

    public async Task<SeminarOutcome> Create(Actor actor, NewSeminarRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.OrganizerId) || request.OrganizerId.Length > 64)
        {
            return SeminarOutcome.Refused(SeminarStatus.Invalid, "organizerId", "organizerRequired");
        }
        if (await store.OrganizerAsync(request.OrganizerId, openOnly: true) is not { } organizer)
        {
            return SeminarOutcome.Refused(SeminarStatus.Invalid, "organizerId", "organizerUnknown");
        }
        if (!SeminarParties.Organizes(actor, organizer.Path, organizer.IsOrganization))
        {
            return SeminarOutcome.Forbidden;
        }
        var now = clock.UtcNow;
        var problems = SeminarRules.Check(request.Draft, now, out var facts);
        if (problems.Count > 0)
        {
            return new SeminarOutcome(SeminarStatus.Invalid, [.. problems.Select(p => new SeminarRefusal(p.Field, p.Code))]);
        }
        var heldOn = DateOnly.FromDateTime(facts!.StartsAt.ToOffset(clock.Now.Offset).DateTime);
        return await store.CreateAsync(SeminarId, organizer.Id, facts, heldOn, actor.UserId, now, Audit(actor, "seminar.create", organizer.IsOrganization ? organizer.Id : null))
            == SeminarWrite.Done
            ? SeminarOutcome.Created
            : SeminarOutcome.Refused(SeminarStatus.Conflict, "seminarId", "idTaken");
    }

    public async Task<SeminarOutcome> Register(Actor actor)
    {
        var found = await ParticipantAsync(actor);
        if (found.Refusal is { } refusal)
        {
            return refusal;
        }
        var (seminar, person) = (found.Seminar!, found.Person!);
        if (!SeminarRules.RegistrationOpen(seminar.Facts.StartsAt, clock.UtcNow))
        {
            return SeminarOutcome.Refused(SeminarStatus.Conflict, "seminarId", "registrationClosed");
        }
        var seat = await store.RegisterAsync(SeminarId, person, actor.UserId, clock.UtcNow, Audit(actor, "seminar.register", person.OrganizationId));
        return new SeminarOutcome(seat.New ? SeminarStatus.Created : SeminarStatus.Done, [], seat.State, seat.WaitingPosition);
    }

    public async Task<SeminarOutcome> Withdraw(Actor actor)
    {
        // Withdrawing needs only the registration: one who moved away or changed role still frees their seat.
        if (await store.SeminarAsync(SeminarId) is not { } seminar)
        {
            return SeminarOutcome.NotFound;
        }
        if (actor.PersonId is not { } personId || !SeminarParties.MayAttend(actor))
        {
            return SeminarOutcome.Refused(SeminarStatus.Forbidden, "seminarId", "notStaff");
        }
        if (!SeminarRules.RegistrationOpen(seminar.Facts.StartsAt, clock.UtcNow))
        {
            return SeminarOutcome.Refused(SeminarStatus.Conflict, "seminarId", "registrationClosed");
        }
        // Withdrawing what is not there leaves it not there: the answer is the same, nothing is written.
        await store.WithdrawAsync(SeminarId, personId, actor.UserId, clock.UtcNow, Audit(actor, "seminar.withdraw", null));
        return SeminarOutcome.Done;
    }

    public async Task<SeminarOutcome> TakeAttendance(Actor actor, AttendanceRequest request)
    {
        if (await store.SeminarAsync(SeminarId) is not { } seminar || await store.OrganizerAsync(seminar.OrganizerId) is not { } organizer)
        {
            return SeminarOutcome.NotFound;
        }
        if (!SeminarParties.Organizes(actor, organizer.Path, organizer.IsOrganization))
        {
            return SeminarOutcome.Forbidden;
        }
        if (!SeminarRules.AttendanceOpen(seminar.Facts.StartsAt, seminar.HeldOn, clock.UtcNow, clock.Today))
        {
            return SeminarOutcome.Refused(SeminarStatus.Conflict, "seminarId", "attendanceNotOpen");
        }
        if (request.Marks is not { Count: > 0 and <= MaxMarks } marks)
        {
            return SeminarOutcome.Refused(SeminarStatus.Invalid, "marks", "marksRequired");
        }
        var problems = marks.Select((m, i) => (m, i))
            .Where(x => x.m is null || string.IsNullOrWhiteSpace(x.m.PersonId) || x.m.PersonId.Length > 64 || x.m.Attended is null)
            .Select(x => new SeminarRefusal($"marks[{x.i}]", "markInvalid")).ToList();
        if (problems.Count == 0 && marks.Select(m => m.PersonId).Distinct(StringComparer.Ordinal).Count() != marks.Count)
        {
            problems.Add(new SeminarRefusal("marks", "markRepeated"));
        }
        if (problems.Count > 0)
        {
            return new SeminarOutcome(SeminarStatus.Invalid, problems);
        }
        var (write, person) = await store.AttendanceAsync(SeminarId, [.. marks.Select(m => (m.PersonId!, m.Attended!.Value))],
            () => VerificationCode.Of(RandomNumberGenerator.GetBytes(VerificationCode.RandomBytes)), actor.UserId, clock.UtcNow,
            Audit(actor, "seminar.attendance", organizer.IsOrganization ? organizer.Id : null));
        return write == SeminarWrite.Done
            ? SeminarOutcome.Done
            : SeminarOutcome.Refused(SeminarStatus.Invalid, $"marks[{marks.Select(m => m.PersonId).ToList().IndexOf(person)}]", "notSeated");
    }

    private sealed record Participant(SeminarRow? Seminar, StaffMember? Person, SeminarOutcome? Refusal);

    /// <summary>
    /// The seminar and the caller as its participant: a registry person (a teacher or head of the staff register) of an
    /// organization within the organizer's area, of the seminar's audience; else only the refusal.
    /// </summary>
    private async Task<Participant> ParticipantAsync(Actor actor)
    {
        if (await store.SeminarAsync(SeminarId) is not { } seminar)
        {
            return Refuse(SeminarOutcome.NotFound);
        }
        if (actor.PersonId is not { } personId || await staff.EmployedAsync(personId, clock.Today) is not { } person)
        {
            return Refuse(SeminarOutcome.Refused(SeminarStatus.Forbidden, "seminarId", "notStaff"));
        }
        if (!person.OrganizationPath.Contains(seminar.OrganizerId) || !SeminarParties.OfAudience(actor, seminar.Facts.Audience, person.OrganizationId))
        {
            return Refuse(SeminarOutcome.Refused(SeminarStatus.Forbidden, "seminarId", "notForYou"));
        }
        return new Participant(seminar, person, null);

        static Participant Refuse(SeminarOutcome outcome) => new(null, null, outcome);
    }

    private AuditEntry Audit(Actor actor, string action, string? organizationId) =>
        new(actor.UserId, actor.Roles, actor.ClientAddress, action, "seminar", SeminarId.ToString(), organizationId, "committed");
}
