using System.Text.Json;
using EduInfo.IntegrationTests.Infrastructure;

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
        var expected = await RecomputeAsync(areas);
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

    /// <summary>Every figure of every area straight from the registry and the journal.</summary>
    private async Task<Dictionary<string, Dictionary<string, long>>> RecomputeAsync(IReadOnlyList<string> areas)
    {
        const string sql = """
            WITH area AS (SELECT unnest(@areas) AS id),
            marks AS (
                SELECT a.id,
                       count(*) AS marks,
                       count(*) FILTER (WHERE j.mark_kind = 'formative') AS formative_marks,
                       coalesce(sum(j.score) FILTER (WHERE j.mark_kind = 'formative'), 0) AS formative_score_sum,
                       coalesce(sum(j.max_score) FILTER (WHERE j.mark_kind = 'formative'), 0) AS formative_max_sum,
                       count(*) FILTER (WHERE j.mark_kind <> 'formative') AS summative_marks,
                       coalesce(sum(j.score) FILTER (WHERE j.mark_kind <> 'formative'), 0) AS summative_score_sum,
                       coalesce(sum(j.max_score) FILTER (WHERE j.mark_kind <> 'formative'), 0) AS summative_max_sum
                FROM area a JOIN classes c ON a.id = ANY (c.path) JOIN journal j ON j.class_id = c.id AND j.entry_kind = 'mark'
                GROUP BY a.id),
            lessons AS (
                SELECT a.id, count(*) AS lessons_held, sum(cardinality(j.roster)) AS seats_held,
                       sum((SELECT count(*) FROM unnest(j.absent_codes) x WHERE x = 'late')) AS late,
                       sum((SELECT count(*) FROM unnest(j.absent_codes) x WHERE x = 'unexcused')) AS absent_unexcused,
                       sum((SELECT count(*) FROM unnest(j.absent_codes) x WHERE x = 'excused')) AS absent_excused,
                       sum((SELECT count(*) FROM unnest(j.absent_codes) x WHERE x = 'sick')) AS absent_sick
                FROM area a JOIN classes c ON a.id = ANY (c.path) JOIN journal j ON j.class_id = c.id AND j.entry_kind = 'lesson'
                GROUP BY a.id),
            registry AS (
                SELECT a.id,
                       (SELECT count(*) FROM organizations o WHERE a.id = ANY (o.path)) AS organizations,
                       (SELECT count(*) FROM classes c WHERE a.id = ANY (c.path)) AS classes,
                       (SELECT count(DISTINCT e.student_id) FROM enrolments e JOIN classes c ON c.id = e.class_id
                        WHERE a.id = ANY (c.path) AND e.from_date <= current_date AND (e.to_date IS NULL OR e.to_date >= current_date)) AS students
                FROM area a)
            SELECT r.id, r.students, r.classes, r.organizations,
                   coalesce(m.marks, 0), coalesce(m.formative_marks, 0), coalesce(m.formative_score_sum, 0), coalesce(m.formative_max_sum, 0),
                   coalesce(m.summative_marks, 0), coalesce(m.summative_score_sum, 0), coalesce(m.summative_max_sum, 0),
                   coalesce(l.lessons_held, 0), coalesce(l.seats_held, 0),
                   coalesce(l.seats_held - l.absent_unexcused - l.absent_excused - l.absent_sick, 0),
                   coalesce(l.late, 0), coalesce(l.absent_unexcused, 0), coalesce(l.absent_excused, 0), coalesce(l.absent_sick, 0)
            FROM registry r LEFT JOIN marks m USING (id) LEFT JOIN lessons l USING (id)
            """;
        string[] fields = ["students", "classes", "organizations", "marks", "formativeMarks", "formativeScoreSum", "formativeMaxSum",
            "summativeMarks", "summativeScoreSum", "summativeMaxSum", "lessonsHeld", "seatsHeld", "attended", "late",
            "absentUnexcused", "absentExcused", "absentSick"];
        await using var command = api.Db.DataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("areas", areas.ToArray());
        var result = new Dictionary<string, Dictionary<string, long>>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result[reader.GetString(0)] = fields.Select((f, i) => (f, Convert.ToInt64(reader.GetValue(i + 1)))).ToDictionary(x => x.f, x => x.Item2);
        }
        return result;
    }
}

/// <summary>Development profile: the Api with a co-hosted silo, in this process.</summary>
public sealed class RollupExactnessTestsInDevelopment(ApiHost api) : RollupExactnessTests<ApiHost>(api);

/// <summary>Cluster profile: two silo processes and the Api as a client process.</summary>
public sealed class RollupExactnessTestsOnCluster(ClusterApiHost api) : RollupExactnessTests<ClusterApiHost>(api);
