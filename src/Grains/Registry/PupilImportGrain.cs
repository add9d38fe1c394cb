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
/// A school's bulk enrolment, keyed by the organization (two uploads of one school never interleave): every row is
/// checked by <see cref="PupilValidator"/> on the same fresh reads a single enrolment makes, the class must be one of
/// this organization's and an IIN given once; only an upload without a single problem is written, in one transaction
/// by the single enrolment's statements (<see cref="PupilStore.EnrolAllAsync"/>). Then, like
/// <see cref="PupilRegistrationGrain"/>, each class refreshes and each pupil rebuilds. Never logs an IIN or a name.
/// </summary>
public sealed class PupilImportGrain(PupilStore pupils, IKazakhstanClock clock, ILogger<PupilImportGrain> logger) : Grain, IPupilImportGrain
{
    private string OrganizationId => this.GetPrimaryKeyString();

    public async Task<PupilImportOutcome> Import(Actor actor, IReadOnlyList<PupilUploadRow> rows, IReadOnlyList<UploadProblem> read)
    {
        var places = await pupils.ReadEnrolmentsAsync(rows.Select(r => (r.ClassId, r.Request.Iin)).ToList());
        // Each class's roll-calls from its earliest start in the file, once per class: a backdated start is checked as a single enrolment's is.
        var rollCalls = new Dictionary<string, IReadOnlyList<EduInfo.Domain.Registry.JournalRowRef>>(StringComparer.Ordinal);
        foreach (var (classId, from) in rows.Where((r, i) => places[i].OrganizationId == OrganizationId && r.Request.Date is not null)
            .GroupBy(r => r.ClassId!, StringComparer.Ordinal).Select(g => (g.Key, g.Min(r => r.Request.Date!.Value))))
        {
            rollCalls[classId] = await pupils.ReadRollCallsFromAsync(classId, from);
        }
        var problems = PupilUpload.Check(OrganizationId, rows, places.Select((p, i) => new PupilUploadPlace(p.OrganizationId, p.AcademicYear, p.Existing,
            p.OrganizationClosed, rows[i].ClassId is { } c ? rollCalls.GetValueOrDefault(c) : null)).ToList(), read, clock.Today);
        if (problems.Count > 0)
        {
            return PupilImportOutcome.Refused(problems);
        }
        var enrolments = rows.Select((row, i) => new PupilImportEnrolment(row.ClassId!, row.Request, places[i].Existing, places[i].LatestSeq,
            "P-" + Guid.NewGuid().ToString("N"))).ToList();
        var pupilAudit = new AuditEntry(actor.UserId, actor.Roles, actor.ClientAddress, "pupil.enrol", "student", "-", OrganizationId, "committed");
        var importAudit = pupilAudit with { Action = "pupil.import", TargetKind = "organization", TargetId = OrganizationId };
        if (await pupils.EnrolAllAsync(enrolments, pupilAudit, importAudit) is not { } done)
        {
            logger.LogInformation("Upload of {Rows} pupils into {OrganizationId}: a person was enrolled elsewhere in between; nothing written", rows.Count, OrganizationId);
            return new PupilImportOutcome([], [], Conflict: true);
        }
        await Task.WhenAll(enrolments.Select(e => e.ClassId).Distinct().Select(c => TryAsync(() => GrainFactory.GetGrain<IClassGrain>(c).Refresh(), c)));
        await Task.WhenAll(done.Select(d => TryAsync(() => GrainFactory.GetGrain<IStudentGrain>(d.StudentId).Rebuild(), d.StudentId)));
        return new PupilImportOutcome([], done.Select(d => d.StudentId).ToList(), false);
    }

    private Task TryAsync(Func<Task> notify, string grainKey) => Notify.BestEffortAsync(logger, "Upload", OrganizationId, notify, grainKey);
}
