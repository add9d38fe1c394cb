using EduInfo.Domain.Assessment;
using EduInfo.Domain.Journal;

namespace EduInfo.Domain.Metrics;

/// <summary>
/// A student's work in one subject and term as sums (count, Σ score, Σ max per component): all a term mark needs,
/// since FO% = Σ score ÷ Σ max (formative marks carry the scale as their maximum), SOR% = Σ score ÷ Σ max, and
/// SOCH% = score ÷ max.
/// </summary>
public struct TermWork
{
    // A value of 36 bytes, kept in one array per term and subject indexed by pupil: a class keeps one per pupil, subject
    // and term, 1,200 for a class of 25 with 12 subjects over a year (issue 26.3: an object each with a dictionary entry
    // cost 3.3 times as much). One pupil's sums in one subject and term stay far below 2^31.
    private Sums _formative, _section, _term;

    private readonly record struct Sums(int Count, int Score, int Max)
    {
        public Sums Plus(long count, long score, long max) =>
            new(checked((int)(Count + count)), checked((int)(Score + score)), checked((int)(Max + max)));
    }

    public void Add(MarkKind kind, long count, long scoreSum, long maxSum)
    {
        _ = Sum(kind); // an unknown kind throws
        switch (kind)
        {
            case MarkKind.Formative: _formative = _formative.Plus(count, scoreSum, maxSum); break;
            case MarkKind.Section: _section = _section.Plus(count, scoreSum, maxSum); break;
            default: _term = _term.Plus(count, scoreSum, maxSum); break;
        }
    }

    public readonly bool Has(MarkKind kind) => Sum(kind).Count > 0;

    public readonly bool IsEmpty => _formative.Count == 0 && _section.Count == 0 && _term.Count == 0;

    public readonly (long Count, long ScoreSum, long MaxSum) Of(MarkKind kind)
    {
        var sums = Sum(kind);
        return (sums.Count, sums.Score, sums.Max);
    }

    private readonly Sums Sum(MarkKind kind) => kind switch
    {
        MarkKind.Formative => _formative,
        MarkKind.Section => _section,
        MarkKind.Term => _term,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "A term's work has formative, section and term marks only."),
    };

    /// <summary>
    /// The three components for <see cref="TermMark.Compute"/>: a component this student has is counted; one held
    /// for the group that the student lacks is missed (pending); one nobody in the group had is not held.
    /// </summary>
    public readonly IReadOnlyList<StudentComponent> Components(Func<MarkKind, bool> heldForGroup, Func<MarkKind, bool>? excused = null) =>
    [
        Component(ComponentKind.Formative, MarkKind.Formative, heldForGroup, excused),
        Component(ComponentKind.Section, MarkKind.Section, heldForGroup, excused),
        Component(ComponentKind.Term, MarkKind.Term, heldForGroup, excused),
    ];

    private readonly StudentComponent Component(ComponentKind component, MarkKind kind, Func<MarkKind, bool> heldForGroup, Func<MarkKind, bool>? excused)
    {
        var sums = Sum(kind);
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
