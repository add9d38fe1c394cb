using EduInfo.Domain.Calendar;
using EduInfo.Domain.Journal;
using EduInfo.Domain.Ratings;
using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Calendar;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Grains.Interfaces.Ratings;
using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.Storage.Audit;
using EduInfo.Storage.Ratings;
using EduInfo.Storage.Registry;

namespace EduInfo.Grains.Ratings;

/// <summary>
/// Publishes an area's open rating (order point 12.5): its units' live summaries, their targets set from above, the
/// methodology in force today, ranked by <see cref="RatingCalculator"/> and frozen in <see cref="RatingStore"/>. A
/// district ranks its schools (kindergartens and colleges have other figures).
/// </summary>
public sealed class RatingGrain(RegistryStore registry, RegionalTargetStore targets, RatingStore ratings, IKazakhstanClock clock) : Grain, IRatingGrain
{
    public async Task<RatingPublishOutcome> Publish(Actor actor)
    {
        if (await registry.FindNodeAsync(this.GetPrimaryKeyString()) is not { Kind: NodeKind.Republic or NodeKind.Region or NodeKind.District } area)
        {
            return new RatingPublishOutcome(BatchOutcome.Rejected([EntryRules.Problem("scopeId", JournalError.RatingScopeInvalid)]));
        }
        var node = GrainFactory.SummaryNode(area.Kind, area.Id);
        var summary = await node.GetSummary();
        // The republic ranks regions, a region districts (not the organizations directly under either), a district schools.
        var children = await ((IAggregateNode)node).GetChildren();
        var schools = area.Kind == NodeKind.District ? await ratings.SchoolsAsync([.. children.Select(u => u.NodeId)]) : new HashSet<string>();
        var units = children.Where(u => area.Kind switch
        {
            NodeKind.Republic => u.Kind == NodeKind.Region,
            NodeKind.Region => u.Kind == NodeKind.District,
            _ => schools.Contains(u.NodeId),
        }).ToList();
        await targets.TryReloadAsync(); // a target set a moment ago through another Api counts
        var inputs = new List<RatingInput>(units.Count);
        foreach (var unit in units)
        {
            var set = (await targets.ForNodeAsync(unit.NodeId)).Select(t => new UnitTarget(t.Metric, t.TargetPercent, t.SetFromAbove)).ToList();
            inputs.Add(new RatingInput(unit.NodeId, unit.Figures.Students, RatingIndicators.Of(unit.Figures, set)));
        }
        var methodology = RatingMethodologies.InForce(
            await GrainFactory.GetGrain<IRatingMethodologyGrain>(IRatingMethodologyGrain.Key).GetVersions(), clock.Today);
        var ranking = RatingCalculator.Rank(methodology, inputs);
        var year = summary.AcademicYear ?? AcademicCalendar.YearOf(clock.Today);
        var publication = new RatingPublication(0, area.Id, year, await TermAsync(year), clock.UtcNow, methodology, ranking.Used, ranking.Dropped,
            [.. ranking.Units.Select(u => new PublishedUnit(u.UnitId, u.Standing, u.Rank, u.Score, u.Values, u.Missing))]);
        var ranked = ranking.Units.Count(u => u.Standing == RatingStanding.Ranked);
        var stored = await ratings.PublishAsync(publication, actor.UserId,
            new AuditEntry(actor.UserId, actor.Roles, actor.ClientAddress, "rating.publish", "node", area.Id, null, "committed"));
        return new RatingPublishOutcome(new BatchOutcome(true, [], [], 0), stored.Id, ranked, ranking.Units.Count);
    }

    /// <summary>The school term today is in, or the last one begun (0 before the first).</summary>
    private async Task<int> TermAsync(string year)
    {
        var calendar = await GrainFactory.GetGrain<ICalendarGrain>(ICalendarGrain.KeyOf(year, "school")).Get();
        return (calendar?.Terms ?? []).Where(t => t.Starts <= clock.Today).Select(t => t.Term ?? 0).DefaultIfEmpty(0).Max();
    }
}
