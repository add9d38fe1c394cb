using EduInfo.Grains.Interfaces.Calendar;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace EduInfo.Tools.Simulation;

/// <summary>
/// Journal clients posting as fast as they are acknowledged, plus a freshness probe: one section summative at a time
/// (the load posts only formative marks and roll-calls), timed from its ack until the republic's summary counts it.
/// </summary>
public sealed class SmokeBenchmark(NpgsqlDataSource dataSource, HttpClient http, TimeProvider clock)
{
    public async Task<SmokeReport> RunAsync(TimeSpan duration, int clients, CancellationToken cancellationToken)
    {
        var teachings = await TeachingCatalog.LoadAsync(dataSource, teachers: 120, seed: 11, cancellationToken);
        var isSchoolDay = await SchoolDays.LoadAsync(dataSource, AcademicCalendar.YearOf(AcademicCalendar.Today(clock)), cancellationToken);
        var today = SchoolDayClock.LastSchoolDay(AcademicCalendar.Today(clock), isSchoolDay);
        var (yearStart, _) = AcademicCalendar.Bounds(AcademicCalendar.YearOf(today));
        // A day per minute of load: dates move on, so roll-calls rarely meet a recorded lesson.
        var schoolClock = new SchoolDayClock(yearStart, today, TimeSpan.FromMinutes(1), isSchoolDay);
        var client = new JournalClient(http);
        // Warm-up, not measured: every teacher of the shift logs in (a slow password hash each), and so does the analyst.
        foreach (var teacher in teachings.Select(t => t.TeacherId).Distinct())
        {
            await client.TokenAsync(teacher, cancellationToken);
        }
        _analystToken = await AnalystTokenAsync(cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(duration);
        var stopwatch = Stopwatch.StartNew();

        var probe = ProbeFreshnessAsync(teachings[0], today, stop.Token);
        var lessonsTaken = new System.Collections.Concurrent.ConcurrentDictionary<(string, DateOnly, int), bool>();
        var workers = Enumerable.Range(0, clients).Select(i => Task.Run(async () =>
        {
            var traffic = new JournalTraffic(teachings, seed: 1000 + i, lessonsTaken);
            var latencies = new List<double>();
            long requests = 0, marks = 0, recorded = 0, failures = 0;
            while (!stop.IsCancellationRequested)
            {
                var (date, timeOfDay) = schoolClock.At(stopwatch.Elapsed);
                var request = traffic.Next(date, timeOfDay);
                var started = Stopwatch.GetTimestamp();
                var outcome = await client.PostAsync(request, CancellationToken.None);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                requests++;
                switch (outcome)
                {
                    case JournalClient.Outcome.Acknowledged: marks += request.Marks; break;
                    case JournalClient.Outcome.AlreadyRecorded: recorded++; break;
                    default: failures++; break;
                }
            }
            return (latencies, requests, marks, recorded, failures);
        })).ToList();

        var results = await Task.WhenAll(workers);
        var elapsed = stopwatch.Elapsed;
        var freshness = await probe;
        var latency = results.SelectMany(r => r.latencies).Order().ToArray();
        return new SmokeReport(elapsed, clients,
            results.Sum(r => r.requests), results.Sum(r => r.marks), results.Sum(r => r.recorded), results.Sum(r => r.failures),
            Percentile(latency, 0.50), Percentile(latency, 0.95), Percentile(latency, 0.99),
            freshness.Length, Percentile(freshness, 0.50), Percentile(freshness, 0.99));
    }

    private async Task<double[]> ProbeFreshnessAsync(Teaching teaching, DateOnly today, CancellationToken stop)
    {
        var samples = new List<double>();
        var probeClient = new JournalClient(http);
        var seen = await RepublicSummativeMarksAsync();
        while (!stop.IsCancellationRequested)
        {
            var next = Stopwatch.GetTimestamp();
            var body = new { entries = new[] { new { entryId = Guid.NewGuid(), studentId = teaching.Roster[0], subjectId = teaching.SubjectId, date = today, kind = "section", score = 10, maxScore = 20 } } };
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/classes/{teaching.ClassId}/marks") { Content = JsonContent.Create(body) };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await probeClient.TokenAsync(teaching.TeacherId, CancellationToken.None));
            using (var response = await http.SendAsync(request, CancellationToken.None))
            {
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"The freshness probe was refused: {(int)response.StatusCode}");
                }
            }
            var acked = Stopwatch.GetTimestamp();
            seen++;
            while (await RepublicSummativeMarksAsync() < seen)
            {
                await Task.Delay(2, CancellationToken.None);
            }
            samples.Add(Stopwatch.GetElapsedTime(acked).TotalMilliseconds);
            var rest = TimeSpan.FromMilliseconds(250) - Stopwatch.GetElapsedTime(next);
            if (rest > TimeSpan.Zero)
            {
                await Task.Delay(rest, CancellationToken.None);
            }
        }
        return samples.Order().ToArray();
    }

    private string _analystToken = "";

    /// <summary>The demo Ministry analyst reads the republic's summary (docs/demo-country.md).</summary>
    private async Task<string> AnalystTokenAsync(CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { login = "analyst", password = "demo-analyst" }, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return json.RootElement.GetProperty("accessToken").GetString()!;
    }

    private async Task<long> RepublicSummativeMarksAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/nodes/KZ/summary");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _analystToken);
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Reading the republic's summary failed: {(int)response.StatusCode} (are rate limits off for the benchmark?)");
        }
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("figures").GetProperty("summativeMarks").GetInt64();
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
