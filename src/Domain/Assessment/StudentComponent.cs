namespace EduInfo.Domain.Assessment;

/// <summary>
/// One component of a student's term: the scores and maxima written (formative marks carry the scale as maximum),
/// and whether it was held for the group, missed, or excused.
/// </summary>
public sealed record StudentComponent(ComponentKind Kind, IReadOnlyList<(int Score, int Max)> Works, bool HeldForGroup = true, bool Missed = false, bool Excused = false)
{
    public ComponentState State => !HeldForGroup ? ComponentState.NotHeld
        : Works.Count > 0 ? ComponentState.Counted
        : Excused ? ComponentState.Excused
        : Missed ? ComponentState.Pending
        : ComponentState.NotHeld;

    /// <summary>Σ score / Σ max: FO% (the mean on the scale), SOR% over the term, SOCH%.</summary>
    public Fraction Percent() => new(100L * Works.Sum(w => (long)w.Score), Works.Sum(w => (long)w.Max));
}
