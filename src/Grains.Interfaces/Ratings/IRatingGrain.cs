using EduInfo.Domain.Journal;
using EduInfo.Domain.Ratings;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Journal;

namespace EduInfo.Grains.Interfaces.Ratings;

/// <summary>
/// The open rating of one area's units (key: the area — the republic ranks its regions, a region its districts, a
/// district its schools): the single writer of its publications, one at a time.
/// </summary>
public interface IRatingGrain : IGrainWithStringKey
{
    /// <summary>Ranks the area's units from their live summaries under the methodology in force today and publishes (freezes) it. Audited.</summary>
    Task<RatingPublishOutcome> Publish(Actor actor);
}

/// <summary>What a publication did: its id and how many units it ranked; or the problems (the area is no area).</summary>
[GenerateSerializer, Immutable]
public sealed record RatingPublishOutcome(
    [property: Id(0)] BatchOutcome Outcome,
    [property: Id(1)] long PublicationId = 0,
    [property: Id(2)] int Ranked = 0,
    [property: Id(3)] int Units = 0);

/// <summary>The rating methodology versions (one grain, key "open"): publications read them, operators add versions. Audited.</summary>
public interface IRatingMethodologyGrain : IGrainWithStringKey
{
    public const string Key = "open";

    Task<IReadOnlyList<RatingMethodology>> GetVersions();

    Task<IReadOnlyList<EntryProblem>> SetVersion(Actor actor, RatingMethodology methodology);
}
