using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace EduInfo.Hosting;

/// <summary>
/// Failure detection of the silos, from the section <c>Cluster:Membership</c> (any <see cref="ClusterMembershipOptions"/>
/// property). The defaults declare a silo that stops answering (SIGKILL, lost node) dead after three missed probes (roughly 15–30 s), so its grains
/// reactivate elsewhere and writes to them resume well within two minutes; see docs/operations-faults.md.
/// </summary>
public static class MembershipTuning
{
    public static ISiloBuilder ConfigureMembership(this ISiloBuilder silo, IConfigurationSection cluster)
    {
        silo.Services.AddOptions<ClusterMembershipOptions>()
            .Configure(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(5);
                o.NumMissedProbesLimit = 3;
                // Orleans needs min(this, (live silos + 1) / 2) votes, so one survivor of two can declare the other dead.
                o.NumVotesForDeathDeclaration = 2;
                // Read the table (and so learn of deaths and joins that gossip missed) every 10 s, not every minute.
                o.TableRefreshTimeout = TimeSpan.FromSeconds(10);
                o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
                // A suspicion older than this no longer counts towards a death declaration.
                o.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(60);
            })
            .Bind(cluster.GetSection("Membership"));
        return silo;
    }

    /// <summary>The Api as a client: how often it re-reads the list of live gateways (a dead gateway is dropped at once on disconnect).</summary>
    public static TimeSpan GatewayListRefreshPeriod(IConfigurationSection cluster) =>
        cluster.GetValue("GatewayListRefreshPeriod", TimeSpan.FromSeconds(10));
}
