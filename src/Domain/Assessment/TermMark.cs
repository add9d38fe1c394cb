namespace EduInfo.Domain.Assessment;

/// <summary>
/// The Kazakh term mark (DESIGN.md §2), as pure functions: term % = Σ weightᵢ·%ᵢ / Σ weightᵢ over the counted
/// components (a component not held, or excused for the student, gives its weight to the others in proportion),
/// computed exactly, rounded once half-up, then banded.
/// </summary>
public static class TermMark
{
    public static TermResult Compute(AssessmentPolicy policy, int grade, IReadOnlyList<StudentComponent> components, bool termClosed)
    {
        if (policy.DescriptiveGrades.Contains(grade))
        {
            return new TermResult(TermOutcome.Descriptive, null, null, null, new Dictionary<ComponentKind, Fraction>());
        }
        // A component of weight 0 (a policy may switch one off) carries nothing: it neither counts, nor is pending, nor
        // divides by zero.
        components = components.Where(c => policy.Weights[c.Kind] > 0).ToList();
        if (components.Any(c => c.State == ComponentState.Pending))
        {
            return new TermResult(TermOutcome.Pending, null, null, null, new Dictionary<ComponentKind, Fraction>());
        }
        var counted = components.Where(c => c.State == ComponentState.Counted).ToList();
        if (counted.Count == 0)
        {
            return new TermResult(termClosed ? TermOutcome.NotAttested : TermOutcome.NotYetAssessed, null, null, null, new Dictionary<ComponentKind, Fraction>());
        }

        var totalWeight = counted.Sum(c => (long)policy.Weights[c.Kind]);
        var weights = counted.ToDictionary(c => c.Kind, c => new Fraction(policy.Weights[c.Kind], totalWeight));
        var exact = counted.Aggregate(Fraction.Zero, (sum, c) => sum + weights[c.Kind] * c.Percent());
        var percent = exact.RoundHalfUp();
        return new TermResult(TermOutcome.Marked, exact, percent, Band(policy, percent), weights);
    }

    /// <summary>The mark of a rounded term percentage.</summary>
    public static int Band(AssessmentPolicy policy, int percent) => policy.Bands.First(b => percent >= b.FromPercent).Mark;

    /// <summary>The annual mark: the mean of the term marks, rounded half-up (4, 4, 5, 5 → 5).</summary>
    public static int Annual(IReadOnlyList<int> termMarks) =>
        termMarks.Count == 0 ? throw new ArgumentException("No term marks.", nameof(termMarks)) : new Fraction(termMarks.Sum(), termMarks.Count).RoundHalfUp();
}
