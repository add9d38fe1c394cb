using EduInfo.Domain.Ratings;
using EduInfo.Grains.Interfaces.Localization;

namespace EduInfo.Api.Contracts;

/// <summary>
/// A published open rating (order point 12.5) in the reader's language: the area, what it ranks, the year and term,
/// when it was published, the methodology that produced it, and its units best first with their movement since the
/// last term's publication (places up, positive).
/// </summary>
public sealed record PublicRating(
    long PublicationId,
    string ScopeId,
    string ScopeName,
    string Level,
    string LevelName,
    string AcademicYear,
    int Term,
    DateTimeOffset PublishedAt,
    PublicMethodology Methodology,
    IReadOnlyList<PublicRatedUnit> Units);

/// <summary>The methodology as it produced the rating: indicators and weights, those dropped because no unit had them, the minimum size, how scores are made, the note.</summary>
public sealed record PublicMethodology(
    DateOnly EffectiveFrom,
    IReadOnlyList<PublicIndicator> Indicators,
    IReadOnlyList<PublicIndicator> Dropped,
    int MinimumStudents,
    string Computation,
    string Note);

public sealed record PublicIndicator(string Indicator, string Name, int Weight);

/// <summary>A unit: ranked (rank, score, indicators) or why not; a unit too small shows nothing but its name.</summary>
public sealed record PublicRatedUnit(
    string UnitId,
    string Name,
    string Standing,
    string StandingName,
    int? Rank,
    decimal? Score,
    int? Movement,
    IReadOnlyDictionary<string, decimal>? Values,
    string? Missing)
{
    public static string IndicatorName(RatingIndicator indicator, string language) => Messages.Get($"rating.indicator.{indicator}", language);

    public static string StandingKey(RatingStanding standing) => standing switch
    {
        RatingStanding.Ranked => "ranked",
        RatingStanding.TooSmall => "tooSmall",
        _ => "indicatorMissing",
    };
}

/// <summary>A publication made: its id, the units it ranked and all it lists.</summary>
public sealed record RatingPublished(long PublicationId, int Ranked, int Units);
