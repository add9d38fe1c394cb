namespace EduInfo.Domain.Assessment;

/// <summary>
/// Term results equal in value: outcome, exact and rounded percent, mark and the weights used (by content, where the
/// record's own equality compares the weights' dictionary by reference). Lets a class ledger keep one instance of each
/// result its pupils share instead of one per pupil, subject and term.
/// </summary>
public sealed class TermResultComparer : IEqualityComparer<TermResult>
{
    public static readonly TermResultComparer Instance = new();

    public bool Equals(TermResult? x, TermResult? y)
    {
        if (ReferenceEquals(x, y))
        {
            return true;
        }
        if (x is null || y is null || x.Outcome != y.Outcome || x.ExactPercent != y.ExactPercent || x.Percent != y.Percent
            || x.Mark != y.Mark || x.WeightsUsed.Count != y.WeightsUsed.Count)
        {
            return false;
        }
        foreach (var (kind, weight) in x.WeightsUsed)
        {
            if (!y.WeightsUsed.TryGetValue(kind, out var other) || other != weight)
            {
                return false;
            }
        }
        return true;
    }

    public int GetHashCode(TermResult obj) => HashCode.Combine(obj.Outcome, obj.ExactPercent, obj.Percent, obj.Mark, obj.WeightsUsed.Count);
}
