using EduInfo.Domain.Metrics;
using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.Tools.Demo;

namespace EduInfo.IntegrationTests.Analysis;

/// <summary>Completeness falling in an area over HTTP and PostgreSQL (issue 19, docs/analysis.md#completeness-falling).</summary>
public sealed class CompletenessApiTests(CompletenessApiTests.Host api) : IClassFixture<CompletenessApiTests.Host>
{
    /// <summary>Three schools per district: one falling, one steady, one without a history.</summary>
    public sealed class Host : ApiHost
    {
        protected override DemoCountryOptions CountryOptions => DemoCountryOptions.Tiny with { SchoolsPerDistrict = 3 };
    }

    /// <summary>
    /// Captured days 18, 19, 20, (23 missing), 24, 25 and 26 November, 10 lessons scheduled a day in two schools. The first
    /// holds 10, 9, 8, 7, 6, 5 of them: the last five days' shares without a roll-call are 10, 20, 30, 40, 50 % (the 24th's
    /// difference spans the missing day), a rise of 10 points a day — falling. The second holds every lesson (0 %, slope 0);
    /// the third has no history: no slope.
    /// </summary>
    [Fact]
    public async Task The_school_leaving_more_lessons_without_a_roll_call_each_day_is_falling()
    {
        var district = api.Registry.Data.Nodes.First(n => n.Kind == "district").Id;
        var schools = api.Registry.Data.Organizations.Where(o => o.NodeId == district).Select(o => o.Id).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(3, schools.Count);
        var (falling, steady, silent) = (schools[0], schools[1], schools[2]);
        DateOnly[] days = [new(2026, 11, 18), new(2026, 11, 19), new(2026, 11, 20), new(2026, 11, 24), new(2026, 11, 25), new(2026, 11, 26)];
        long[] held = [10, 19, 27, 34, 40, 45];
        await TrendHistory.CaptureAsync(api, [new DateOnly(2026, 11, 23)], days.Select((day, i) => (day, (IReadOnlyDictionary<string, SummaryFigures>)new Dictionary<string, SummaryFigures>
        {
            [falling] = TrendHistory.Lessons(10 * (i + 1), held[i]),
            [steady] = TrendHistory.Lessons(10 * (i + 1), 10 * (i + 1)),
        })).ToArray());

        var signal = await api.Http.GetJsonAsync($"/api/v1/nodes/{district}/signals/completeness", HttpExtensions.Analyst, "ru");

        Assert.True(signal.Status == 200, $"{signal.Status} {signal.Body}");
        Assert.Equal((5, 1.0), (signal.Body.GetProperty("days").GetInt32(), signal.Body.GetProperty("thresholdPoints").GetDouble()));
        var rows = signal.Body.GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal([falling, steady, silent], rows.Select(r => r.GetProperty("nodeId").GetString()!));
        Assert.Equal([10.0, 20.0, 30.0, 40.0, 50.0], rows[0].GetProperty("shares").EnumerateArray().Select(s => s.GetDouble()));
        Assert.Equal((10.0, true, "organization"), (rows[0].GetProperty("slope").GetDouble(), rows[0].GetProperty("falling").GetBoolean(), rows[0].GetProperty("kind").GetString()));
        Assert.Equal(api.Registry.Data.Organizations.Single(o => o.Id == falling).NameRu, rows[0].GetProperty("name").GetString());
        Assert.Equal([0.0, 0.0, 0.0, 0.0, 0.0], rows[1].GetProperty("shares").EnumerateArray().Select(s => s.GetDouble()));
        Assert.Equal((0.0, false), (rows[1].GetProperty("slope").GetDouble(), rows[1].GetProperty("falling").GetBoolean()));
        Assert.Equal((0, System.Text.Json.JsonValueKind.Null, false), (rows[2].GetProperty("shares").GetArrayLength(), rows[2].GetProperty("slope").ValueKind, rows[2].GetProperty("falling").GetBoolean()));

        // The region reads its children (districts, its own colleges) from the same history: none was captured, none has a slope.
        var region = api.Registry.Data.Nodes.Single(n => n.Id == district).ParentId!;
        var regional = await api.Http.GetJsonAsync($"/api/v1/nodes/{region}/signals/completeness");
        Assert.True(regional.Status == 200, $"{regional.Status} {regional.Body}");
        Assert.All(regional.Body.GetProperty("nodes").EnumerateArray(), r => Assert.Equal((System.Text.Json.JsonValueKind.Null, false), (r.GetProperty("slope").ValueKind, r.GetProperty("falling").GetBoolean())));
        Assert.Contains(regional.Body.GetProperty("nodes").EnumerateArray(), r => r.GetProperty("nodeId").GetString() == district && r.GetProperty("kind").GetString() == "district");

        // An organization is no area.
        var refused = await api.Http.GetJsonAsync($"/api/v1/nodes/{falling}/signals/completeness");
        Assert.Equal(400, refused.Status);
    }
}
