using EduInfo.Domain.Journal;
using EduInfo.Domain.Registry;

namespace EduInfo.Domain.Ratings;

/// <summary>
/// A version of the open rating's methodology (issue 21) as operators send it and PostgreSQL keeps it: the indicators and
/// their weights, the minimum size of a ranked unit, and a note in Kazakh, Russian and English published beside the
/// ranking. Normalization is min–max over the units ranked (fixed, explained in the published texts).
/// </summary>
public sealed record RatingMethodology(
    DateOnly? EffectiveFrom,
    IReadOnlyList<IndicatorWeight?>? Indicators,
    int? MinimumStudents,
    MethodologyNote? Note);

/// <summary>An indicator (<c>knowledgeQuality</c>, <c>successRate</c>, <c>attendance</c>, <c>completeness</c>, <c>targetAttainment</c>) and its weight.</summary>
public sealed record IndicatorWeight(string? Indicator, int? Weight);

/// <summary>The methodology's note in each language of the system.</summary>
public sealed record MethodologyNote(string? Kk, string? Ru, string? En)
{
    public string In(string language) => (language switch { "kk" => Kk, "ru" => Ru, _ => En }) ?? "";
}

/// <summary>Validation of methodology versions and the version in force. Pure.</summary>
public static class RatingMethodologies
{
    public const int MaxWeight = 100;
    /// <summary>Never below the open report's small-cell threshold: a ranked unit's figures are published.</summary>
    public const int SmallestMinimum = 10;
    public const int LargestMinimum = 100_000;
    public const int MaxNoteLength = 1000;

    public static string NameOf(RatingIndicator indicator) => indicator switch
    {
        RatingIndicator.KnowledgeQuality => "knowledgeQuality",
        RatingIndicator.SuccessRate => "successRate",
        RatingIndicator.Attendance => "attendance",
        RatingIndicator.Completeness => "completeness",
        _ => "targetAttainment",
    };

    public static RatingIndicator? IndicatorNamed(string? name) =>
        Enum.GetValues<RatingIndicator>().Cast<RatingIndicator?>().FirstOrDefault(i => NameOf(i!.Value) == name);

    /// <summary>The version in force since 2020, the first row of the table (set by the migration).</summary>
    public static RatingMethodology Default { get; } = new(
        new DateOnly(2020, 9, 1),
        [
            new("knowledgeQuality", 30), new("successRate", 25), new("attendance", 25), new("completeness", 10), new("targetAttainment", 10),
        ],
        30,
        new MethodologyNote(
            "Рейтинг білім беру мен мониторингтің ашық деректерінен есептеледі.",
            "Рейтинг рассчитывается по открытым данным образования и мониторинга.",
            "The rating is computed from the open data of education and its monitoring."));

    /// <summary>
    /// A version taking effect after <paramref name="today"/> (versions in force are never rewritten; null checks a stored
    /// one); one to five indicators, each known and once, weights 1 to 100; a minimum of 10 to 100 000 pupils; a note
    /// in kk, ru and en, each readable text of at most 1000 characters.
    /// </summary>
    public static IReadOnlyList<EntryProblem> Validate(RatingMethodology m, DateOnly? today)
    {
        var problems = new List<EntryProblem>();
        if (m.EffectiveFrom is null)
        {
            problems.Add(new("effectiveFrom", JournalError.Required, []));
        }
        else if (today is { } t && m.EffectiveFrom <= t)
        {
            problems.Add(new("effectiveFrom", JournalError.PolicyInForce, [t.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)]));
        }
        var indicators = m.Indicators ?? [];
        var named = indicators.Select(i => IndicatorNamed(i?.Indicator)).ToList();
        if (indicators.Count is < 1 or > 5 || named.Any(i => i is null) || named.Distinct().Count() != named.Count
            || indicators.Any(i => i?.Weight is not (>= 1 and <= MaxWeight)))
        {
            problems.Add(new("indicators", JournalError.RatingIndicatorsInvalid, ["1", $"{MaxWeight}"]));
        }
        if (m.MinimumStudents is not (>= SmallestMinimum and <= LargestMinimum))
        {
            problems.Add(new("minimumStudents", JournalError.AttestationValueOutOfRange, [$"{SmallestMinimum}", $"{LargestMinimum}"]));
        }
        foreach (var (field, text) in new[] { ("note.kk", m.Note?.Kk), ("note.ru", m.Note?.Ru), ("note.en", m.Note?.En) })
        {
            if (text is null || text.Trim().Length is 0 or > MaxNoteLength || !OrganizationProfileValidator.IsReadable(text.Trim()))
            {
                problems.Add(new(field, JournalError.RatingNoteInvalid, [$"{MaxNoteLength}"]));
            }
        }
        return problems;
    }

    /// <summary>The valid version in force on a date (the built-in one if the table was emptied by hand).</summary>
    public static RatingMethodology InForce(IEnumerable<RatingMethodology> versions, DateOnly date) =>
        versions.Where(v => Validate(v, null).Count == 0 && v.EffectiveFrom <= date).MaxBy(v => v.EffectiveFrom) ?? Default;

    /// <summary>The indicators and weights of a valid version.</summary>
    public static IReadOnlyList<(RatingIndicator Indicator, int Weight)> Weights(RatingMethodology m) =>
        [.. m.Indicators!.Select(i => (IndicatorNamed(i!.Indicator)!.Value, i.Weight!.Value))];
}
