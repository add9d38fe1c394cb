using System.Text.Json;
using EduInfo.Domain.Metrics;
using EduInfo.Domain.Registry;
using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.Storage.Journal;
using EduInfo.Tools.Demo;
using Xunit.Abstractions;

namespace EduInfo.IntegrationTests.Api;

/// <summary>
/// Breakdowns over HTTP and PostgreSQL (issue 19): after random traffic (marks, roll-calls, corrections, excusals,
/// transfers, closes), for a district and the republic, in every dimension, the year and every term, the slices sum to
/// the node's figures in every field the dimension carries (written here from docs/analysis.md, not from the code), and
/// every field of every slice equals <see cref="JournalRecount.ForBreakdownAsync"/>, a recount in SQL independent of
/// the grains. A pupil enrolled moves the slice of the sex their IIN encodes.
/// </summary>
public sealed class BreakdownApiTests(BreakdownApiTests.Host api, ITestOutputHelper output) : IClassFixture<BreakdownApiTests.Host>
{
    /// <summary>The tiny country with a kindergarten per district and republican schools: every kind and subordination has slices.</summary>
    public sealed class Host : ApiHost
    {
        protected override DemoCountryOptions CountryOptions => DemoCountryOptions.Tiny with { KindergartensPerDistrict = 1 };
    }

    // What each dimension carries (docs/analysis.md, Breakdowns): everything; everything but organizations; the pupils' figures.
    private static readonly string[] PupilFields =
    [
        "students", "schoolStudents", "collegeStudents", "preschoolChildren", "seatsHeld", "attended", "late", "absentUnexcused",
        "absentExcused", "absentSick", "schoolSeatsHeld", "schoolAttended", "collegeSeatsHeld", "collegeAttended", "preschoolSeatsHeld",
        "preschoolAttended", "fullDaysMissed", "termMarks2", "termMarks3", "termMarks4", "termMarks5", "termMarkSum", "termPercentSum",
        "termResults", "notAttested", "pendingResults", "studentsAssessed", "studentsSucceeding", "studentsQualified", "gpaHundredthsSum",
        "collegeResults", "collegePercentSum", "collegeNotAttested", "collegeStudentsAssessed", "collegeStudentsSucceeding", "collegeStudentsQualified",
        "studentsExcellent", "studentsWithOneThree", "studentsFailing", "studentsNotAttested",
    ];

    private static IReadOnlyList<string> Carried(BreakdownDimension dimension) => dimension switch
    {
        BreakdownDimension.Sex => PupilFields,
        BreakdownDimension.Language or BreakdownDimension.Grade => JournalRecount.Fields.Where(f => f != "organizations").ToList(),
        _ => JournalRecount.Fields,
    };

    [Fact]
    public async Task Every_dimension_sums_to_the_node_and_every_slice_equals_the_journal_recount()
    {
        var journal = RandomJournal.Plan(api.Registry, seed: 20261219, absentShare: 0.15, enough: (_, marks) => marks >= 1500);
        output.WriteLine($"{journal.Planned}");
        await journal.PostAsync(api.Http, clients: 4);
        await Convergence.RepublicCoversTheJournalAsync(api.Http, api.Db, TimeSpan.FromSeconds(60));

        var district = api.Registry.Data.Nodes.First(n => n.Kind == "district").Id;
        var failures = new List<string>();
        var compared = 0;
        foreach (var node in new[] { district, "KZ" })
        {
            var whole = await api.Http.GetJsonAsync($"/api/v1/nodes/{node}/summary");
            var terms = new[] { 0 }.Concat(whole.Body.GetProperty("terms").EnumerateArray().Select(t => t.GetInt32())).ToList();
            Assert.True(terms.Count > 1, $"{node} has no term cells");
            foreach (var term in terms)
            {
                var cell = JsonFigures.Of((await api.Http.GetJsonAsync($"/api/v1/nodes/{node}/summary" + (term == 0 ? "" : $"?term={term}"))).Body);
                foreach (var dimension in Breakdown.Dimensions)
                {
                    var name = Breakdown.NameOf(dimension);
                    var read = await api.Http.GetJsonAsync($"/api/v1/nodes/{node}/breakdowns?dimension={name}&term={(term == 0 ? "year" : term)}");
                    Assert.True(read.Status == 200, $"{node} {name} {term}: {read.Status} {read.Body}");
                    var slices = read.Body.GetProperty("slices").EnumerateArray().ToDictionary(s => s.GetProperty("value").GetString()!, JsonFigures.Of);
                    var where = $"{node}/{(term == 0 ? "year" : $"term {term}")}/{name}";
                    Assert.True(slices.Count > 0, $"{where}: no slices");

                    // The slices sum to the node in every field the dimension carries, and carry nothing else.
                    foreach (var field in JournalRecount.Fields)
                    {
                        var sum = slices.Values.Sum(s => s.GetValueOrDefault(field));
                        var want = Carried(dimension).Contains(field) ? cell.GetValueOrDefault(field) : 0;
                        if (sum != want)
                        {
                            failures.Add($"{where}: Σ {field} = {sum}, the node's carried {want}");
                        }
                    }
                    // Each slice is the recount's, field by field.
                    var recount = await JournalRecount.ForBreakdownAsync(api.Db.DataSource, node, dimension, term, TestClock.Today);
                    foreach (var value in recount.Keys.Union(slices.Keys))
                    {
                        foreach (var field in JournalRecount.Fields)
                        {
                            var (e, a) = (recount.GetValueOrDefault(value)?.GetValueOrDefault(field) ?? 0, slices.GetValueOrDefault(value)?.GetValueOrDefault(field) ?? 0);
                            if (e != a)
                            {
                                failures.Add($"{where}/{value}/{field}: recount {e}, live {a}");
                            }
                        }
                    }
                    compared += slices.Count;
                }
            }
        }
        output.WriteLine($"{compared} slices compared");
        Assert.True(failures.Count == 0, $"{failures.Count} differences:\n{string.Join('\n', failures.Take(150))}");

        // Every kind of organization and both subordinations of the tiny country show up at the republic.
        var kinds = await ValuesAsync("KZ", "kind");
        Assert.Contains("school", kinds);
        Assert.Contains("preschool", kinds);
        Assert.Contains("republic", await ValuesAsync("KZ", "subordination"));
        Assert.Equal(["male", "female"], await ValuesAsync("KZ", "sex"));
    }

