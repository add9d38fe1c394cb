using EduInfo.Api.Contracts;
using EduInfo.Api.Registry;
using EduInfo.Domain.Ratings;
using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Localization;
using EduInfo.Storage.Ratings;
using EduInfo.Storage.Registry;

namespace EduInfo.Api.Reads;

/// <summary>
/// The open ratings as published, for the public API and page: an area's latest publication with the movement of each
/// unit since the latest publication of an earlier term, named in the reader's language. Nothing is recomputed: a
/// publication is what was frozen.
/// </summary>
public sealed class PublicRatings(RatingStore store, NodeDirectory directory)
{
    public async Task<PublicRating?> LatestAsync(string scopeId, string language, CancellationToken cancellationToken)
    {
        var scope = await directory.FindAsync(scopeId, cancellationToken);
        if (scope is not { Kind: NodeKind.Republic or NodeKind.Region or NodeKind.District }
            || await store.ReadLatestAsync(scope.Id, cancellationToken) is not var (latest, before))
        {
            return null;
        }
        var previous = before?.Units.Where(u => u.Rank is not null).ToDictionary(u => u.UnitId, u => u.Rank!.Value, StringComparer.Ordinal) ?? [];
        var units = new List<PublicRatedUnit>(latest.Units.Count);
        foreach (var u in latest.Units)
        {
            var name = NodeSummaryResponse.NameOf(await directory.FindAsync(u.UnitId, cancellationToken), u.UnitId, language);
            var standing = PublicRatedUnit.StandingKey(u.Standing);
            units.Add(new PublicRatedUnit(u.UnitId, name, standing, Messages.Get($"rating.standing.{standing}", language), u.Rank, u.Score,
                u.Rank is { } rank && previous.TryGetValue(u.UnitId, out var was) ? was - rank : null,
                u.Values?.ToDictionary(v => RatingMethodologies.NameOf(v.Key), v => v.Value),
                u.Missing is { } missing ? PublicRatedUnit.IndicatorName(missing, language) : null));
        }
        var weights = RatingMethodologies.Weights(latest.Methodology).ToDictionary(w => w.Indicator, w => w.Weight);
        PublicIndicator Indicator(RatingIndicator i) => new(RatingMethodologies.NameOf(i), PublicRatedUnit.IndicatorName(i, language), weights[i]);
        var methodology = new PublicMethodology(latest.Methodology.EffectiveFrom!.Value, [.. latest.Used.Select(Indicator)], [.. latest.Dropped.Select(Indicator)],
            latest.Methodology.MinimumStudents!.Value, Messages.Get("rating.computation", language, $"{latest.Methodology.MinimumStudents}"),
            latest.Methodology.Note!.In(language));
        var level = LevelOf(scope.Kind);
        return new PublicRating(latest.Id, scope.Id, NodeSummaryResponse.NameOf(scope, scope.Id, language), level, Messages.Get($"rating.level.{level}", language),
            latest.AcademicYear, latest.Term, latest.PublishedAt, methodology, units);
    }

    /// <summary>A node's line in its parent area's latest rating (a school in its district's, a district in its region's, a region in the republic's), or null.</summary>
    public async Task<(PublicRating Rating, PublicRatedUnit Unit)?> PlaceAsync(NodeRecord node, string language, CancellationToken cancellationToken) =>
        node.ParentId is { } parent && await LatestAsync(parent, language, cancellationToken) is { } rating
            && rating.Units.FirstOrDefault(u => u.UnitId == node.Id) is { } unit
            ? (rating, unit)
            : null;

    /// <summary>What an area's rating ranks: the republic its regions, a region its districts, a district its schools.</summary>
    public static string LevelOf(NodeKind scope) => scope switch
    {
        NodeKind.Republic => "regions",
        NodeKind.Region => "districts",
        _ => "schools",
    };
}
