using EduInfo.Domain.Journal;

namespace EduInfo.Domain.Assessment;

/// <summary>Policies as data: checking an operator's document and turning it into the rules the term mark uses.</summary>
public static class PolicyDocuments
{
    public static AssessmentPolicy ToPolicy(AssessmentPolicyDocument d) => new()
    {
        EffectiveFrom = d.EffectiveFrom!.Value,
        FormativeScale = d.FormativeScale!.Value,
        Weights = new Dictionary<ComponentKind, int>
        {
            [ComponentKind.Formative] = d.Weights!.Formative!.Value,
            [ComponentKind.Section] = d.Weights.Section!.Value,
            [ComponentKind.Term] = d.Weights.Term!.Value,
        },
        Bands = d.Bands!.Select(b => (b.FromPercent!.Value, b.Mark!.Value)).OrderByDescending(b => b.Item1).ToList(),
        DescriptiveGrades = (d.DescriptiveGrades ?? []).ToHashSet(),
    };

    /// <summary>
    /// A version may be set only for a date after today (versions in force are never rewritten). Weights are
    /// non-negative and sum to 100; the scale is 1..100; bands start at 0, rise strictly and give rising marks;
    /// descriptive grades are 0..12.
    /// </summary>
    public static IReadOnlyList<EntryProblem> Validate(AssessmentPolicyDocument d, DateOnly today)
    {
        var problems = new List<EntryProblem>();
        if (d.EffectiveFrom is null)
        {
            problems.Add(new("effectiveFrom", JournalError.Required, []));
        }
        else if (d.EffectiveFrom <= today)
        {
            problems.Add(new("effectiveFrom", JournalError.PolicyInForce, [today.ToString("yyyy-MM-dd")]));
        }
        if (d.FormativeScale is not (>= 1 and <= 100))
        {
            problems.Add(new("formativeScale", JournalError.PolicyScaleInvalid, ["1", "100"]));
        }
        var w = d.Weights;
        // Each weight is checked on its own first, so that no sum can overflow into 100.
        if (w?.Formative is not (>= 0 and <= 100) || w.Section is not (>= 0 and <= 100) || w.Term is not (>= 0 and <= 100)
            || w.Formative + w.Section + w.Term != 100)
        {
            problems.Add(new("weights", JournalError.PolicyWeightsInvalid, []));
        }
        var bands = d.Bands ?? [];
        var ordered = bands.Where(b => b?.FromPercent is not null && b.Mark is not null).OrderBy(b => b!.FromPercent).ToList();
        var bandsValid = bands.Count is >= 2 and <= 12 && ordered.Count == bands.Count && ordered[0]!.FromPercent == 0
            && ordered.All(b => b!.FromPercent is >= 0 and <= 100 && b.Mark is >= 1 and <= 100)
            && ordered.Zip(ordered.Skip(1)).All(p => p.Second!.FromPercent > p.First!.FromPercent && p.Second.Mark > p.First.Mark);
        if (!bandsValid)
        {
            problems.Add(new("bands", JournalError.PolicyBandsInvalid, []));
        }
        if ((d.DescriptiveGrades ?? []).Any(g => g is < 0 or > 12))
        {
            problems.Add(new("descriptiveGrades", JournalError.PolicyGradesInvalid, ["0", "12"]));
        }
        return problems;
    }
}
