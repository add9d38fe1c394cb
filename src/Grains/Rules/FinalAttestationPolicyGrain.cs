using System.Text.Json;
using EduInfo.Domain.Calendar;
using EduInfo.Domain.Journal;
using EduInfo.Domain.YearEnd;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Assessment;
using EduInfo.Storage.Assessment;
using EduInfo.Storage.Audit;

namespace EduInfo.Grains.Rules;

/// <summary>
/// The final attestation's policy versions, held in memory for the classes that end their years under them; their
/// single writer. A class's year ends under the version in force on the year's first day.
/// </summary>
public sealed class FinalAttestationPolicyGrain(AssessmentStore store, IKazakhstanClock clock) : Grain, IFinalAttestationPolicyGrain
{
    private IReadOnlyList<FinalAttestationPolicyDocument> _versions = [];
    private string _digest = "";

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        Hold(await store.ReadAttestationPoliciesAsync(cancellationToken));

    private void Hold(IReadOnlyList<FinalAttestationPolicyDocument> versions) => (_versions, _digest) = (versions, RulesDigest.Of(versions));

    public Task<IReadOnlyList<FinalAttestationPolicyDocument>> GetVersions() => Task.FromResult(_versions);

    public Task<string> GetDigest() => Task.FromResult(_digest);

    public async Task<IReadOnlyList<EntryProblem>> SetVersion(Actor actor, FinalAttestationPolicyDocument policy)
    {
        var problems = FinalAttestationPolicies.Validate(policy, clock.Today);
        if (problems.Count > 0)
        {
            return problems;
        }
        var detail = JsonSerializer.Serialize(policy, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        await store.WriteAttestationPolicyAsync(policy, new AuditEntry(actor.UserId, actor.Roles, actor.ClientAddress, "attestation-policy.set",
            "policy", $"final-attestation/{policy.EffectiveFrom:yyyy-MM-dd}", null, "committed", detail));
        Hold(await store.ReadAttestationPoliciesAsync());
        return [];
    }
}
