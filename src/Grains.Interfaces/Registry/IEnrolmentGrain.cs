using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Actors;

namespace EduInfo.Grains.Interfaces.Registry;

/// <summary>
/// A student's enrolment, keyed by the student id: the one writer of the student's transfers, so two transfers of one
/// student never race. A grain of its own rather than the student's or a class's: a class waits for its students while
/// it applies rows, and two classes may transfer to each other at once, so either of those grains waiting here for
/// both classes could close a cycle of waits. Only the Api calls this grain, so it may wait for everyone.
/// </summary>
public interface IEnrolmentGrain : IGrainWithStringKey
{
    /// <summary>
    /// Moves the student to another class from a date (the caller's right to do so is checked by the Api). The
    /// enrolment and both classes' versions move in one transaction, with the audit row; then both classes and the
    /// student rebuild. A class not told is repaired by the reconciliation, which sees it behind its version.
    /// </summary>
    Task<TransferOutcome> Transfer(Actor actor, TransferRequest request);
}
