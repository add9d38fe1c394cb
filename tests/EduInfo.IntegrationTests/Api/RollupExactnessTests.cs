using System.Text.Json;
using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.Storage.Journal;

namespace EduInfo.IntegrationTests.Api;

/// <summary>
/// Thousands of random marks and roll-calls through HTTP from concurrent clients; once the republic's version equals
/// the sum of the class watermarks, every area's summary must equal a recomputation from the journal and the registry
/// written here in SQL, independently of the grains.
/// </summary>
public abstract class RollupExactnessTests<THost>(THost api) : IClassFixture<THost> where THost : class, IApiHost
{
    [Fact]
    public async Task After_random_traffic_every_area_summary_equals_the_journal_recomputation()
    {
        var requests = RandomJournal.Requests(api.Registry, seed: 20261127, absentShare: 0.15, enough: (_, marks) => marks >= 3000);
        var marks = requests.Sum(r => r.Marks);

        // Eight concurrent journal clients.
        await RandomJournal.PostAllAsync(api.Http, requests, clients: 8);
        Assert.Equal(marks, await api.Db.ScalarAsync<long>("SELECT count(*) FROM journal WHERE entry_kind = 'mark'"));

        var expectedVersion = await api.Db.ScalarAsync<long>("SELECT sum(seq) FROM class_watermarks");
        await Eventually.MatchesAsync(() => api.Http.GetJsonAsync("/api/v1/nodes/KZ/summary"),
            r => r.Status == 200 && r.Body.GetProperty("version").GetInt64() == expectedVersion, TimeSpan.FromSeconds(60), "republic version");

        var areas = api.Registry.Data.Nodes.Select(n => n.Id).ToList();
        var expected = await JournalRecount.ForNodesAsync(api.Db.DataSource, areas, TestClock.Today);
        foreach (var area in areas)
        {
            var summary = (await api.Http.GetJsonAsync($"/api/v1/nodes/{area}/summary")).Body;
            var figures = summary.GetProperty("figures");
            foreach (var (field, value) in expected[area])
            {
                Assert.True(value == figures.GetProperty(field).GetInt64(), $"{area}.{field}: journal says {value}, summary says {figures.GetProperty(field).GetInt64()}");
            }
        }
    }
}

/// <summary>Development profile: the Api with a co-hosted silo, in this process.</summary>
public sealed class RollupExactnessTestsInDevelopment(ApiHost api) : RollupExactnessTests<ApiHost>(api);

/// <summary>Cluster profile: two silo processes and the Api as a client process.</summary>
public sealed class RollupExactnessTestsOnCluster(ClusterApiHost api) : RollupExactnessTests<ClusterApiHost>(api);
