namespace EduInfo.Api.Contracts;

/// <summary>A programme target beside the live figure: the gap is actual − target (negative = behind), null while the metric has no value.</summary>
public sealed record TargetGap(string Metric, decimal Target, decimal? Actual, decimal? Gap)
{
    public static TargetGap Of(string metric, decimal target, SummaryRates rates)
    {
        decimal? actual = metric switch
        {
            "attendanceRate" => rates.AttendanceRate,
            "formativePercent" => rates.FormativePercent,
            "summativePercent" => rates.SummativePercent,
            "knowledgeQuality" => rates.KnowledgeQuality,
            "successRate" => rates.SuccessRate,
            _ => null,
        };
        return new TargetGap(metric, target, actual, actual - target);
    }
}
