using EduInfo.Domain.Assessment;
using EduInfo.Domain.Journal;

namespace EduInfo.Domain.Metrics;

/// <summary>
/// A student's work in one subject and term as sums (count, Σ score, Σ max per component): all a term mark needs,
/// since FO% = Σ score ÷ Σ max (formative marks carry the scale as their maximum), SOR% = Σ score ÷ Σ max, and
/// SOCH% = score ÷ max.
/// </summary>
public sealed class TermWork
{
    // Three components' sums inline (88 bytes an object, not 184 with three arrays): a class keeps one per pupil, subject
    // and term, 1,200 of them for a class of 25 with 12 subjects over a year (issue 26.3).
    private Sums _formative, _section, _term;

    private struct Sums
    {
        public long Count, Score, Max;
    }

    private ref Sums Of(int kind)
    {
        switch (kind)
        {
            case (int)MarkKind.Formative: return ref _formative;
            case (int)MarkKind.Section: return ref _section;
            case (int)MarkKind.Term: return ref _term;
            default: throw new ArgumentOutOfRangeException(nameof(kind), kind, "A term's work has formative, section and term marks only.");
        }
    }

    public void Add(MarkKind kind, long count, long scoreSum, long maxSum)
    {
        ref var sums = ref Of((int)kind);
        sums.Count += count;
        sums.Score += scoreSum;
        sums.Max += maxSum;
    }

    public bool Has(MarkKind kind) => Of((int)kind).Count > 0;

    public bool IsEmpty => _formative.Count == 0 && _section.Count == 0 && _term.Count == 0;

    public (long Count, long ScoreSum, long MaxSum) Of(MarkKind kind)
    {
        var sums = Of((int)kind);
        return (sums.Count, sums.Score, sums.Max);
    }

    /// <summary>
    /// The three components for <see cref="TermMark.Compute"/>: a component this student has is counted; one held
    /// for the group that the student lacks is missed (pending); one nobody in the group had is not held.
    /// </summary>
    public IReadOnlyList<StudentComponent> Components(Func<MarkKind, bool> heldForGroup, Func<MarkKind, bool>? excused = null) =>
    [
        Component(ComponentKind.Formative, MarkKind.Formative, heldForGroup, excused),
        Component(ComponentKind.Section, MarkKind.Section, heldForGroup, excused),
        Component(ComponentKind.Term, MarkKind.Term, heldForGroup, excused),
    ];

    private StudentComponent Component(ComponentKind component, MarkKind kind, Func<MarkKind, bool> heldForGroup, Func<MarkKind, bool>? excused)
    {
        var sums = Of((int)kind);
        if (sums.Count > 0)
        {
            return new StudentComponent(component, [((int)sums.Score, (int)sums.Max)]);
        }
        // A missing formative mark never blocks a term mark: only summatives are written "as an event" and pending.
        var held = heldForGroup(kind) && kind != MarkKind.Formative;
        // A missed summative the head excused shares its weight among the others, for this student only.
        return new StudentComponent(component, [], HeldForGroup: held, Missed: held, Excused: held && excused?.Invoke(kind) == true);
    }
}
