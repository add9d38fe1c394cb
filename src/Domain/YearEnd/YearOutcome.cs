namespace EduInfo.Domain.YearEnd;

/// <summary>Where a subject's final mark comes from.</summary>
public enum FinalMarkSource
{
    /// <summary>The annual mark (no examination in the subject).</summary>
    Annual,
    /// <summary>The annual and the examination marks combined by the policy.</summary>
    Combined,
    /// <summary>Examined, the examination not written yet: no final mark.</summary>
    ExamPending,
    /// <summary>Not attested for the year (н/а): fails the subject.</summary>
    NotAttested,
    /// <summary>Exempt from the subject: no mark, fails nothing.</summary>
    Exempt,
}

/// <summary>A subject's final mark at the year's end (null without one), where it comes from, and whether it fails the subject.</summary>
public sealed record FinalMark(string SubjectId, int? Mark, FinalMarkSource Source, bool Fails);

/// <summary>
/// A pupil's year: the final marks, the subjects failed (to re-examine), whether every examination is written, the
/// council decision proposed (the council may record another), and the document earned (with distinction where every
/// final mark is the highest) — null when none is due or not yet earned.
/// </summary>
public sealed record YearOutcome(
    IReadOnlyList<FinalMark> Finals,
    IReadOnlyList<string> Failed,
    bool ExamsWritten,
    CouncilDecision? Proposed,
    EducationDocumentKind? Document,
    bool WithDistinction);
