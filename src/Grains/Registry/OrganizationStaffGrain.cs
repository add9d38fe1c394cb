using System.Security.Cryptography;
using EduInfo.Domain.Calendar;
using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Grains.Interfaces.Registry;
using EduInfo.Storage.Audit;
using EduInfo.Storage.Registry;
using EduInfo.Storage.Security;
using Microsoft.Extensions.Logging;

namespace EduInfo.Grains.Registry;

/// <summary>
/// The organization's staff, assignments, class teachers and subgroups (issue 18): one writer per organization, so the
/// checks and the write of a change see no other change of the same organization in between. Changes that move a
/// class commit its new watermark with them; the class is told to rebuild afterwards, and one not told is found behind
/// its watermark by the reconciliation.
/// </summary>
public sealed class OrganizationStaffGrain(StaffStore store, IKazakhstanClock clock, ILogger<OrganizationStaffGrain> logger) : Grain, IOrganizationStaffGrain
{
    private const string PasswordAlphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private const int PasswordLength = 16;

    private string OrganizationId => this.GetPrimaryKeyString();

    public async Task<StaffOutcome> Hire(Actor actor, HireRequest request)
    {
        var iinTaken = Iin.IsValid(request.Iin) && await store.IinTakenAsync(request.Iin!);
        var problems = StaffValidator.ValidateHire(request.Iin, request.LastName, request.FirstName, request.MiddleName, request.Post, request.HiredOn, iinTaken,
            await store.OrganizationClosedAsync(OrganizationId));
        if (problems.Count > 0)
        {
            return StaffOutcome.Refused(problems);
        }
        var id = "S-" + Guid.NewGuid().ToString("N")[..16];
        var post = StaffValidator.ParsePost(request.Post) ?? StaffPost.Teacher;
        await store.AddStaffAsync(new NewStaff(id, OrganizationId, request.Iin!, StaffNames.Normalize(request.LastName)!, StaffNames.Normalize(request.FirstName)!,
            StaffNames.Normalize(request.MiddleName), post, request.HiredOn!.Value), Audit(actor, "staff.hire", "staff", id, new
            {
                post = StaffStore.PostName(post), hiredOn = request.HiredOn.Value.ToString("yyyy-MM-dd"),
            }));
        return new StaffOutcome([], id);
    }

    public async Task<StaffOutcome> Leave(Actor actor, string staffId, LeaveRequest request)
    {
        var member = await store.FindStaffAsync(OrganizationId, staffId);
        var problems = StaffValidator.ValidateLeave(member, request.LastDay, clock.Today);
        if (problems.Count == 0 && await store.RowsAfterAsync(staffId, request.LastDay!.Value) is { Count: > 0 } rows)
        {
            problems = [new("lastDay", StaffError.JournalConflict, rows)];
        }
        if (problems.Count > 0)
        {
            return StaffOutcome.Refused(problems);
        }
        var classes = await store.SetLeavingAsync(OrganizationId, staffId, request.LastDay!.Value,
            Audit(actor, "staff.leave", "staff", staffId, new { lastDay = request.LastDay.Value.ToString("yyyy-MM-dd") }));
        await RefreshAsync(classes);
        return new StaffOutcome([], staffId);
    }

    public async Task<StaffOutcome> CreateAccount(Actor actor, string staffId, AccountRequest request)
    {
        var member = await store.FindStaffAsync(OrganizationId, staffId);
        var loginTaken = request.Login is { } login && StaffValidator.IsLogin(login) && await store.LoginTakenAsync(login);
        var problems = StaffValidator.ValidateAccount(member, request.Login, loginTaken);
        if (problems.Count > 0)
        {
            return StaffOutcome.Refused(problems);
        }
        var password = RandomNumberGenerator.GetString(PasswordAlphabet, PasswordLength);
        // Every member of staff signs in as a teacher of the organization: what they may write is their assignments.
        await store.CreateAccountAsync("U-" + staffId, request.Login!, PasswordHashing.Hash(password), staffId, [(Role.Teacher, OrganizationId)],
            Audit(actor, "staff.account", "staff", staffId, new { login = request.Login }));
        return new StaffOutcome([], staffId, request.Login, password);
    }

