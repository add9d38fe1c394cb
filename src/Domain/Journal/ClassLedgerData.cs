
namespace EduInfo.Domain.Journal;

/// <summary>
/// What a class rebuilds from, read in one snapshot with its watermark: the effective rows (not superseded, not
/// voided) recorded in the class, as sums by subject and term, its students' marks wherever recorded, the seats of
/// each student per day, and the terms closed for the class.
/// </summary>
public sealed record ClassLedgerData(
    long Watermark,
    IReadOnlyList<RecordedMarks> RecordedMarks,
    IReadOnlyList<StudentMarks> StudentMarks,
    IReadOnlyList<RecordedLessons> Lessons,
    IReadOnlyList<StudentSeats> Seats,
    IReadOnlySet<int> ClosedTerms,
    IReadOnlyList<StudentExcusal>? Excusals = null,
    IReadOnlyList<StudentExemption>? Exemptions = null)
{
    /// <summary>
    /// The journal rows of the year up to <see cref="Watermark"/> recorded in the class plus those naming one of its students (a row
    /// that is both counts twice), when read (0: not counted). Rows are only ever added, so a row that commits after the
    /// read with a sequence below the watermark — another class's, or a slow writer's — changes this count: a ledger
    /// snapshot whose count no longer matches the journal is not brought forward (<see cref="ClassLedgerSnapshot"/>).
    /// </summary>
    public long ScopeRows { get; init; }
}

/// <summary>A head's exemption of a pupil from a subject in a term (<see cref="Term"/> 0: every term of the year).</summary>
public sealed record StudentExemption(string StudentId, string SubjectId, int Term);

/// <summary>A head's excusal of a student's missed summative in a subject and term.</summary>
public sealed record StudentExcusal(string StudentId, string SubjectId, int Term, MarkKind Kind);

public sealed record RecordedMarks(string SubjectId, int Term, MarkKind Kind, long Count, long ScoreSum, long MaxSum);

public sealed record StudentMarks(string StudentId, string SubjectId, int Term, MarkKind Kind, long Count, long ScoreSum, long MaxSum);

public sealed record RecordedLessons(string SubjectId, int Term, long Lessons, long Seats, long Late, long Unexcused, long Excused, long Sick);

/// <summary>A student's seats in the class's roll-calls of a day, by absence code (late is attended; missed = the other three).</summary>
public sealed record StudentSeats(string StudentId, DateOnly Date, int Seats, int Late, int Unexcused, int Excused, int Sick)
{
    public int Missed => Unexcused + Excused + Sick;
}

/// <summary>A term's number and dates, as the journal's queries bucket rows by term.</summary>
public sealed record TermSpan(int Term, DateOnly Starts, DateOnly Ends);
