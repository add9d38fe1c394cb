using EduInfo.Domain.Journal;

namespace EduInfo.Grains.Interfaces.Journal;

/// <summary>
/// The answer to a journal batch: either every entry was committed (or was already there),
/// or none was and <see cref="Problems"/> says why. Never a partial write.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record BatchOutcome(
    [property: Id(0)] bool Accepted,
    [property: Id(1)] IReadOnlyList<EntryResult> Entries,
    [property: Id(2)] IReadOnlyList<EntryProblem> Problems,
    [property: Id(3)] long Watermark)
{
    public static BatchOutcome Rejected(IReadOnlyList<EntryProblem> problems) => new(false, [], problems, 0);

    /// <summary>True when the refusal is an idempotency-key conflict (HTTP 409) rather than bad input (400).</summary>
    public bool IsConflict => !Accepted && Problems.Count > 0 && Problems.All(p => p.Error is JournalError.EntryIdConflict or JournalError.LessonAlreadyRecorded
        or JournalError.EntryAlreadyCorrected or JournalError.TermAlreadyClosed or JournalError.TermNotClosed
        or JournalError.DocumentNumberTaken or JournalError.DocumentAlreadyIssued or JournalError.DocumentAlreadyRevoked
        or JournalError.YearClosed or JournalError.YearAlreadyClosed or JournalError.YearNotClosed
        or JournalError.CouncilUndecided or JournalError.YearAlreadyRolled);

    /// <summary>True when the actor may not make this change (HTTP 403).</summary>
    public bool IsForbidden => !Accepted && Problems.Any(p => p.Error == JournalError.NotAllowed);

    /// <summary>True when the class itself does not exist (HTTP 404).</summary>
    public bool IsNotFound => !Accepted && Problems.Any(p => p.Error is JournalError.ClassNotFound or JournalError.EntryNotFound or JournalError.DocumentNotFound or JournalError.YearUnknown);
}
