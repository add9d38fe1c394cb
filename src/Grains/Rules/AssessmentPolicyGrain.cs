using EduInfo.Domain.Calendar;
using EduInfo.Domain.Assessment;
using EduInfo.Domain.Journal;
using EduInfo.Grains.Interfaces.Calendar;
using System.Text.Json;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Assessment;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Storage.Assessment;
using EduInfo.Storage.Audit;

namespace EduInfo.Grains.Rules;

/// <summary>
/// The policy versions of one kind of organization, held in memory for the classes that assess under them. The
/// versions live in PostgreSQL (written with their audit row); this grain is their single writer.
/// </summary>
public sealed class AssessmentPolicyGrain(AssessmentStore store, EduInfo.Storage.Registry.RegistryStore registry, IKazakhstanClock clock) : Grain, IAssessmentPolicyGrain
{
    private IReadOnlyList<AssessmentPolicyDocument> _versions = [];
    private string _digest = "";

    private string OrganizationKind => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        Hold(await store.ReadPoliciesAsync(OrganizationKind, cancellationToken));

    private void Hold(IReadOnlyList<AssessmentPolicyDocument> versions) => (_versions, _digest) = (versions, RulesDigest.Of(versions));

    public Task<IReadOnlyList<AssessmentPolicyDocument>> GetVersions() => Task.FromResult(_versions);

    public Task<string> GetDigest() => Task.FromResult(_digest);

    public async Task<IReadOnlyList<EntryProblem>> SetVersion(Actor actor, AssessmentPolicyDocument policy)
    {
        if (!AssessmentStore.OrganizationKinds.Contains(OrganizationKind))
        {
            return [new EntryProblem("organizationKind", JournalError.OrganizationKindUnknown, [])];
        }
        var problems = PolicyDocuments.Validate(policy, clock.Today);
        if (problems.Count > 0)
        {
            return problems;
        }
        var detail = JsonSerializer.Serialize(new { organizationKind = OrganizationKind, policy }, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        await store.WritePolicyAsync(OrganizationKind, policy,
            new AuditEntry(actor.UserId, actor.Roles, actor.ClientAddress, "policy.set", "policy", $"{OrganizationKind}/{policy.EffectiveFrom:yyyy-MM-dd}", null, "committed", detail));
        Hold(await store.ReadPoliciesAsync(OrganizationKind));
        await registry.BumpClassVersionsAsync(OrganizationKind);
        return [];
    }
}