    [Theory]
    [InlineData('5', "male")]
    [InlineData('6', "female")]
    public async Task A_pupil_enrolled_moves_the_slice_of_the_sex_their_IIN_encodes(char centurySex, string sex)
    {
        var t = api.Registry.InClass(5);
        var organization = api.Registry.Data.Classes.Single(c => c.Id == t.ClassId).OrganizationId;
        var district = api.Registry.Data.Organizations.Single(o => o.Id == organization).NodeId;
        var before = await SexStudentsAsync(district);

        var enrolled = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/pupils",
            PupilApiTests.Pupil(PupilApiTests.FreshIin(centurySex: centurySex)), $"user=breakdown-head; roles=head@{organization}");
        Assert.True(enrolled.Status == 201, $"{enrolled.Status} {enrolled.Body}");

        var other = sex == "male" ? "female" : "male";
        var after = await Eventually.MatchesAsync(() => SexStudentsAsync(district), s => s[sex] == before[sex] + 1, TimeSpan.FromSeconds(20), $"the {sex} slice counts the pupil");
        Assert.Equal(before[other], after[other]);
        var recount = await JournalRecount.ForBreakdownAsync(api.Db.DataSource, district, BreakdownDimension.Sex, 0, TestClock.Today);
        Assert.Equal(after[sex], recount[sex]["students"]);
        // Labelled in the reader's language.
        var ru = await api.Http.GetJsonAsync($"/api/v1/nodes/{district}/breakdowns?dimension=sex", acceptLanguage: "ru");
        Assert.Equal(["Мальчики", "Девочки"], ru.Body.GetProperty("slices").EnumerateArray().Select(s => s.GetProperty("label").GetString()));
        Assert.Equal("Пол", ru.Body.GetProperty("dimensionName").GetString());
    }

    private async Task<Dictionary<string, long>> SexStudentsAsync(string node)
    {
        var read = await api.Http.GetJsonAsync($"/api/v1/nodes/{node}/breakdowns?dimension=sex&term=year");
        Assert.True(read.Status == 200, $"{read.Status} {read.Body}");
        var slices = read.Body.GetProperty("slices").EnumerateArray().ToDictionary(s => s.GetProperty("value").GetString()!, s => s.GetProperty("figures").GetProperty("students").GetInt64());
        return new Dictionary<string, long> { ["male"] = slices.GetValueOrDefault("male"), ["female"] = slices.GetValueOrDefault("female") };
    }

    private async Task<List<string>> ValuesAsync(string node, string dimension) =>
        (await api.Http.GetJsonAsync($"/api/v1/nodes/{node}/breakdowns?dimension={dimension}")).Body.GetProperty("slices").EnumerateArray()
            .Select(s => s.GetProperty("value").GetString()!).ToList();
}