    public async Task<StaffOutcome> Assign(Actor actor, AssignmentRequest request)
    {
        var teacher = await store.FindStaffAsync(OrganizationId, request.TeacherId);
        var group = await store.FindGroupAsync(OrganizationId, request.GroupId);
        var subjectKnown = await store.SubjectExistsAsync(request.SubjectId);
        var existing = teacher is null || group is null || !subjectKnown ? []
            : (await store.ReadTeacherAssignmentsAsync(teacher.StaffId, group.GroupId, request.SubjectId!)).Select(a => a.Assignment).ToList();
        var problems = AssignmentChange.ValidateNew(teacher, group, subjectKnown, request.SubjectId, request.From, request.To, existing,
            await store.OrganizationClosedAsync(OrganizationId));
        if (problems.Count > 0)
        {
            return StaffOutcome.Refused(problems);
        }
        var assignment = new Assignment(teacher!.StaffId, group!.GroupId, request.SubjectId!, request.From!.Value, request.To);
        var id = await store.AddAssignmentAsync(assignment, group.ClassId, Audit(actor, "assignment.add", "class", group.ClassId, null));
        await RefreshAsync([group.ClassId]);
        return new StaffOutcome([], id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task<StaffOutcome> EndAssignment(Actor actor, long assignmentId, AssignmentEndRequest request)
    {
        if (await store.FindAssignmentAsync(OrganizationId, assignmentId) is not { } found)
        {
            return StaffOutcome.Refused([new("assignmentId", StaffError.AssignmentUnknown)]);
        }
        var teacher = await store.FindStaffAsync(OrganizationId, found.TeacherId);
        var all = await store.ReadTeacherAssignmentsAsync(found.TeacherId, found.GroupId, found.SubjectId);
        var current = all.Single(a => a.Id == assignmentId).Assignment;
        var recorded = await store.ReadRecordedRowsAsync(found.TeacherId, found.ClassId, found.GroupId, found.SubjectId);
        var problems = AssignmentChange.ValidateEnd(current, teacher, request.To, all.Where(a => a.Id != assignmentId).Select(a => a.Assignment).ToList(), recorded);
        if (problems.Count > 0)
        {
            return StaffOutcome.Refused(problems);
        }
        await store.SetAssignmentEndAsync(assignmentId, current with { To = request.To }, found.ClassId, Audit(actor, "assignment.end", "class", found.ClassId, null));
        await RefreshAsync([found.ClassId]);
        return new StaffOutcome([], assignmentId.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task<StaffOutcome> SetClassTeacher(Actor actor, string classId, ClassTeacherRequest request)
    {
        var group = await store.FindGroupAsync(OrganizationId, classId);
        var classKnown = group is not null && group.GroupId == group.ClassId;
        var teacher = await store.FindStaffAsync(OrganizationId, request.TeacherId);
        var current = classKnown ? await store.FindClassTeacherAsync(classId) : null;
        var problems = StaffRosterChange.ValidateClassTeacher(teacher, classKnown, request.From, current?.From, clock.Today);
        if (problems.Count > 0)
        {
            return StaffOutcome.Refused(problems);
        }
        await store.SetClassTeacherAsync(classId, teacher!.StaffId, request.From!.Value, Audit(actor, "class.teacher", "class", classId, new
        {
            teacherId = teacher.StaffId, from = request.From.Value.ToString("yyyy-MM-dd"), previousTeacherId = current?.TeacherId,
        }));
        return new StaffOutcome([], classId);
    }

    public async Task<StaffOutcome> Split(Actor actor, SplitRequest request)
    {
        var source = await store.FindGroupAsync(OrganizationId, request.GroupId);
        var subjectKnown = await store.SubjectExistsAsync(request.SubjectId);
        var students = request.StudentIds ?? [];
        IReadOnlyList<string> enrolled = [], members = [];
        IReadOnlyList<RecordedRollCall> rollCalls = [];
        if (source is not null && request.From is { } from)
        {
            enrolled = await store.ReadEnrolledAsync(source.ClassId, from);
            members = source.SubjectId is null ? enrolled : await store.ReadMembersAsync(source.GroupId, from);
            rollCalls = source.SubjectId is null ? [] : await store.ReadRollCallsAsync(source.ClassId, source.GroupId);
        }
        var problems = StaffRosterChange.ValidateSplit(source, subjectKnown, request.SubjectId, request.Name, students, request.From,
            enrolled.ToHashSet(StringComparer.Ordinal), members.ToHashSet(StringComparer.Ordinal), rollCalls);
        if (problems.Count > 0)
        {
            return StaffOutcome.Refused(problems);
        }
        var groupId = source!.ClassId + "-G" + Guid.NewGuid().ToString("N")[..8];
        await store.AddSubgroupAsync(source.ClassId, groupId, request.SubjectId!, StaffNames.Normalize(request.Name)!, students.Distinct().ToList(), request.From!.Value,
            source.SubjectId is null ? null : source.GroupId, Audit(actor, "group.split", "class", source.ClassId, new
            {
                groupId, fromGroupId = source.GroupId, subjectId = request.SubjectId, from = request.From.Value.ToString("yyyy-MM-dd"), students = students.Count,
            }));
        await RefreshAsync([source.ClassId]);
        return new StaffOutcome([], groupId);
    }

    private AuditEntry Audit(Actor actor, string action, string targetKind, string targetId, object? detail) =>
        new(actor.UserId, actor.Roles, actor.ClientAddress, action, targetKind, targetId, OrganizationId, "committed",
            detail is null ? "{}" : System.Text.Json.JsonSerializer.Serialize(detail));

    /// <summary>The classes rebuild from the registry now; the answer does not wait on their success (their watermarks moved).</summary>
    private async Task RefreshAsync(IReadOnlyList<string> classIds)
    {
        foreach (var classId in classIds)
        {
            try
            {
                await GrainFactory.GetGrain<IClassGrain>(classId).Refresh();
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Staff change of organization {OrganizationId}: class {ClassId} was not told; the reconciliation repairs it",
                    OrganizationId, classId);
            }
        }
    }
}
