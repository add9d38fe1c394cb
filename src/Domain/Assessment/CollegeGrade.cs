namespace EduInfo.Domain.Assessment;

/// <summary>Colleges: a percentage gives a letter and a GPA point (DESIGN.md §2).</summary>
public static class CollegeGrade
{
    private static readonly (int From, string Letter, decimal Gpa)[] Scale =
    [
        (95, "A", 4.0m), (90, "A-", 3.67m), (85, "B+", 3.33m), (80, "B", 3.0m), (75, "B-", 2.67m), (70, "C+", 2.33m),
        (65, "C", 2.0m), (60, "C-", 1.67m), (55, "D+", 1.33m), (50, "D", 1.0m), (25, "FX", 0.5m), (0, "F", 0m),
    ];

    public static (string Letter, decimal Gpa) Of(int percent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        var (_, letter, gpa) = Scale.First(s => percent >= s.From);
        return (letter, gpa);
    }
}
