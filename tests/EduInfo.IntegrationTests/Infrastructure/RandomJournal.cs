namespace EduInfo.IntegrationTests.Infrastructure;

/// <summary>
/// Random journal traffic for tests that compare the roll-up with the journal: roll-calls (one in three requests, each
/// lesson slot once) and batches of formative and section marks over the first term's school days, posted by teachers
/// through HTTP from concurrent clients.
/// </summary>
public static class RandomJournal
{
    private static readonly string[] Codes = ["unexcused", "excused", "sick", "late"];

    public sealed record Request(string Path, string Actor, object Body, int Marks);

    /// <summary>Requests until <paramref name="enough"/> (given requests and marks so far) holds.</summary>
    public static List<Request> Requests(DemoRegistry registry, int seed, double absentShare, Func<int, int, bool> enough)
    {
        var teachings = registry.Teachings();
        var random = new Random(seed);
        var days = DemoRegistry.SchoolDays(new DateOnly(2026, 9, 1), new DateOnly(2026, 11, 23));
        var taken = new HashSet<(string ClassId, string Subject, DateOnly Date, int Period)>();
        var requests = new List<Request>();
        var marks = 0;
        while (!enough(requests.Count, marks))
        {
            var t = teachings[random.Next(teachings.Count)];
            var date = days[random.Next(days.Count)];
            var actor = $"user={t.TeacherId}; roles=teacher";
            if (random.Next(3) == 0)
            {
                var period = 1 + random.Next(8);
                if (taken.Add((t.ClassId, t.SubjectId, date, period)))
                {
                    var absentees = t.Roster.Where(_ => random.NextDouble() < absentShare)
                        .Select(s => new { studentId = s, code = Codes[random.Next(Codes.Length)] }).ToArray();
                    requests.Add(new($"/api/v1/classes/{t.ClassId}/lessons", actor,
                        new { entries = new[] { new { entryId = Guid.NewGuid(), subjectId = t.SubjectId, date, period, absentees } } }, 0));
                }
            }
            else
            {
                var entries = t.Roster.Where(_ => random.NextDouble() < 0.6).Select(s => random.Next(4) == 0
                    ? (object)new { entryId = Guid.NewGuid(), studentId = s, subjectId = t.SubjectId, date, kind = "section", score = random.Next(21), maxScore = 20 }
                    : new { entryId = Guid.NewGuid(), studentId = s, subjectId = t.SubjectId, date, kind = "formative", score = 1 + random.Next(10) }).ToArray();
                if (entries.Length > 0)
                {
                    marks += entries.Length;
                    requests.Add(new($"/api/v1/classes/{t.ClassId}/marks", actor, new { entries }, entries.Length));
                }
            }
        }
        return requests;
    }

    /// <summary>Posts every request from <paramref name="clients"/> concurrent clients; each must be acknowledged.</summary>
    public static Task PostAllAsync(HttpClient http, IReadOnlyList<Request> requests, int clients)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < requests.Count; i = Interlocked.Increment(ref next))
            {
                var (path, actor, body, _) = requests[i];
                var response = await http.PostJsonAsync(path, body, actor);
                Assert.True(response.Status == 200, $"{path}: {response.Status} {response.Body}");
            }
        }));
    }
}
