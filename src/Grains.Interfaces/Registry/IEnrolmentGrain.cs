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

    /// <summary>
    /// Ends the student's enrolment on a day (its last), unless the journal holds rows of theirs in the class after it
    /// (refused, naming their sequence numbers); the class's watermark moves in the same transaction, audited.
    /// </summary>
    Task<PupilOutcome> Leave(Actor actor, PupilEndRequest request);

    /// <summary>Corrects the student's names or birth date with a reason; the audit row keeps old → new (never the IIN).</summary>
    Task<PupilOutcome> Correct(Actor actor, PupilCorrectionRequest request);

    /// <summary>Links a parent (found or created by their IIN) to the student from a date, confirmed against a document; audited.</summary>
    Task<PupilOutcome> LinkParent(Actor actor, ParentLinkRequest request);

    /// <summary>Ends a parent's link to the student on a day (its last), with a reason; audited.</summary>
    Task<PupilOutcome> UnlinkParent(Actor actor, string parentId, PupilEndRequest request);
}
