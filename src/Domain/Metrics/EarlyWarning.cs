using EduInfo.Domain.Assessment;

namespace EduInfo.Domain.Metrics;

/// <summary>Why a pupil is on a class's early-warning list (docs/analysis.md, Signals).</summary>
public enum WarningReason
{
    /// <summary>Missed at least <see cref="EarlyWarning.AbsencePercent"/> % of their lesson-seats of the term (any code; late is attended).</summary>
    Absences,
    /// <summary>A term mark of 2 in a subject (a college: under 50 %), as the components so far give it; final once the term is closed.</summary>
    ProjectedFail,
    /// <summary>A section or term summative the class held and the pupil has neither written nor been excused from.</summary>
    PendingSummative,
}

/// <summary>
/// One reason: <paramref name="SubjectId"/> for a subject's reasons, <paramref name="Component"/> for a pending summative,
/// <paramref name="Value"/> the missed percentage (rounded half-up), or the projected mark (a college's percentage).
/// </summary>
public sealed record WarningCause(WarningReason Reason, string? SubjectId = null, ComponentKind? Component = null, int? Value = null);

/// <summary>A pupil's standing in one subject of the term: the term result and the held summatives they still owe.</summary>
public sealed record SubjectStanding(string SubjectId, TermResult Result, IReadOnlyList<ComponentKind> PendingSummatives);

/// <summary>A pupil flagged in a term, with every reason.</summary>
public sealed record PupilWarning(string StudentId, IReadOnlyList<WarningCause> Causes);

/// <summary>
/// The early-warning rule per pupil and term, pure: the lesson-seats and how many were missed, and each subject's
/// standing go in; the reasons come out (none: no warning), absences first, then subjects in id order.
/// </summary>
public static class EarlyWarning
{
    public const int AbsencePercent = 10;

    public static IReadOnlyList<WarningCause> Causes(int seats, int missed, IReadOnlyList<SubjectStanding> subjects, bool college)
    {
        var causes = new List<WarningCause>();
        if (MissedTooMuch(seats, missed))
        {
            causes.Add(new WarningCause(WarningReason.Absences, Value: new Fraction(100L * missed, seats).RoundHalfUp()));
        }
        foreach (var subject in subjects.OrderBy(s => s.SubjectId, StringComparer.Ordinal))
        {
            if (Fails(subject.Result, college))
            {
                causes.Add(new WarningCause(WarningReason.ProjectedFail, subject.SubjectId, Value: college ? subject.Result.Percent : subject.Result.Mark));
            }
            causes.AddRange(subject.PendingSummatives.Order().Select(kind => new WarningCause(WarningReason.PendingSummative, subject.SubjectId, kind)));
        }
        return causes;
    }

    /// <summary>missed ÷ seats ≥ 10 %, exactly (integers, no rounding): no seats, no warning.</summary>
    public static bool MissedTooMuch(int seats, int missed) => seats > 0 && 100L * missed >= (long)AbsencePercent * seats;

    /// <summary>The ledger's failing result: a mark of 2 (a college: under 50 %, an F).</summary>
    public static bool Fails(TermResult result, bool college) =>
        result.Outcome == TermOutcome.Marked && (college ? result.Percent < 50 : result.Mark <= 2);
}
