using System.Text.Json;
using EduInfo.Domain.Calendar;
using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Registry;
using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.Storage.Audit;
using EduInfo.Storage.Registry;
using Microsoft.Extensions.Logging;

namespace EduInfo.Grains.Registry;

/// <summary>
/// An organization's opening and closing (issue 18). A closing writes through the grains that own each record — a
/// pupil's enrolment grain, the organization's staff grain — so every leaving and transfer follows its own rules and is
/// audited as a single one; it first runs all of those rules over every pupil and member of staff (a dry run), and only
/// when none refuses does it write. Each write re-reads, so a request repeated after a failure part-way skips what is
/// done and finishes the rest; the last day is set last, only when nothing is left open after it.
/// </summary>
public sealed class OrganizationLifecycleGrain(OrganizationLifecycleStore store, RegistryStore registry, StaffStore staff, IKazakhstanClock clock,
    ILogger<OrganizationLifecycleGrain> logger) : Grain, IOrganizationLifecycleGrain
{
    private string OrganizationId => this.GetPrimaryKeyString();

    public async Task<LifecycleOutcome> Open(Actor actor, string nodeId, OrganizationOpeningChange change, bool byOperator)
    {
        if (await registry.FindNodeAsync(nodeId) is not { } parent)
        {
            return LifecycleOutcome.Refused([new("nodeId", RegistryError.NotFound)]);
        }
        var draft = new OrganizationOpeningDraft(change.Id, change.NameKk, change.NameRu, change.NameEn, change.Languages, change.Kind, change.IsRural,
            change.OpenedOn);
        var idTaken = RegistryIdRules.IsWellFormed(change.Id) && await store.IdTakenAsync(change.Id!);
        var problems = OrganizationOpeningValidator.Validate(draft, parent.Kind, byOperator, idTaken, clock.Today, out var opening);
        if (opening is null)
        {
            return LifecycleOutcome.Refused(problems);
        }
        var audit = new AuditEntry(actor.UserId, actor.Roles, actor.ClientAddress, "organization.open", "organization", opening.Id, opening.Id, "committed");
        if (!await store.OpenAsync(nodeId, opening, audit))
        {
            return LifecycleOutcome.Refused([new("id", RegistryError.IdTaken)]);
        }
        // The area pulls the new child now (its version is the opening's number, so every area above takes it too).
        await TryAsync(() => GrainFactory.GetGrain<IAreaGrain>(nodeId).Reconcile(), nodeId);
        return new LifecycleOutcome([], []);
    }

    public async Task<LifecycleOutcome> Close(Actor actor, OrganizationClosingChange change)
    {
        var today = clock.Today;
        if (await store.ReadClosingAsync(OrganizationId, change.Date ?? today) is not { } facts)
        {
            return LifecycleOutcome.Refused([new("organizationId", RegistryError.NotFound)]);
        }
        if (facts.Organization.ClosedOn is { } closedOn && closedOn == change.Date)
        {
            return new LifecycleOutcome([], [], Closed: true); // the same closing again, after it finished: nothing left to do
        }
        var draft = new OrganizationClosingDraft(change.Date, change.Reason, change.Pupils,
            change.Transfers?.Select(t => new ClassTransferDraft(t.FromClassId, t.ToClassId)).ToList());
        var targets = await store.ReadTargetsAsync((change.Transfers ?? []).Select(t => t.ToClassId).OfType<string>());
        var problems = OrganizationClosingValidator.ValidateRequest(draft, facts.Organization, targets, today, out var closing);
        if (closing is null)
        {
            return LifecycleOutcome.Refused(problems);
        }
        var members = new List<ClosingStaff>();
        foreach (var member in facts.Staff)
        {
            members.Add(new ClosingStaff(member, await staff.RowsAfterAsync(member.StaffId, closing.Date)));
        }
        var conflicts = OrganizationClosingValidator.DryRun(closing, facts.Pupils, members, targets, today);
        if (conflicts.Count > 0)
        {
            return new LifecycleOutcome([], conflicts.Select(View).ToList());
        }
        return await WriteAsync(actor, closing, facts);
    }

    /// <summary>Every pupil, then every member of staff, then the last day; stops at the first refusal (something changed since the dry run), saying what it did.</summary>
    private async Task<LifecycleOutcome> WriteAsync(Actor actor, OrganizationClosing closing, ClosingFacts facts)
    {
        var (ended, transferred, left) = (0, 0, 0);
        LifecycleOutcome Stopped(ClosingConflictSource source, string id, string code, IReadOnlyList<string> arguments) =>
            new([], [new(source, id, code, arguments)], ended, transferred, left);
        foreach (var pupil in facts.Pupils)
        {
            var grain = GrainFactory.GetGrain<IEnrolmentGrain>(pupil.StudentId);
            if (closing.Pupils == ClosingPupils.End)
            {
                var outcome = await grain.Leave(actor, new PupilEndRequest(closing.Date, closing.Reason));
                if (!outcome.Accepted)
                {
                    return Stopped(ClosingConflictSource.Leaving, pupil.StudentId, outcome.Problems[0].Error.ToString(), outcome.Problems[0].Arguments);
                }
                ended++;
            }
            else
            {
                var outcome = await grain.Transfer(actor, new TransferRequest(closing.Targets[pupil.Latest.ClassId], closing.TransferDate, closing.Reason));
                if (!outcome.Accepted)
                {
                    return Stopped(ClosingConflictSource.Transfer, pupil.StudentId, outcome.Problems[0].Error.ToString(), []);
                }
                transferred++;
            }
        }
        var staffGrain = GrainFactory.GetGrain<IOrganizationStaffGrain>(OrganizationId);
        foreach (var member in facts.Staff)
        {
            var outcome = await staffGrain.Leave(actor, member.StaffId, new LeaveRequest(closing.Date));
            if (!outcome.Accepted)
            {
                return Stopped(ClosingConflictSource.Staff, member.StaffId, outcome.Problems[0].Error.ToString(),
                    outcome.Problems[0].Rows is { Count: > 0 } rows ? [string.Join(", ", rows)] : []);
            }
            left++;
        }
        var detail = JsonSerializer.Serialize(new
        {
            lastDay = closing.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), reason = closing.Reason,
            pupils = closing.Pupils.ToString().ToLowerInvariant(), pupilsEnded = ended, pupilsTransferred = transferred, staffEnded = left,
        });
        var open = await store.CloseAsync(OrganizationId, closing.Date, closing.Reason, new AuditEntry(actor.UserId, actor.Roles, actor.ClientAddress,
            "organization.close", "organization", OrganizationId, OrganizationId, "committed", detail));
        if (!open.None)
        {
            // Enrolled or hired in between: nothing closed; the same request again moves or ends those too.
            logger.LogWarning("Closing of organization {OrganizationId}: {Enrolments} enrolments, {Staff} staff and {Assignments} assignments opened meanwhile",
                OrganizationId, open.Enrolments, open.Staff, open.Assignments);
            return new LifecycleOutcome([new("organizationId", RegistryError.EnrolmentChanged)], [], ended, transferred, left);
        }
        return new LifecycleOutcome([], [], ended, transferred, left, Closed: true);
    }

    private static ClosingConflictView View(ClosingConflict c) => new(c.Source, c.Id, c.Code, c.Arguments);

    private Task TryAsync(Func<Task> notify, string grainKey) => Notify.BestEffortAsync(logger, "Opening", OrganizationId, notify, grainKey);
}
