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
    private readonly long[] _count = new long[3];
    private readonly long[] _score = new long[3];
    private readonly long[] _max = new long[3];

    public void Add(MarkKind kind, long count, long scoreSum, long maxSum)
    {
        _count[(int)kind] += count;
        _score[(int)kind] += scoreSum;
        _max[(int)kind] += maxSum;
    }

    public bool Has(MarkKind kind) => _count[(int)kind] > 0;

    public bool IsEmpty => _count.All(c => c == 0);

    public (long Count, long ScoreSum, long MaxSum) Of(MarkKind kind) => (_count[(int)kind], _score[(int)kind], _max[(int)kind]);

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
        var i = (int)kind;
        if (_count[i] > 0)
        {
            return new StudentComponent(component, [((int)_score[i], (int)_max[i])]);
        }
        // A missing formative mark never blocks a term mark: only summatives are written "as an event" and pending.
        var held = heldForGroup(kind) && kind != MarkKind.Formative;
        // A missed summative the head excused shares its weight among the others, for this student only.
        return new StudentComponent(component, [], HeldForGroup: held, Missed: held, Excused: held && excused?.Invoke(kind) == true);
    }
}
