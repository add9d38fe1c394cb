using EduInfo.Domain.Calendar;
using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Calendar;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Grains.Interfaces.Registry;
using EduInfo.Grains.Interfaces.Students;
using EduInfo.Storage.Audit;
using EduInfo.Storage.Registry;
using Microsoft.Extensions.Logging;

namespace EduInfo.Grains.Registry;

/// <summary>
/// A student's transfers (DESIGN.md §2: marks and roll-calls keep counting where they were recorded; term metrics follow
/// the student to the class they are enrolled in at the term's end). Orleans has no transaction across the two class
/// grains, so the database is the one place both move together: the enrolment and both classes' watermarks in one
/// statement. The grains are told afterwards; one not told is behind its watermark, which is what the periodic
/// reconciliation looks for.
/// </summary>
public sealed partial class EnrolmentGrain(TransferStore transfers, PupilStore pupils, IKazakhstanClock clock, ILogger<EnrolmentGrain> logger)
    : Grain, IEnrolmentGrain
{
    /// <summary>Checks and moves tried on a fresh read when the enrolment changed in between (an import).</summary>
    private const int Attempts = 3;

    private string StudentId => this.GetPrimaryKeyString();

    public async Task<TransferOutcome> Transfer(Actor actor, TransferRequest request)
    {
        for (var attempt = 1; ; attempt++)
        {
            var toClassId = request.ToClassId is { } id && RegistryIds.IsWellFormed(id) ? id : null;
            var (destinationYear, current, destinationClosed) = await transfers.ReadAsync(StudentId, toClassId);
            var facts = current is null ? null : new EnrolmentFacts(current.ClassId, current.From, current.To, current.AcademicYear);
            var problems = TransferValidator.Validate(request, destinationYear, facts, clock.Today, destinationClosed);
            if (problems.Count > 0)
            {
                return TransferOutcome.Rejected(problems);
            }
            var audit = new AuditEntry(actor.UserId, actor.Roles, actor.ClientAddress, "student.transfer", "student", StudentId,
                current!.OrganizationId, "committed");
            if (await transfers.TransferAsync(StudentId, current, toClassId!, request.Date!.Value, audit) is { } sequence)
            {
                await NotifyAsync(current.ClassId, toClassId!);
                return new TransferOutcome([], current.ClassId, sequence);
            }
            if (attempt == Attempts)
            {
                logger.LogWarning("Transfer of student {StudentId}: the enrolment changed under each of {Attempts} attempts", StudentId, Attempts);
                return TransferOutcome.Rejected([new("studentId", RegistryError.EnrolmentChanged)]);
            }
        }
    }

    /// <summary>
    /// After the commit both classes rebuild from the registry and the journal and republish, and the student reads
    /// its figures again. The answer does not wait on their success: the transfer is committed, a class not told is
    /// rebuilt by the reconciliation (its watermark moved) and the student's diary catches up from the journal on read.
    /// </summary>
    private Task NotifyAsync(string fromClassId, string toClassId) => Task.WhenAll(
        TryAsync(() => GrainFactory.GetGrain<IClassGrain>(fromClassId).Refresh(), fromClassId),
        TryAsync(() => GrainFactory.GetGrain<IClassGrain>(toClassId).Refresh(), toClassId),
        TryAsync(() => GrainFactory.GetGrain<IStudentGrain>(StudentId).Rebuild(), StudentId));

    private Task TryAsync(Func<Task> notify, string grainKey) => Notify.BestEffortAsync(logger, "Change", StudentId, notify, grainKey);
}
