namespace EduInfo.Domain.Registry;

/// <summary>
/// Subgroups split from a class or another subgroup from a date, and class teachers from a date (issue 18). A roll-call
/// stores the roster it was taken with, so moving pupils for the past is refused while a recorded roll-call of the group
/// they leave still counts them on or after the date — those rows named, never a silent rewrite.
/// </summary>
public static class StaffRosterChange
{
    public const int MaxGroupName = 60;

    /// <param name="source">The group split: the class itself or one of its subgroups (null: unknown).</param>
    /// <param name="enrolled">The class's pupils on the date.</param>
    /// <param name="sourceMembers">The members of a source subgroup on the date (the class's pupils when it is the class).</param>
    /// <param name="sourceRollCalls">The source subgroup's recorded roll-calls (none for the class: it keeps its pupils).</param>
    public static IReadOnlyList<StaffProblem> ValidateSplit(GroupFacts? source, bool subjectKnown, string? subjectId, string? name,
        IReadOnlyList<string> studentIds, DateOnly? from, IReadOnlyCollection<string> enrolled, IReadOnlyCollection<string> sourceMembers,
        IReadOnlyList<RecordedRollCall> sourceRollCalls)
    {
        var problems = new List<StaffProblem>();
        if (source is null)
        {
            problems.Add(new("groupId", StaffError.GroupUnknown));
        }
        if (!subjectKnown)
        {
            problems.Add(new("subjectId", string.IsNullOrEmpty(subjectId) ? StaffError.Required : StaffError.SubjectUnknown));
        }
        else if (source?.SubjectId is { } sourceSubject && sourceSubject != subjectId)
        {
            problems.Add(new("subjectId", StaffError.SubjectOfGroup));
        }
        if (StaffNames.GroupNameProblem(StaffNames.Normalize(name), MaxGroupName) is { } nameError)
        {
            problems.Add(new("name", nameError));
        }
        if (from is null)
        {
            problems.Add(new("from", StaffError.Required));
        }
        if (studentIds.Count == 0)
        {
            problems.Add(new("studentIds", StaffError.Required));
        }
        for (var i = 0; i < studentIds.Count; i++)
        {
            if (!enrolled.Contains(studentIds[i]) || !sourceMembers.Contains(studentIds[i]))
            {
                problems.Add(new($"studentIds[{i}]", StaffError.StudentUnknown));
            }
        }
        if (problems.Count > 0 || source!.SubjectId is null)
        {
            return problems;
        }
        var rows = sourceRollCalls.Where(r => r.Date >= from && studentIds.Any(r.Roster.Contains)).Select(r => r.Seq).Order().ToList();
        return rows.Count > 0 ? [new("from", StaffError.RosterConflict, rows)] : [];
    }

    /// <summary>
    /// A class teacher from <paramref name="from"/>: a member of staff employed then, from today or earlier (the grant
    /// is given at once), after the start of the current class teacher's period (which ends the day before).
    /// </summary>
    public static IReadOnlyList<StaffProblem> ValidateClassTeacher(StaffFacts? teacher, bool classKnown, DateOnly? from, DateOnly? currentFrom,
        DateOnly today)
    {
        var problems = new List<StaffProblem>();
        if (!classKnown)
        {
            problems.Add(new("classId", StaffError.ClassUnknown));
        }
        if (teacher is null)
        {
            problems.Add(new("teacherId", StaffError.StaffUnknown));
        }
        if (from is not { } day)
        {
            problems.Add(new("from", StaffError.Required));
        }
        else if (day > today)
        {
            problems.Add(new("from", StaffError.DateInFuture));
        }
        else if (day <= currentFrom)
        {
            problems.Add(new("from", StaffError.DateBeforeCurrent));
        }
        else if (teacher is not null && !teacher.EmployedOver(day, today))
        {
            problems.Add(new("from", StaffError.NotEmployed));
        }
        return problems;
    }
}
