using EduInfo.Domain.Registry;
using System.Text.Json;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Registry;
using EduInfo.Storage.Audit;
using EduInfo.Storage.Registry;

namespace EduInfo.Grains.Registry;

/// <summary>A node's programme targets: checked, then set with their audit row in one transaction.</summary>
public sealed class RegionalTargetGrain(RegistryStore registry, RegionalTargetStore targets) : Grain, IRegionalTargetGrain
{
    public async Task<RegistryOutcome> Set(Actor actor, string metric, decimal? targetPercent)
    {
        if (await registry.FindNodeAsync(this.GetPrimaryKeyString()) is not { } node)
        {
            return new RegistryOutcome([new("nodeId", RegistryError.NotFound)]);
        }
        var problems = TargetValidator.Validate(node.Kind, metric, targetPercent);
        if (problems.Count > 0)
        {
            return new RegistryOutcome(problems);
        }
        // Set from above when the setter holds a target-setting role over an area containing the node, not the node itself:
        // only such a target enters the node's own rating (issue 21).
        var fromAbove = actor.Grants.Any(g => g.Role is Role.MinistryAnalyst or Role.RegionOfficer or Role.DistrictOfficer
            && g.ScopeId != node.Id && node.Path.Contains(g.ScopeId));
        await targets.TryReloadAsync();
        if (!fromAbove && (await targets.ForNodeAsync(node.Id)).Any(t => t.Metric == metric && t.SetFromAbove))
        {
            return new RegistryOutcome([new("metric", RegistryError.TargetSetFromAbove)]);
        }
        var detail = JsonSerializer.Serialize(new { metric, targetPercent, fromAbove });
        await targets.SetAsync(new RegionalTarget(node.Id, metric, targetPercent!.Value, fromAbove),
            new AuditEntry(actor.UserId, actor.Roles, actor.ClientAddress, "target.set", "node", node.Id, null, "committed", detail));
        return RegistryOutcome.Done;
    }
}
