namespace EduInfo.Domain.Registry;

/// <summary>
/// Why a change of staff, assignments, class teachers or subgroups was refused. Codes, not texts: the Api renders them in
/// kk, ru or en (camelCase on the wire). New codes go at the end: the numbers travel between silos.
/// </summary>
public enum StaffError
{
    /// <summary>The organization does not exist (HTTP 404).</summary>
    NotFound,
    Required,
    IinInvalid,
    IinTaken,
    NameInvalid,
    NameTooLong,
    PostUnknown,
    DateInFuture,
    DateBeforeHiring,
    AlreadyLeft,
    LoginInvalid,
    LoginTaken,
    HasAccount,
    StaffUnknown,
    NotEmployed,
    GroupUnknown,
    SubjectUnknown,
    SubjectOfGroup,
    RangeInvalid,
    Overlaps,
    AssignmentUnknown,
    /// <summary>Marks or roll-calls already recorded would be left without an assignment (HTTP 409, the rows named).</summary>
    JournalConflict,
    /// <summary>Roll-calls already recorded hold another roster (HTTP 409, the rows named).</summary>
    RosterConflict,
    StudentUnknown,
    ClassUnknown,
    DateBeforeCurrent,
    /// <summary>The organization is closed: it hires nobody and assigns nothing.</summary>
    OrganizationClosed,
}

/// <summary>One reason a staff change was refused, at a field; <see cref="Rows"/> names the journal rows (sequence numbers) in the way.</summary>
public sealed record StaffProblem(string Field, StaffError Error, IReadOnlyList<long>? Rows = null)
{
    public bool IsConflict => Error is StaffError.JournalConflict or StaffError.RosterConflict or StaffError.OrganizationClosed;
}
