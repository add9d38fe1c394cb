using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Summaries;

namespace EduInfo.UnitTests.Domain;

public sealed class TargetValidatorTests
{
    public static TheoryData<string, NodeKind, string, decimal?, string[]> Cases => new()
    {
        { "a region's attendance", NodeKind.Region, "attendanceRate", 95m, [] },
        { "a district's formative percent", NodeKind.District, "formativePercent", 70m, [] },
        { "the republic's summative percent", NodeKind.Republic, "summativePercent", 65.5m, [] },
        { "knowledge quality of 0", NodeKind.Region, "knowledgeQuality", 0m, [] },
        { "success of 100", NodeKind.Region, "successRate", 100m, [] },
        { "an organization is no area", NodeKind.Organization, "attendanceRate", 95m, ["nodeId:NotArea"] },
        { "a class is no area", NodeKind.Class, "attendanceRate", 95m, ["nodeId:NotArea"] },
        { "an unknown metric", NodeKind.Region, "happiness", 95m, ["metric:MetricUnknown"] },
        { "a metric in another case", NodeKind.Region, "AttendanceRate", 95m, ["metric:MetricUnknown"] },
        { "no value", NodeKind.Region, "attendanceRate", null, ["targetPercent:OutOfRange"] },
        { "below 0", NodeKind.Region, "attendanceRate", -0.01m, ["targetPercent:OutOfRange"] },
        { "above 100", NodeKind.Region, "attendanceRate", 100.01m, ["targetPercent:OutOfRange"] },
        { "everything wrong", NodeKind.Class, "happiness", 101m, ["nodeId:NotArea", "metric:MetricUnknown", "targetPercent:OutOfRange"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_rule_names_its_field_and_code(string name, NodeKind kind, string metric, decimal? targetPercent, string[] expected)
    {
        var problems = TargetValidator.Validate(kind, metric, targetPercent);
        Assert.True(expected.SequenceEqual(problems.Select(p => $"{p.Field}:{p.Error}")),
            $"{name}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", problems.Select(p => $"{p.Field}:{p.Error}"))}]");
    }
}
