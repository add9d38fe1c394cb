namespace EduInfo.Domain.Assessment;

/// <summary>
/// "What do I need" (issue 17): for a summative held for the group, its maximum known, that a student has still to
/// write, the least score that gives each term mark above the lowest under the policy in force. Every candidate score
/// goes through <see cref="TermMark.Compute"/> itself — the same exact fractions, the same single half-up rounding,
/// the same bands — so the answer can never disagree with the mark the journal will then show.
/// </summary>
public static class SummativeTargets
{
    /// <summary>
    /// The targets of writing the pending <paramref name="kind"/> out of <paramref name="maxScore"/>, the student's other
    /// components as they stand. None when the component is not pending for the student, the grade is assessed
    /// descriptively, or another summative is pending too (the term mark then waits for both: see <see cref="OtherPending"/>).
    /// </summary>
    public static IReadOnlyList<ScoreTarget> Of(AssessmentPolicy policy, int grade, IReadOnlyList<StudentComponent> components, ComponentKind kind, int maxScore)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxScore, 1);
        if (policy.DescriptiveGrades.Contains(grade) || policy.Weights[kind] == 0
            || !components.Any(c => c.Kind == kind && c.State == ComponentState.Pending) || OtherPending(policy, components, kind).Count > 0)
        {
            return [];
        }
        int? MarkWith(int score) => TermMark.Compute(policy, grade, Written(components, kind, score, maxScore), termClosed: false).Mark;
        // The term % never falls as the score rises, so the least score of each mark is found by bisection.
        return policy.Bands.Select(b => b.Mark).Distinct().Order().Skip(1)
            .Select(mark => new ScoreTarget(mark, LeastScore(maxScore, score => MarkWith(score) >= mark)))
            .ToList();
    }

    /// <summary>The student's other summatives still pending (with a weight): while one is, no single score makes a mark.</summary>
    public static IReadOnlyList<ComponentKind> OtherPending(AssessmentPolicy policy, IReadOnlyList<StudentComponent> components, ComponentKind kind) =>
        components.Where(c => c.Kind != kind && c.State == ComponentState.Pending && policy.Weights[c.Kind] > 0).Select(c => c.Kind).ToList();

    /// <summary>The components with <paramref name="kind"/> written: a score out of its maximum, counted like any other work.</summary>
    private static IReadOnlyList<StudentComponent> Written(IReadOnlyList<StudentComponent> components, ComponentKind kind, int score, int maxScore) =>
        components.Select(c => c.Kind == kind ? new StudentComponent(kind, [(score, maxScore)]) : c).ToList();

    /// <summary>The least score in 0..<paramref name="maxScore"/> that <paramref name="reaches"/>, or null when even the maximum does not.</summary>
    private static int? LeastScore(int maxScore, Func<int, bool> reaches)
    {
        if (!reaches(maxScore))
        {
            return null;
        }
        var (low, high) = (0, maxScore); // reaches(high) holds throughout
        while (low < high)
        {
            var middle = low + (high - low) / 2;
            (low, high) = reaches(middle) ? (low, middle) : (middle + 1, high);
        }
        return high;
    }
}

/// <summary>A term mark and the least score that gives it (0: any score does; null: not reachable even with the maximum).</summary>
public sealed record ScoreTarget(int Mark, int? LeastScore);
