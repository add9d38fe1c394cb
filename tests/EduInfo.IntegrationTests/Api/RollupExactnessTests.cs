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
    private static readonly string[] Codes = ["unexcused", "excused", "sick", "late"];

    [Fact]
    public async Task After_random_traffic_every_area_summary_equals_the_journal_recomputation()
    {
        var teachings = api.Registry.Teachings();
        var random = new Random(20261127);
        var schoolDays = DemoRegistry.SchoolDays(new DateOnly(2026, 9, 1), new DateOnly(2026, 11, 23));
        var lessonsTaken = new HashSet<(string ClassId, string Subject, DateOnly Date, int Period)>();
        var requests = new List<(string Path, string Actor, object Body)>();
        var marks = 0;
        while (marks < 3000)
        {
            var t = teachings[random.Next(teachings.Count)];
            var date = schoolDays[random.Next(schoolDays.Count)];
            var actor = $"user={t.TeacherId}; roles=teacher";
            if (random.Next(3) == 0)
            {
                var period = 1 + random.Next(8);
                if (!lessonsTaken.Add((t.ClassId, t.SubjectId, date, period)))
                {
                    continue;
                }
                var absentees = t.Roster.Where(_ => random.NextDouble() < 0.15)
                    .Select(s => new { studentId = s, code = Codes[random.Next(Codes.Length)] }).ToArray();
                requests.Add(($"/api/v1/classes/{t.ClassId}/lessons", actor,
                    new { entries = new[] { new { entryId = Guid.NewGuid(), subjectId = t.SubjectId, date, period, absentees } } }));
            }
            else
            {
                var entries = t.Roster.Where(_ => random.NextDouble() < 0.6).Select(s => random.Next(4) == 0
                    ? (object)new { entryId = Guid.NewGuid(), studentId = s, subjectId = t.SubjectId, date, kind = "section", score = random.Next(21), maxScore = 20 }
                    : new { entryId = Guid.NewGuid(), studentId = s, subjectId = t.SubjectId, date, kind = "formative", score = 1 + random.Next(10) }).ToArray();
                if (entries.Length == 0)
                {
                    continue;
                }
                marks += entries.Length;
                requests.Add(($"/api/v1/classes/{t.ClassId}/marks", actor, new { entries }));
            }
        }

        // Eight concurrent journal clients.
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < requests.Count; i = Interlocked.Increment(ref next))
            {
                var (path, actor, body) = requests[i];
                var response = await api.Http.PostJsonAsync(path, body, actor);
                Assert.True(response.Status == 200, $"{path}: {response.Status} {response.Body}");
            }
        }));
        Assert.Equal(marks, await api.Db.ScalarAsync<long>("SELECT count(*) FROM journal WHERE entry_kind = 'mark'"));

        var expectedVersion = await api.Db.ScalarAsync<long>("SELECT sum(seq) FROM class_watermarks");
        await Eventually.MatchesAsync(() => api.Http.GetJsonAsync("/api/v1/nodes/KZ/summary"),
            r => r.Status == 200 && r.Body.GetProperty("version").GetInt64() == expectedVersion, TimeSpan.FromSeconds(60), "republic version");

        var areas = api.Registry.Data.Nodes.Select(n => n.Id).ToList();
        var expected = await JournalRecount.ForNodesAsync(api.Db.DataSource, areas, EduInfo.Grains.Interfaces.Calendar.AcademicCalendar.Today(TimeProvider.System));
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
