using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Grains.Interfaces.Registry;
using EduInfo.Grains.Interfaces.Students;
using EduInfo.Storage.Audit;
using Microsoft.Extensions.Logging;

namespace EduInfo.Grains.Registry;

/// <summary>
/// A pupil's leaving, corrections and parent links (issue 18), written by the same grain as their transfers so no two
/// changes of one pupil's enrolment race. Each checks on a fresh read (PupilValidator, ParentLinkValidator) and writes
/// only if what it checked still holds; a change in between is read and checked again.
/// </summary>
public sealed partial class EnrolmentGrain
{
    public async Task<PupilOutcome> Leave(Actor actor, PupilEndRequest request)
    {
        for (var attempt = 1; ; attempt++)
        {
            var facts = await pupils.ReadLeavingAsync(StudentId, request.Date);
            var current = facts.Current is { } c ? new EnrolmentFacts(c.ClassId, c.From, c.To, c.AcademicYear) : null;
            var problems = PupilValidator.ValidateLeaving(request, current, facts.RowsAfter, clock.Today);
            if (problems.Count > 0)
            {
                return PupilOutcome.Rejected(problems);
            }
            var audit = Audit(actor, "pupil.leave", facts.Current!.OrganizationId);
            if (await pupils.LeaveAsync(StudentId, facts.Current, request.Date!.Value, audit) is { } sequence)
            {
                await TellAsync(facts.Current.ClassId);
                return new PupilOutcome([], StudentId, null, sequence);
            }
            if (Exhausted(attempt, "leaving"))
            {
                return PupilOutcome.Rejected([new("studentId", PupilError.Changed)]);
            }
        }
    }

    public async Task<PupilOutcome> Correct(Actor actor, PupilCorrectionRequest request)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await pupils.ReadPupilAsync(StudentId) is not { } pupil)
            {
                return PupilOutcome.Rejected([new("studentId", PupilError.NotFound)]);
            }
            var problems = PupilValidator.ValidateCorrection(request, pupil.Card, pupil.Iin, clock.Today);
            if (problems.Count > 0)
            {
                return PupilOutcome.Rejected(problems);
            }
            if (await pupils.CorrectAsync(StudentId, pupil.Card, pupil.Card.Apply(request), request.Reason!, Audit(actor, "pupil.correct", pupil.OrganizationId)))
            {
                // Names appear on the class's grid and the diary, read from the registry: nothing to rebuild.
                return new PupilOutcome([], StudentId, null, 0);
            }
            if (Exhausted(attempt, "correction"))
            {
                return PupilOutcome.Rejected([new("studentId", PupilError.Changed)]);
            }
        }
    }

    public async Task<PupilOutcome> LinkParent(Actor actor, ParentLinkRequest request)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await pupils.ReadParentLinkAsync(StudentId, request.Iin, null) is not { } place)
            {
                return PupilOutcome.Rejected([new("studentId", PupilError.NotFound)]);
            }
            var problems = ParentLinkValidator.ValidateLink(request, place.ChildIin, place.ParentId is not null, place.Link, clock.Today);
            if (problems.Count > 0)
            {
                return PupilOutcome.Rejected(problems);
            }
            var newParentId = "PR-" + Guid.NewGuid().ToString("N");
            if (await pupils.LinkAsync(StudentId, request, place.ParentId, place.Link, newParentId, actor.UserId,
                Audit(actor, "parent.link", place.OrganizationId)) is { } parentId)
            {
                return new PupilOutcome([], StudentId, parentId, 0);
            }
            if (Exhausted(attempt, "parent link"))
            {
                return PupilOutcome.Rejected([new("iin", PupilError.Changed)]);
            }
        }
    }

    public async Task<PupilOutcome> UnlinkParent(Actor actor, string parentId, PupilEndRequest request)
    {
        if (await pupils.ReadParentLinkAsync(StudentId, null, parentId) is not { } place)
        {
            return PupilOutcome.Rejected([new("studentId", PupilError.NotFound)]);
        }
        var problems = ParentLinkValidator.ValidateUnlink(request, place.Link, clock.Today);
        if (problems.Count > 0)
        {
            return PupilOutcome.Rejected(problems);
        }
        return await pupils.UnlinkAsync(StudentId, parentId, request.Date!.Value, request.Reason!, Audit(actor, "parent.unlink", place.OrganizationId))
            ? new PupilOutcome([], StudentId, parentId, 0)
            : PupilOutcome.Rejected([new("parentId", PupilError.Changed)]);
    }

    private AuditEntry Audit(Actor actor, string action, string? organizationId) =>
        new(actor.UserId, actor.Roles, actor.ClientAddress, action, "student", StudentId, organizationId, "committed");

    private bool Exhausted(int attempt, string what)
    {
        if (attempt < Attempts)
        {
            return false;
        }
        logger.LogWarning("Pupil {StudentId}: the record changed under each of {Attempts} attempts of a {What}", StudentId, Attempts, what);
        return true;
    }

    /// <summary>The class rebuilds its roster and the pupil their diary; one not told is repaired by the reconciliation (its watermark moved).</summary>
    private Task TellAsync(string classId) => Task.WhenAll(
        TryAsync(() => GrainFactory.GetGrain<IClassGrain>(classId).Refresh(), classId),
        TryAsync(() => GrainFactory.GetGrain<IStudentGrain>(StudentId).Rebuild(), StudentId));
}
