using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.Tools.Demo;

namespace EduInfo.IntegrationTests.Assessment;

/// <summary>The tiny country with a kindergarten in every district.</summary>
public sealed class PreschoolApiHost : ApiHost
{
    protected override DemoCountryOptions CountryOptions => DemoCountryOptions.Tiny with { KindergartensPerDistrict = 1 };
}

/// <summary>
/// Kindergartens (DESIGN.md §2): development levels I/II/III per educational area at the three monitoring points,
/// counted by level in every cell up the hierarchy; schools never record them and kindergartens record nothing else.
/// </summary>
public sealed class PreschoolApiTests(PreschoolApiHost api) : IClassFixture<PreschoolApiHost>
{
    [Fact]
    public async Task Development_levels_are_recorded_per_area_and_monitoring_point_and_add_up()
    {
        var data = api.Registry.Data;
        var group = data.Classes.First(c => data.Organizations.Single(o => o.Id == c.OrganizationId).Kind == "preschool");
        var area = data.Assignments.First(a => a.GroupId == group.Id && a.SubjectId == "COGN");
        var children = data.Enrolments.Where(e => e.ClassId == group.Id).Select(e => e.StudentId).Order(StringComparer.Ordinal).ToArray();
        var teacher = $"user={area.TeacherId}; roles=teacher";
        // Monitoring point 2 (from 1 November): levels III, II, II, I for four children.
        int[] levels = [3, 2, 2, 1];
        var posted = await api.Http.PostJsonAsync($"/api/v1/classes/{group.Id}/marks", new
        {
            entries = levels.Select((level, i) => new { entryId = Guid.NewGuid(), studentId = children[i], subjectId = "COGN", date = "2026-11-18", kind = "development", score = level }).ToArray(),
        }, teacher);
        Assert.True(posted.Status == 200, $"{posted.Status} {posted.Body}");

        var cell = (await api.Http.GetJsonAsync($"/api/v1/nodes/{group.Id}/summary?term=2&subjectId=COGN")).Body;
        var figures = cell.GetProperty("figures");
        Assert.Equal((1, 2, 1), (figures.GetProperty("developmentLevel1").GetInt64(), figures.GetProperty("developmentLevel2").GetInt64(), figures.GetProperty("developmentLevel3").GetInt64()));
        Assert.Equal(25m, cell.GetProperty("rates").GetProperty("developmentHighShare").GetDecimal());
        Assert.Equal(0, figures.GetProperty("termResults").GetInt64()); // no term marks in a kindergarten
        var district = data.Organizations.Single(o => o.Id == group.OrganizationId).NodeId;
        await Eventually.MatchesAsync(() => api.Http.GetJsonAsync($"/api/v1/nodes/{district}/summary?term=2&subjectId=COGN"),
            r => r.Body.GetProperty("figures").GetProperty("developmentLevel2").GetInt64() == 2, TimeSpan.FromSeconds(20), "district development levels");

        async Task<string?> RefusedAsync(string classId, object entry, string actor)
        {
            var response = await api.Http.PostJsonAsync($"/api/v1/classes/{classId}/marks", new { entries = new[] { entry } }, actor);
            Assert.Equal(400, response.Status);
            return response.Body.GetProperty("errors")[0].GetProperty("code").GetString();
        }
        Assert.Equal("scoreOutOfRange", await RefusedAsync(group.Id, new { entryId = Guid.NewGuid(), studentId = children[0], subjectId = "COGN", date = "2026-11-18", kind = "development", score = 4 }, teacher));
        Assert.Equal("maxScoreNotAllowed", await RefusedAsync(group.Id, new { entryId = Guid.NewGuid(), studentId = children[0], subjectId = "COGN", date = "2026-11-18", kind = "development", score = 2, maxScore = 5 }, teacher));
        Assert.Equal("markKindNotAllowed", await RefusedAsync(group.Id, new { entryId = Guid.NewGuid(), studentId = children[0], subjectId = "COGN", date = "2026-11-18", kind = "formative", score = 7 }, teacher));
        var school = api.Registry.InSchoolClass(0);
        Assert.Equal("markKindNotAllowed", await RefusedAsync(school.ClassId, new { entryId = Guid.NewGuid(), studentId = school.Roster[0], subjectId = school.SubjectId, date = "2026-11-18", kind = "development", score = 2 }, $"user={school.TeacherId}; roles=teacher"));
    }
}
