using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.Tools.Demo;

namespace EduInfo.IntegrationTests.Analysis;

/// <summary>Grade inflation of an area over HTTP and PostgreSQL (issue 19, docs/analysis.md#grade-inflation).</summary>
public sealed class InflationApiTests(InflationApiTests.Host api) : IClassFixture<InflationApiTests.Host>
{
    /// <summary>Six schools per district, grades 5–8 of 8 pupils: 32 pupils in band 5–9 each, enough to compare.</summary>
    public sealed class Host : ApiHost
    {
        protected override DemoCountryOptions CountryOptions => DemoCountryOptions.Tiny with { SchoolsPerDistrict = 6, Grades = [5, 6, 7, 8] };
    }

    /// <summary>
    /// In one district, one pupil per school writes FO 8/10 and SOR 14/20 (gap 80 − 70 = 10 points); the last school's
    /// FO 10/10 and SOR 8/20 (gap 100 − 40 = 60). Gaps 10 ×5, 60: mean 18.33, sd 18.63 → z 2.24 for the last, −0.45 for
    /// the others: exactly one outlier. A school under 30 pupils in a band is not compared; a class node is a 400.
    /// </summary>
    [Fact]
    public async Task The_school_whose_formative_marks_outrun_its_summatives_stands_out_in_its_band()
    {
        var district = api.Registry.Data.Nodes.First(n => n.Kind == "district").Id;
        var schools = api.Registry.Data.Organizations.Where(o => o.NodeId == district && o.Kind == "school").Select(o => o.Id).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(6, schools.Count);
        foreach (var school in schools)
        {
            var t = api.Registry.Teachings().First(x => api.Registry.Data.Classes.Single(c => c.Id == x.ClassId).OrganizationId == school);
            var (fo, sor) = school == schools[^1] ? (10, 8) : (8, 14);
            var ack = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/marks", new
            {
                entries = new object[]
                {
                    new { entryId = Guid.NewGuid(), studentId = t.Roster[0], subjectId = t.SubjectId, date = "2026-11-16", kind = "formative", score = fo },
                    new { entryId = Guid.NewGuid(), studentId = t.Roster[0], subjectId = t.SubjectId, date = "2026-11-17", kind = "section", score = sor, maxScore = 20 },
                },
            }, $"user={t.TeacherId}; roles=teacher");
            Assert.True(ack.Status == 200, ack.Body.ToString());
        }
        await Convergence.RepublicCoversTheJournalAsync(api.Http, api.Db, TimeSpan.FromSeconds(60));

        var signal = await api.Http.GetJsonAsync($"/api/v1/nodes/{district}/signals/inflation?term=2");

        Assert.True(signal.Status == 200, $"{signal.Status} {signal.Body}");
        var rows = signal.Body.GetProperty("organizations").EnumerateArray().ToList();
        Assert.Equal(schools.Order(StringComparer.Ordinal), rows.Select(r => r.GetProperty("organizationId").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal(("5-9", 32L), (r.GetProperty("band").GetString(), r.GetProperty("students").GetInt64())));
        var outlier = Assert.Single(rows, r => r.GetProperty("outlier").GetBoolean());
        Assert.Equal(schools[^1], outlier.GetProperty("organizationId").GetString());
        Assert.Equal((100.0, 40.0, 60.0, 2.24), (outlier.GetProperty("formativePercent").GetDouble(), outlier.GetProperty("summativePercent").GetDouble(),
            outlier.GetProperty("gap").GetDouble(), outlier.GetProperty("z").GetDouble()));
        Assert.All(rows.Where(r => r.GetProperty("organizationId").GetString() != schools[^1]), r => Assert.Equal((10.0, -0.45), (r.GetProperty("gap").GetDouble(), r.GetProperty("z").GetDouble())));

        // Term 1 had no marks: nobody compared. The region's direct children are districts: no organizations of its own here.
        Assert.Equal(0, (await api.Http.GetJsonAsync($"/api/v1/nodes/{district}/signals/inflation?term=1")).Body.GetProperty("organizations").GetArrayLength());
        var cls = api.Registry.Data.Classes[0].Id;
        var refused = await api.Http.GetJsonAsync($"/api/v1/nodes/{cls}/signals/inflation");
        Assert.Equal(400, refused.Status);
        Assert.Equal("nodeId", refused.Body.GetProperty("errors")[0].GetProperty("field").GetString());
    }
}
