namespace EduInfo.Domain.Registry;

/// <summary>A journal row already recorded (a mark or a roll-call), as a change for the past is checked against it.</summary>
public sealed record RecordedRow(long Seq, DateOnly Date);

/// <summary>A roll-call already recorded for a group, with the roster it stored.</summary>
public sealed record RecordedRollCall(long Seq, DateOnly Date, IReadOnlyCollection<string> Roster);

/// <summary>The group an assignment names, as the organization knows it: its subject when it is a subgroup of one.</summary>
public sealed record GroupFacts(string GroupId, string ClassId, string? SubjectId);

/// <summary>
/// Teaching assignments made and changed from a date (issue 18, item 2): a new one must fit the teacher's employment and
/// the group's subject and overlap no other of the same teacher, group and subject; an end (or a new end) for the past is
/// refused while the teacher's recorded rows of that group and subject fall on days it would leave unassigned, with
/// those rows named. Never a silent inconsistency between the registry and the journal.
/// </summary>
public static class AssignmentChange
{
    /// <param name="organizationClosed">Whether the organization is closed: it assigns nothing.</param>
    public static IReadOnlyList<StaffProblem> ValidateNew(StaffFacts? teacher, GroupFacts? group, bool subjectKnown, string? subjectId,
        DateOnly? from, DateOnly? to, IReadOnlyList<Assignment> sameTeacherGroupSubject, bool organizationClosed = false)
    {
        if (organizationClosed)
        {
            return [new("organizationId", StaffError.OrganizationClosed)];
        }
        var problems = new List<StaffProblem>();
        if (teacher is null)
        {
            problems.Add(new("teacherId", StaffError.StaffUnknown));
        }
        if (group is null)
        {
            problems.Add(new("groupId", StaffError.GroupUnknown));
        }
        if (!subjectKnown)
        {
            problems.Add(new("subjectId", string.IsNullOrEmpty(subjectId) ? StaffError.Required : StaffError.SubjectUnknown));
        }
        else if (group?.SubjectId is { } groupSubject && groupSubject != subjectId)
        {
            problems.Add(new("subjectId", StaffError.SubjectOfGroup));
        }
        if (from is null)
        {
            problems.Add(new("from", StaffError.Required));
        }
        else if (to < from)
        {
            problems.Add(new("to", StaffError.RangeInvalid));
        }
        if (problems.Count > 0)
        {
            return problems;
        }
        if (!teacher!.EmployedOver(from!.Value, to))
        {
            return [new("from", StaffError.NotEmployed)];
        }
        var wanted = new Assignment(teacher.StaffId, group!.GroupId, subjectId!, from.Value, to);
        return sameTeacherGroupSubject.Any(a => Overlap(a, wanted)) ? [new("from", StaffError.Overlaps)] : [];
    }

    /// <summary>
    /// A new last day (<paramref name="to"/>; null: open again) for <paramref name="current"/>: within the employment, not
    /// before its start, and leaving none of <paramref name="recorded"/> (the teacher's rows of the group and subject)
    /// without an assignment — <paramref name="others"/> being the teacher's other assignments to the same group and subject.
    /// </summary>
    public static IReadOnlyList<StaffProblem> ValidateEnd(Assignment? current, StaffFacts? teacher, DateOnly? to, IReadOnlyList<Assignment> others,
        IReadOnlyList<RecordedRow> recorded)
    {
        if (current is null || teacher is null)
        {
            return [new("assignmentId", StaffError.AssignmentUnknown)];
        }
        if (to < current.From)
        {
            return [new("to", StaffError.RangeInvalid)];
        }
        if (!teacher.EmployedOver(current.From, to))
        {
            return [new("to", StaffError.NotEmployed)];
        }
        var changed = current with { To = to };
        if (others.Any(a => Overlap(a, changed)))
        {
            return [new("to", StaffError.Overlaps)];
        }
        var rows = Unassigned(recorded, current, changed, others);
        return rows.Count > 0 ? [new("to", StaffError.JournalConflict, rows)] : [];
    }

    /// <summary>The rows <paramref name="before"/> covered that neither <paramref name="after"/> (null: withdrawn) nor any of <paramref name="others"/> does, by sequence number.</summary>
    public static IReadOnlyList<long> Unassigned(IEnumerable<RecordedRow> recorded, Assignment before, Assignment? after, IReadOnlyList<Assignment> others) =>
        recorded.Where(r => before.CoversDate(r.Date) && after?.CoversDate(r.Date) != true && !others.Any(o => o.CoversDate(r.Date)))
            .Select(r => r.Seq).Order().ToList();

    private static bool Overlap(Assignment a, Assignment b) =>
        a.From <= (b.To ?? DateOnly.MaxValue) && b.From <= (a.To ?? DateOnly.MaxValue);
}
