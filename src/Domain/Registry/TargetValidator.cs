
namespace EduInfo.Domain.Registry;

/// <summary>Whether a programme target (order point 4) may be set: an area's, for a metric the summaries show, in percent.</summary>
public static class TargetValidator
{
    /// <summary>The metrics a target may be set for, by their wire names (the rates of a summary).</summary>
    public static readonly IReadOnlyList<string> Metrics = ["attendanceRate", "formativePercent", "summativePercent", "knowledgeQuality", "successRate"];

    public static IReadOnlyList<RegistryProblem> Validate(NodeKind kind, string metric, decimal? targetPercent)
    {
        var problems = new List<RegistryProblem>();
        if (kind is not (NodeKind.Republic or NodeKind.Region or NodeKind.District))
        {
            problems.Add(new("nodeId", RegistryError.NotArea));
        }
        if (!Metrics.Contains(metric, StringComparer.Ordinal))
        {
            problems.Add(new("metric", RegistryError.MetricUnknown));
        }
        if (targetPercent is not (>= 0 and <= 100))
        {
            problems.Add(new("targetPercent", RegistryError.OutOfRange));
        }
        return problems;
    }
}
