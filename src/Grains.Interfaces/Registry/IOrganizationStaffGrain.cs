using EduInfo.Grains.Interfaces.Actors;

namespace EduInfo.Grains.Interfaces.Registry;

/// <summary>
/// An organization's staff and what they teach (issue 18), keyed by the organization id: the one writer of its staff,
/// accounts for them, teaching assignments, class teachers and subgroups, so two heads' changes never race. Each change
/// is checked by the Domain's rules (StaffValidator, AssignmentChange, StaffRosterChange) against the registry and the
/// journal, written with its audit row in one transaction that also moves the watermarks of the classes concerned, and
/// those classes are then told to rebuild. The caller's right is checked by the Api.
/// </summary>
public interface IOrganizationStaffGrain : IGrainWithStringKey
{
    Task<StaffOutcome> Hire(Actor actor, HireRequest request);

    /// <summary>The member of staff leaves after the request's last day: assignments end, accounts are disabled.</summary>
    Task<StaffOutcome> Leave(Actor actor, string staffId, LeaveRequest request);

    /// <summary>An account for a member of staff; the initial password is in the answer, once, and nowhere else.</summary>
    Task<StaffOutcome> CreateAccount(Actor actor, string staffId, AccountRequest request);

    Task<StaffOutcome> Assign(Actor actor, AssignmentRequest request);

    /// <summary>A new last day for an assignment (null: open again), refused while recorded rows would be left unassigned.</summary>
    Task<StaffOutcome> EndAssignment(Actor actor, long assignmentId, AssignmentEndRequest request);

    Task<StaffOutcome> SetClassTeacher(Actor actor, string classId, ClassTeacherRequest request);

    /// <summary>A new subgroup split from the class or one of its subgroups, with its pupils from a date.</summary>
    Task<StaffOutcome> Split(Actor actor, SplitRequest request);
}
