using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.Tools.Demo;

namespace EduInfo.IntegrationTests.Api;

/// <summary>
/// A summary is labelled with its data's academic year, not the clock's: on 2 September 2027 the classes are still
/// those of 2026-2027 (no year roll yet), and their figures must not be shown as 2027-2028's.
/// </summary>
public sealed class SummaryYearTests(SummaryYearTests.NewYearHost api) : IClassFixture<SummaryYearTests.NewYearHost>
{
    /// <summary>The clock on Thursday 2 September 2027; the registry still holds 2026-2027.</summary>
    public sealed class NewYearHost : ApiHost
    {
        protected override DateTimeOffset PinnedAt => new(2027, 9, 2, 5, 0, 0, TimeSpan.Zero);

        protected override Task<DemoRegistry> CreateDatabaseAsync() => DemoRegistry.CreateAsync(Db, CountryOptions with { AcademicYear = "2026-2027" });
    }

    [Theory]
    [InlineData("/api/v1/nodes/KZ/summary")]
    [InlineData("/api/v1/nodes/KZ-ALA/summary")]
    public async Task A_summary_carries_the_year_of_its_data(string path)
    {
        var summary = await api.Http.GetJsonAsync(path);
        Assert.Equal(200, summary.Status);
        Assert.Equal("2026-2027", summary.Body.GetProperty("year").GetString());
        Assert.Equal(200, (await api.Http.GetJsonAsync(path + "?year=2026-2027")).Status);
        var refused = await api.Http.GetJsonAsync(path + "?year=2027-2028", acceptLanguage: "ru");
        Assert.Equal(400, refused.Status);
        Assert.Equal(("year", "yearNotLive"), (refused.Body.GetProperty("errors")[0].GetProperty("field").GetString(), refused.Body.GetProperty("errors")[0].GetProperty("code").GetString()));
    }

    [Fact]
    public async Task The_children_carry_it_too()
    {
        var children = await api.Http.GetJsonAsync("/api/v1/nodes/KZ/children?year=2026-2027");
        Assert.Equal(200, children.Status);
        Assert.All(children.Body.EnumerateArray(), c => Assert.Equal("2026-2027", c.GetProperty("year").GetString()));
        Assert.Equal(400, (await api.Http.GetJsonAsync("/api/v1/nodes/KZ/children?year=2027-2028")).Status);
    }
}
