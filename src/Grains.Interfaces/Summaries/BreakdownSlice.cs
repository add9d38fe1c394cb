using EduInfo.Domain.Metrics;

namespace EduInfo.Grains.Interfaces.Summaries;

/// <summary>
/// A node's figures for one value of one breakdown dimension in a term (0 = the year), over all subjects: integer figures,
/// so a parent's slice is the exact sum of its children's (issue 19).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record BreakdownSlice(
    [property: Id(0)] BreakdownDimension Dimension,
    [property: Id(1)] string Value,
    [property: Id(2)] int Term,
    [property: Id(3)] SummaryFigures Figures)
{
    public BreakdownKey Key => new(Dimension, Value, Term);
}

/// <summary>Adding and removing whole sets of slices, slice by slice (a parent keeps the running sum of its children's).</summary>
public static class BreakdownSlices
{
    public static void Add(Dictionary<BreakdownKey, SummaryFigures> total, IReadOnlyList<BreakdownSlice>? part, int sign = 1)
    {
        foreach (var slice in part ?? [])
        {
            var held = total.GetValueOrDefault(slice.Key) ?? SummaryFigures.Zero;
            var next = sign > 0 ? held + slice.Figures : held - slice.Figures;
            if (next == SummaryFigures.Zero)
            {
                total.Remove(slice.Key);
            }
            else
            {
                total[slice.Key] = next;
            }
        }
    }

    /// <summary>The slices as a list in a stable order (dimension, term, value).</summary>
    public static IReadOnlyList<BreakdownSlice> ToList(IReadOnlyDictionary<BreakdownKey, SummaryFigures> slices) =>
        slices.Where(s => s.Value != SummaryFigures.Zero)
            .OrderBy(s => s.Key.Dimension).ThenBy(s => s.Key.Term).ThenBy(s => s.Key.Value, StringComparer.Ordinal)
            .Select(s => new BreakdownSlice(s.Key.Dimension, s.Key.Value, s.Key.Term, s.Value)).ToList();
}
