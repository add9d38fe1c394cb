namespace EduInfo.Domain.Metrics;

/// <summary>
/// Where a school student stands in the progress report (успеваемость) over the results of a term or the year: one
/// group each, so the groups add up to the students assessed (docs/analysis.md, "Report forms").
/// </summary>
public enum ProgressGroup
{
    /// <summary>Every result 5.</summary>
    Excellent,
    /// <summary>4 and 5, at least one 4.</summary>
    Good,
    /// <summary>Exactly one 3, the rest 4 or 5.</summary>
    OneThree,
    /// <summary>Two or more 3s, no 2 and no н/а.</summary>
    Threes,
    /// <summary>At least one 2, whatever else: a 2 is a result, н/а the lack of one.</summary>
    Failing,
    /// <summary>At least one н/а and no 2.</summary>
    NotAttested,
}

public static class ProgressGroups
{
    /// <summary>The group of a student's assessed results (a mark 2–5, or null for н/а); null when there is none.</summary>
    public static ProgressGroup? Of(IReadOnlyCollection<int?> marks) =>
        marks.Count == 0 ? null
        : marks.Any(m => m <= 2) ? ProgressGroup.Failing
        : marks.Any(m => m is null) ? ProgressGroup.NotAttested
        : marks.All(m => m >= 5) ? ProgressGroup.Excellent
        : marks.Count(m => m == 3) switch { 0 => ProgressGroup.Good, 1 => ProgressGroup.OneThree, _ => ProgressGroup.Threes };

    /// <summary>The group as the report's counts of <see cref="SummaryFigures"/> (good and two or more 3s are derived, not kept).</summary>
    public static SummaryFigures Figures(this ProgressGroup? group) => group is null ? SummaryFigures.Zero : new SummaryFigures
    {
        StudentsExcellent = group == ProgressGroup.Excellent ? 1 : 0,
        StudentsWithOneThree = group == ProgressGroup.OneThree ? 1 : 0,
        StudentsFailing = group == ProgressGroup.Failing ? 1 : 0,
        StudentsNotAttested = group == ProgressGroup.NotAttested ? 1 : 0,
    };
}
