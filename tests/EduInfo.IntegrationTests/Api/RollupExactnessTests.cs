using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.Storage.Journal;
using EduInfo.Tools.Demo;
using Xunit.Abstractions;

namespace EduInfo.IntegrationTests.Api;

/// <summary>
/// Thousands of random marks and roll-calls through HTTP from concurrent clients, then corrections, excusals,
/// transfers, term closes and reopenings (<see cref="RandomJournal"/>); once the republic's version equals the sum of
/// the class watermarks, every field of every cell of every node's summary (areas, organizations, classes) must equal
/// <see cref="JournalRecount"/>, a recomputation in SQL from the journal, the registry and the rules, independent of the grains.
/// </summary>
public abstract class RollupExactnessTests<THost>(THost api, ITestOutputHelper output) : IClassFixture<THost> where THost : class, IApiHost
{
    [Fact]
    public async Task After_random_traffic_every_cell_of_every_node_equals_the_journal_recount()
    {
        var journal = RandomJournal.Plan(api.Registry, seed: 20261127, absentShare: 0.15, enough: (_, marks) => marks >= 3000);
        output.WriteLine($"{journal.Planned}");

        // Eight concurrent journal clients, phase by phase: marks and roll-calls, corrections and excusals, transfers, closes.
        await journal.PostAsync(api.Http, clients: 8);
        Assert.Equal(journal.Planned.Rows, await api.Db.ScalarAsync<long>("SELECT count(*) FROM journal"));
        Assert.Equal(journal.Planned.MarksInForce, await api.Db.ScalarAsync<long>(
            "SELECT count(*) FROM journal j WHERE entry_kind = 'mark' AND NOT EXISTS (SELECT 1 FROM journal x WHERE x.supersedes = j.seq)"));

        await Convergence.RepublicCoversTheJournalAsync(api.Http, api.Db, TimeSpan.FromSeconds(60));

        // Every node: areas, organizations and classes; every cell of each; every field of each cell.
        var nodes = api.Registry.Data.Nodes.Select(n => n.Id)
            .Concat(api.Registry.Data.Organizations.Select(o => o.Id))
            .Concat(api.Registry.Data.Classes.Select(c => c.Id)).ToList();
        var mismatches = await RecountComparison.MismatchesAsync(api.Http, api.Db.DataSource, nodes, TestClock.Today);
        RecountComparison.AssertNone(mismatches, $"{nodes.Count} nodes after {journal.Planned}");
    }
}

/// <summary>Development profile: the Api with a co-hosted silo, in this process.</summary>
public sealed class RollupExactnessTestsInDevelopment(RollupExactnessTestsInDevelopment.Host api, ITestOutputHelper output)
    : RollupExactnessTests<RollupExactnessTestsInDevelopment.Host>(api, output)
{
    /// <summary>The tiny country with a kindergarten per district, so that development levels are in the traffic.</summary>
    public sealed class Host : ApiHost
    {
        protected override DemoCountryOptions CountryOptions => DemoCountryOptions.Tiny with { KindergartensPerDistrict = 1 };
    }
}

/// <summary>Cluster profile: two silo processes and the Api as a client process.</summary>
public sealed class RollupExactnessTestsOnCluster(ClusterApiHost api, ITestOutputHelper output) : RollupExactnessTests<ClusterApiHost>(api, output);
