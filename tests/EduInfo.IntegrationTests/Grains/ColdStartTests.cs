using EduInfo.IntegrationTests.Infrastructure;
using Npgsql;

namespace EduInfo.IntegrationTests.Grains;

/// <summary>
/// A cold start of a whole country on a small connection pool: the republic's first read activates every area,
/// organization and class at once through the reconciliation. Class rebuilds are gated per silo and aggregates pull a
/// few children at a time, so the pool is never exhausted and the country comes up complete.
/// </summary>
public sealed class ColdStartTests(ColdStartTests.SmallPoolHost api) : IClassFixture<ColdStartTests.SmallPoolHost>
{
    /// <summary>The small demo country (971 classes) on four pooled connections that give up after three seconds.</summary>
    public sealed class SmallPoolHost : ApiHost
    {
        protected override EduInfo.Tools.Demo.DemoCountryOptions CountryOptions => EduInfo.Tools.Demo.DemoCountryOptions.Small;

        protected override void Configure(IDictionary<string, string?> settings)
        {
            settings["ConnectionStrings:EduInfo"] = new NpgsqlConnectionStringBuilder(Db.ConnectionString) { MaxPoolSize = 4, Timeout = 3 }.ConnectionString;
            settings["Rollup:ConcurrentRebuilds"] = "2";
            settings["Rollup:ReconcileInterval"] = "00:00:05"; // as in production (a minute), only sooner
        }
    }

    [Fact]
    public async Task The_whole_country_comes_up_complete_on_a_small_pool()
    {
        var classes = await api.Db.ScalarAsync<long>("SELECT count(*) FROM classes");
        Assert.True(classes > 900, $"the small country has {classes} classes");

        // The first read activates the republic, which pulls the country; the reconciler retries whatever could not answer.
        // The expected version is read with each look: the daily roll may move every class's version meanwhile.
        await Eventually.MatchesAsync(async () =>
            {
                var expected = await api.Db.ScalarAsync<long>("SELECT coalesce(sum(seq), 0) FROM class_watermarks");
                var summary = await api.Http.GetJsonAsync("/api/v1/nodes/KZ/summary");
                return (Expected: expected, Body: summary.Status == 200 ? summary.Body : (System.Text.Json.JsonElement?)null);
            },
            seen => seen.Body is { } b && b.GetProperty("version").GetInt64() == seen.Expected && b.GetProperty("figures").GetProperty("classes").GetInt64() == classes,
            TimeSpan.FromMinutes(3), "the republic covers every class");
    }
}
