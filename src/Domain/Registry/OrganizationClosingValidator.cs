using EduInfo.Domain.Journal;

namespace EduInfo.Domain.Registry;

/// <summary>What a closing does with the pupils still enrolled on its last day.</summary>
public enum ClosingPupils
{
    /// <summary>Their enrolments end on the last day, as a single leaving does.</summary>
    End,
    /// <summary>They move, class by class, to a class of another open organization from the next day, as a single transfer does.</summary>
    Transfer,
}

/// <summary>A closing as a client sent it: the last working day, the reason, "end" or "transfer", and a target class per class when transferring.</summary>
public sealed record OrganizationClosingDraft(DateOnly? Date, string? Reason, string? Pupils, IReadOnlyList<ClassTransferDraft>? Transfers);

/// <summary>Pupils of <see cref="FromClassId"/> (a class of the closing organization) move to <see cref="ToClassId"/>.</summary>
public sealed record ClassTransferDraft(string? FromClassId, string? ToClassId);

/// <summary>A class of the closing organization, with how many pupils are still enrolled after the last day.</summary>
public sealed record ClosingClass(string ClassId, string AcademicYear, int OpenPupils);

/// <summary>The organization as a closing is checked against it.</summary>
/// <param name="OpenedOn">Null: opened before the registry was kept.</param>
/// <param name="ClosedOn">Its last day when already closed.</param>
public sealed record ClosingOrganization(string OrganizationId, DateOnly? OpenedOn, DateOnly? ClosedOn, IReadOnlyList<ClosingClass> Classes);

/// <summary>A class named as a target of a transfer, and whether its organization is closed.</summary>
public sealed record TransferTarget(string ClassId, string OrganizationId, string AcademicYear, bool OrganizationClosed);

/// <summary>A checked closing: the last day, the reason, what happens to the pupils and, for a transfer, each class's target class.</summary>
public sealed record OrganizationClosing(DateOnly Date, string Reason, ClosingPupils Pupils, IReadOnlyDictionary<string, string> Targets)
{
    /// <summary>Pupils moved by a closing start in their new class the day after the last day.</summary>
    public DateOnly TransferDate => Date.AddDays(1);
}

/// <summary>A pupil still enrolled in the organization after the last day: their latest enrolment and their journal rows in its class after the day.</summary>
public sealed record ClosingPupil(string StudentId, EnrolmentFacts Latest, IReadOnlyList<JournalRowRef> RowsAfter);

/// <summary>A member of staff still employed after the last day, with their journal rows after it (sequence numbers).</summary>
public sealed record ClosingStaff(StaffFacts Member, IReadOnlyList<long> RowsAfter);

/// <summary>Which rule refused a pupil or member of staff in a closing's dry run: a leaving's, a transfer's or a staff leaving's.</summary>
public enum ClosingConflictSource
{
    Leaving,
    Transfer,
    Staff,
}

/// <summary>
/// One pupil or member of staff (by opaque id, never by name or IIN) whose leaving or transfer the closing cannot make,
/// with the code its own rule gives (a <see cref="PupilError"/>, <see cref="RegistryError"/> or <see cref="StaffError"/>
/// name) and the values its message names.
/// </summary>
public sealed record ClosingConflict(ClosingConflictSource Source, string Id, string Code, IReadOnlyList<string> Arguments);

/// <summary>
/// Whether an organization may close (issue 18, item 1: "closing moves or ends every enrolment first"): the request
/// first, then a dry run of every leaving, transfer and staff leaving it would make, by the very rules of a single one
/// (<see cref="PupilValidator.ValidateLeaving"/>, <see cref="TransferValidator"/>, <see cref="StaffValidator.ValidateLeave"/>),
/// so nothing is written unless all of them can be.
/// </summary>
public static class OrganizationClosingValidator
{
    /// <summary>The request against the organization and the classes it names as targets (by id; an unknown one is absent).</summary>
    public static IReadOnlyList<RegistryProblem> ValidateRequest(OrganizationClosingDraft draft, ClosingOrganization organization,
        IReadOnlyDictionary<string, TransferTarget> targets, DateOnly today, out OrganizationClosing? closing)
    {
        closing = null;
        var problems = new List<RegistryProblem>();
        if (draft.Date is not { } date)
        {
            problems.Add(new("date", RegistryError.Required));
        }
        else if (organization.ClosedOn is not null)
        {
            problems.Add(new("date", RegistryError.AlreadyClosed));
        }
        else if (date > today)
        {
            problems.Add(new("date", RegistryError.DateInFuture));
        }
        else if (date < organization.OpenedOn)
        {
            problems.Add(new("date", RegistryError.DateBeforeOpening));
        }
        if (!EntryRules.HasReason(draft.Reason))
        {
            problems.Add(new("reason", RegistryError.ReasonRequired));
        }
        else if (!EntryRules.IsValidReason(draft.Reason))
        {
            problems.Add(new("reason", RegistryError.ReasonTooLong));
        }
        var pupils = PupilRules.Parse<ClosingPupils>(draft.Pupils);
        if (pupils is null)
        {
            problems.Add(new("pupils", string.IsNullOrEmpty(draft.Pupils) ? RegistryError.Required : RegistryError.PupilsUnknown));
        }
        var chosen = pupils == ClosingPupils.Transfer ? Targets(draft, organization, targets, problems) : new Dictionary<string, string>();
        if (pupils == ClosingPupils.Transfer && draft.Date is { } last && last >= today && !problems.Any(p => p.Field == "date"))
        {
            problems.Add(new("date", RegistryError.TransferNotYet));
        }
        if (problems.Count == 0)
        {
            closing = new(draft.Date!.Value, draft.Reason!, pupils!.Value, chosen);
        }
        return problems;
    }

