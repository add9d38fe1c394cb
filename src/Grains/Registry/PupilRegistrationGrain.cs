using EduInfo.Domain.Calendar;
using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Grains.Interfaces.Registry;
using EduInfo.Grains.Interfaces.Students;
using EduInfo.Storage.Audit;
using EduInfo.Storage.Registry;
using Microsoft.Extensions.Logging;

namespace EduInfo.Grains.Registry;

/// <summary>
/// Enrolments of one IIN (keyed by its digest): checked on a fresh read (PupilValidator: the IIN and the person, the
/// class's year, the person's latest enrolment anywhere), written in one transaction with the class's watermark and
/// the audit row, then the class and the pupil are told. Never logs the IIN.
/// </summary>
public sealed class PupilRegistrationGrain(PupilStore pupils, IKazakhstanClock clock, ILogger<PupilRegistrationGrain> logger) : Grain, IPupilRegistrationGrain
{
    private const int Attempts = 3;

    public async Task<PupilOutcome> Enrol(Actor actor, string classId, PupilEnrolmentRequest request)
    {
        for (var attempt = 1; ; attempt++)
        {
            var place = await pupils.ReadEnrolmentAsync(classId, request.Iin);
            if (place.AcademicYear is null)
            {
                return PupilOutcome.Rejected([new("classId", PupilError.NotFound)]);
            }
            var problems = PupilValidator.ValidateEnrolment(request, place.AcademicYear, place.Existing, clock.Today, organizationClosed: place.OrganizationClosed);
            if (problems.Count > 0)
            {
                return PupilOutcome.Rejected(problems);
            }
            if (PupilValidator.ValidateStart(request.Date!.Value, await pupils.ReadRollCallsFromAsync(classId, request.Date.Value), clock.Today) is { } backdated)
            {
                return PupilOutcome.Rejected([backdated]);
            }
            var newStudentId = "P-" + Guid.NewGuid().ToString("N");
            var audit = new AuditEntry(actor.UserId, actor.Roles, actor.ClientAddress, "pupil.enrol", "student", place.Existing?.StudentId ?? newStudentId,
                place.OrganizationId, "committed");
            if (await pupils.EnrolAsync(classId, request, place.Existing, place.LatestSeq, newStudentId, audit) is { } done)
            {
                await TryAsync(() => GrainFactory.GetGrain<IClassGrain>(classId).Refresh(), classId);
                await TryAsync(() => GrainFactory.GetGrain<IStudentGrain>(done.StudentId).Rebuild(), done.StudentId);
                return new PupilOutcome([], done.StudentId, null, done.Sequence);
            }
            if (attempt == Attempts)
            {
                logger.LogWarning("Enrolment into class {ClassId}: the person changed under each of {Attempts} attempts", classId, Attempts);
                return PupilOutcome.Rejected([new("iin", PupilError.Changed)]);
            }
        }
    }

    private Task TryAsync(Func<Task> notify, string grainKey) => Notify.BestEffortAsync(logger, "Enrolment", "a pupil", notify, grainKey);
}
