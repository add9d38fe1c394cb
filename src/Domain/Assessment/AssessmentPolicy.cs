namespace EduInfo.Domain.Assessment;

/// <summary>
/// A school assessment policy, in force from <see cref="EffectiveFrom"/> (policies are data: the Ministry changes
/// weights and bands). Defaults are the rules since 1 September 2020 (DESIGN.md §2).
/// </summary>
public sealed record AssessmentPolicy
{
    public DateOnly EffectiveFrom { get; init; } = new(2020, 9, 1);

    /// <summary>Formative marks are 1..scale.</summary>
    public int FormativeScale { get; init; } = 10;

    /// <summary>Weights of the components in percent (25 / 25 / 50).</summary>
    public IReadOnlyDictionary<ComponentKind, int> Weights { get; init; } = new Dictionary<ComponentKind, int>
    {
        [ComponentKind.Formative] = 25,
        [ComponentKind.Section] = 25,
        [ComponentKind.Term] = 50,
    };

    /// <summary>The lowest rounded term percentage of each mark, highest first: 85 → 5, 65 → 4, 40 → 3, else 2.</summary>
    public IReadOnlyList<(int FromPercent, int Mark)> Bands { get; init; } = [(85, 5), (65, 4), (40, 3), (0, 2)];

    /// <summary>Grades assessed descriptively, without term marks.</summary>
    public IReadOnlySet<int> DescriptiveGrades { get; init; } = new HashSet<int> { 1 };

    /// <summary>The policy in force on a date among versions (the latest whose effective date is not after it).</summary>
    public static AssessmentPolicy InForce(IEnumerable<AssessmentPolicy> versions, DateOnly date) =>
        versions.Where(p => p.EffectiveFrom <= date).MaxBy(p => p.EffectiveFrom)
        ?? throw new InvalidOperationException($"No assessment policy in force on {date:yyyy-MM-dd}.");
}
