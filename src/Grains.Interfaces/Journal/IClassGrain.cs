using EduInfo.Domain.Calendar;
using EduInfo.Domain.Journal;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Assessment;
using EduInfo.Grains.Interfaces.Calendar;
using EduInfo.Grains.Interfaces.Registry;
using EduInfo.Grains.Interfaces.Summaries;

namespace EduInfo.Grains.Interfaces.Journal;

/// <summary>
/// A class (home group): the entry point of the journal write path. Validates a batch against the roster,
/// the teacher's assignment, the calendar and the term closes (all or nothing), commits it in one round trip,
/// applies only the rows actually inserted to its students and its own summary, then acknowledges.
/// </summary>
public interface IClassGrain : ISummaryNode
{
    /// <summary>Records a batch of marks written by <paramref name="actor"/>.</summary>
    Task<BatchOutcome> RecordMarks(Actor actor, MarkBatch batch);

    /// <summary>Records a batch of roll-calls written by <paramref name="actor"/>.</summary>
    Task<BatchOutcome> RecordLessons(Actor actor, LessonBatch batch);

    /// <summary>Checks a batch of marks as <see cref="RecordMarks"/> would, writing nothing (a profile group checks every class's part first).</summary>
    Task<IReadOnlyList<EntryProblem>> CheckMarks(Actor actor, MarkBatch batch);

    /// <summary>Checks a batch of roll-calls as <see cref="RecordLessons"/> would, writing nothing.</summary>
    Task<IReadOnlyList<EntryProblem>> CheckLessons(Actor actor, LessonBatch batch);

    /// <summary>Supersedes (replaces or voids) one of the class's rows, with a reason; totals and term marks follow at once.</summary>
    Task<BatchOutcome> Correct(Actor actor, CorrectionRequest correction);

    /// <summary>
    /// Rebuilds from the registry and the journal and republishes, whatever the watermark says: after a change made
    /// outside the class's own write path (a transfer, a registry change not yet loaded, rows of a student who has moved on).
    /// </summary>
    Task Refresh();

    /// <summary>
    /// Replaces the class's timetable from a date (the caller's right, the head's, is checked by the Api): slots from
    /// that day are replaced, slots running on it end the day before. Audited; the class rebuilds its completeness.
    /// </summary>
    Task<RegistryOutcome> ReplaceTimetable(Actor actor, TimetableDocument timetable);

    /// <summary>The head excuses a student's missed summative; the student's term mark follows at once. Audited.</summary>
    Task<BatchOutcome> Excuse(Actor actor, ExcusalRequest excusal);

    /// <summary>The head exempts a pupil from a subject for a term or the year; their result there is "exempt" at once. Audited.</summary>
    Task<BatchOutcome> Exempt(Actor actor, ExemptionRequest exemption);

    /// <summary>The head enters an examination of the final attestation: the subject examined for the class and pupils' marks. Audited.</summary>
    Task<BatchOutcome> RecordExam(Actor actor, ExamRequest exam);

    /// <summary>The head records the pedagogical council's decisions per pupil (a reason where one departs from the default). Audited.</summary>
    Task<BatchOutcome> RecordCouncil(Actor actor, CouncilRequest council);

    /// <summary>The head issues the education document a pupil earned (series, number, date); the marks are the year's final marks. Audited.</summary>
    Task<DocumentOutcome> IssueDocument(Actor actor, DocumentRequest document);

    /// <summary>The head revokes a document the class issued, with a reason; it stays in the register as revoked. Audited.</summary>
    Task<DocumentOutcome> RevokeDocument(Actor actor, Guid documentId, DocumentRevocationRequest revocation);

    /// <summary>
    /// As <see cref="ISummaryNode.Reconcile"/>, for a parent that has just read the class's watermark from the journal
    /// (<paramref name="journalVersion"/>): a class that holds it answers without asking the journal again (a restart
    /// pulls thousands of classes), and the parent holds that answer, so the class does not also publish it.
    /// </summary>
    Task<NodeSummary> ReconcileTo(long journalVersion);

    /// <summary>The year's close (true) or reopening (false): a closed year's class refuses every journal write at once.</summary>
    Task SetYearClosed(bool closed);

    /// <summary>The class's year end today: each pupil's annual, examination and final marks, failures, the council's default and the document.</summary>
    Task<ClassYearEndView?> GetYearEnd();

    /// <summary>Closes (<paramref name="close"/> true) or reopens a term for the class: the head of the organization only. Audited.</summary>
    Task<BatchOutcome> SetTermClosed(Actor actor, int term, bool close, string? reason);

    /// <summary>
    /// A loaded student asks to be sent its rows from now on (<see cref="Students.IStudentGrain.Apply"/>); students that
    /// do not listen are not woken by writes. A hint kept in memory only: a reactivated class has forgotten it, and the
    /// student compares its watermarks with the journal's on read.
    /// </summary>
    /// <remarks>Interleaves: a student listens while loading, and a write may be awaiting that very student.</remarks>
    [Orleans.Concurrency.AlwaysInterleave]
    Task Listen(string studentId);

    /// <summary>The teacher's journal grid: one subject, one term, every student's marks and roll-call marks.</summary>
    /// <remarks>Read-only, so it interleaves with writes (a write awaits its students, and a student's diary awaits its class).</remarks>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<ClassJournalView?> GetJournal(string subjectId, int term);

    /// <summary>A student's standing in every subject of every started term and the year, from this class's ledger.</summary>
    /// <remarks>Read-only and called by student grains: it must interleave with a write that is awaiting those students.</remarks>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<StudentStandings> GetStandings(string studentId);

    /// <summary>The term's early-warning list from the ledger (null: a term the calendar lacks). Names are the Api's, for readers of the diaries.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<ClassWarningsView?> GetWarnings(int term);
}
