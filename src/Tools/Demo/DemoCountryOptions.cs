namespace EduInfo.Tools.Demo;

/// <summary>
/// Size knobs of the demo country. Presets: <see cref="Tiny"/> (tests), <see cref="Small"/> (the run command),
/// <see cref="Medium"/> and <see cref="Large"/> (benchmarks).
/// </summary>
public sealed record DemoCountryOptions
{
    public int Seed { get; init; } = 2026;
    public string AcademicYear { get; init; } = "2026-2027";
    public int SchoolsPerDistrict { get; init; } = 2;
    public int KindergartensPerDistrict { get; init; } = 1;
    public int ClassesPerGrade { get; init; } = 1;
    public int StudentsPerClass { get; init; } = 12;
    /// <summary>Classes of at least this many students in grades 5+ are split into subgroups for languages and informatics.</summary>
    public int SplitFrom { get; init; } = 24;

    /// <summary>School grades that get classes (1–11 in a full school).</summary>
    public IReadOnlyList<int> Grades { get; init; } = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];

    public static DemoCountryOptions Tiny { get; } = new() { SchoolsPerDistrict = 1, KindergartensPerDistrict = 0, Grades = [5, 9], StudentsPerClass = 8 };

    public static DemoCountryOptions Small { get; } = new();

    /// <summary>
    /// The small country's schools with the large one's classes of 25: a whole year of its journal (about 5 million
    /// rows) loads in minutes, so a class grain with a year of history can be measured directly (issue 26.3).
    /// </summary>
    public static DemoCountryOptions Medium { get; } = new() { StudentsPerClass = 25 };

    /// <summary>For benchmarks: ≥ 200,000 students.</summary>
    public static DemoCountryOptions Large { get; } = new()
    {
        SchoolsPerDistrict = 10, KindergartensPerDistrict = 3, ClassesPerGrade = 2, StudentsPerClass = 25,
    };

    public static DemoCountryOptions ForSize(string size) => size switch
    {
        "tiny" => Tiny,
        "small" => Small,
        "medium" => Medium,
        "large" => Large,
        _ => throw new ArgumentException($"Unknown demo size '{size}': use tiny, small, medium or large.", nameof(size)),
    };
}