    /// <summary>
    /// Every leaving, transfer and staff leaving the closing makes, checked as each would be on its own; the conflicts in
    /// a stable order (pupils, then staff, by id). None: the closing may write.
    /// </summary>
    /// <param name="targetYears">The academic year of each target class.</param>
    public static IReadOnlyList<ClosingConflict> DryRun(OrganizationClosing closing, IReadOnlyList<ClosingPupil> pupils, IReadOnlyList<ClosingStaff> staff,
        IReadOnlyDictionary<string, TransferTarget> targetClasses, DateOnly today)
    {
        var conflicts = new List<ClosingConflict>();
        foreach (var pupil in pupils.OrderBy(p => p.StudentId, StringComparer.Ordinal))
        {
            // Even a pupil who moves leaves the closed organization after its last day: rows of theirs after it are in the way.
            var leaving = PupilValidator.ValidateLeaving(new PupilEndRequest(closing.Date, closing.Reason), pupil.Latest, pupil.RowsAfter, today);
            if (leaving.Count > 0)
            {
                conflicts.Add(new(ClosingConflictSource.Leaving, pupil.StudentId, leaving[0].Error.ToString(), leaving[0].Arguments));
                continue;
            }
            if (closing.Pupils == ClosingPupils.Transfer)
            {
                var to = closing.Targets.GetValueOrDefault(pupil.Latest.ClassId);
                var target = to is null ? null : targetClasses.GetValueOrDefault(to);
                var moving = TransferValidator.Validate(new TransferRequest(to, closing.TransferDate, closing.Reason), target?.AcademicYear, pupil.Latest, today,
                    target?.OrganizationClosed ?? false);
                if (moving.Count > 0)
                {
                    conflicts.Add(new(ClosingConflictSource.Transfer, pupil.StudentId, moving[0].Error.ToString(), []));
                }
            }
        }
        foreach (var member in staff.OrderBy(s => s.Member.StaffId, StringComparer.Ordinal))
        {
            var leaving = StaffValidator.ValidateLeave(member.Member, closing.Date, today);
            if (leaving.Count > 0)
            {
                conflicts.Add(new(ClosingConflictSource.Staff, member.Member.StaffId, leaving[0].Error.ToString(), []));
            }
            else if (member.RowsAfter.Count > 0)
            {
                conflicts.Add(new(ClosingConflictSource.Staff, member.Member.StaffId, nameof(StaffError.JournalConflict),
                    [string.Join(", ", member.RowsAfter.Order().Take(PupilValidator.NamedRows))]));
            }
        }
        return conflicts;
    }

    /// <summary>Each class with pupils gets one target: a class of another, open organization, of the same academic year.</summary>
    private static Dictionary<string, string> Targets(OrganizationClosingDraft draft, ClosingOrganization organization,
        IReadOnlyDictionary<string, TransferTarget> targets, List<RegistryProblem> problems)
    {
        var chosen = new Dictionary<string, string>(StringComparer.Ordinal);
        var own = organization.Classes.ToDictionary(c => c.ClassId, StringComparer.Ordinal);
        var transfers = draft.Transfers ?? [];
        for (var i = 0; i < transfers.Count; i++)
        {
            var (fromId, toId) = (transfers[i].FromClassId, transfers[i].ToClassId);
            var field = $"transfers[{i}]";
            if (fromId is null || !own.TryGetValue(fromId, out var from))
            {
                problems.Add(new($"{field}.fromClassId", fromId is null ? RegistryError.Required : RegistryError.ClassUnknown));
                continue;
            }
            if (chosen.ContainsKey(fromId))
            {
                problems.Add(new($"{field}.fromClassId", RegistryError.TransferDuplicate));
                continue;
            }
            RegistryError? error = string.IsNullOrEmpty(toId) ? RegistryError.Required
                : !targets.TryGetValue(toId, out var target) ? RegistryError.ClassUnknown
                : target.OrganizationId == organization.OrganizationId ? RegistryError.SameOrganization
                : target.OrganizationClosed ? RegistryError.OrganizationClosed
                : target.AcademicYear != from.AcademicYear ? RegistryError.OtherAcademicYear
                : null;
            if (error is { } e)
            {
                problems.Add(new($"{field}.toClassId", e));
                continue;
            }
            chosen[fromId] = toId!;
        }
        foreach (var missing in organization.Classes.Where(c => c.OpenPupils > 0 && !chosen.ContainsKey(c.ClassId) && !transfers.Any(t => t.FromClassId == c.ClassId)))
        {
            problems.Add(new($"classes[{missing.ClassId}]", RegistryError.TransferMissing));
        }
        return chosen;
    }
}
