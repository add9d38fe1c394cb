using System.Text.Json;
using EduInfo.Domain.Calendar;
using EduInfo.Domain.Journal;
using EduInfo.Domain.Ratings;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Ratings;
using EduInfo.Storage.Audit;
using EduInfo.Storage.Ratings;

namespace EduInfo.Grains.Ratings;

/// <summary>The rating methodology versions, held in memory for the publications; their single writer.</summary>
public sealed class RatingMethodologyGrain(RatingStore store, IKazakhstanClock clock) : Grain, IRatingMethodologyGrain
{
    private IReadOnlyList<RatingMethodology> _versions = [];

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        _versions = await store.ReadMethodologiesAsync(cancellationToken);

    public Task<IReadOnlyList<RatingMethodology>> GetVersions() => Task.FromResult(_versions);

    public async Task<IReadOnlyList<EntryProblem>> SetVersion(Actor actor, RatingMethodology methodology)
    {
        var problems = RatingMethodologies.Validate(methodology, clock.Today);
        if (problems.Count > 0)
        {
            return problems;
        }
        var trimmed = methodology with { Note = new MethodologyNote(methodology.Note!.Kk!.Trim(), methodology.Note.Ru!.Trim(), methodology.Note.En!.Trim()) };
        await store.WriteMethodologyAsync(trimmed, new AuditEntry(actor.UserId, actor.Roles, actor.ClientAddress, "rating-methodology.set",
            "policy", $"rating/{methodology.EffectiveFrom:yyyy-MM-dd}", null, "committed", JsonSerializer.Serialize(trimmed, new JsonSerializerOptions(JsonSerializerDefaults.Web))));
        _versions = await store.ReadMethodologiesAsync();
        return [];
    }
}
