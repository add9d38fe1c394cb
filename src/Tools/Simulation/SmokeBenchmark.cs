using EduInfo.Domain.Calendar;
using EduInfo.Grains.Interfaces.Calendar;
using System.Diagnostics;
using Npgsql;

namespace EduInfo.Tools.Simulation;

/// <summary>
/// Journal clients posting as fast as they are acknowledged, plus a <see cref="FreshnessProbe"/>.
/// </summary>
public sealed class SmokeBenchmark(NpgsqlDataSource dataSource, HttpClient http, IKazakhstanClock clock)
{
    public async Task<SmokeReport> RunAsync(TimeSpan duration, int clients, CancellationToken cancellationToken)
    {
        var teachings = await TeachingCatalog.LoadAsync(dataSource, teachers: 120, seed: 11, cancellationToken);
        var isSchoolDay = await SchoolDays.LoadAsync(dataSource, AcademicCalendar.YearOf(clock.Today), cancellationToken);
        var today = SchoolDayClock.LastSchoolDay(clock.Today, isSchoolDay);
        // From the start of the running term (the demo's history closes the terms before it), a day per minute of load:
        // dates move on, so roll-calls rarely meet a recorded lesson.
        var termStart = await SchoolDays.TermStartAsync(dataSource, today, cancellationToken) ?? AcademicCalendar.Bounds(AcademicCalendar.YearOf(today)).First;
        var schoolClock = new SchoolDayClock(termStart, today, TimeSpan.FromMinutes(1), isSchoolDay);
        if (schoolClock.Days.Count == 0)
        {
            throw new InvalidOperationException($"No school day of {AcademicCalendar.YearOf(today)} up to {clock.Today:yyyy-MM-dd}: nothing to load the journal with.");
        }
        var client = new JournalClient(http);
        // Warm-up, not measured: every teacher of the shift logs in (a slow password hash each), and so does the analyst.
        await client.SignInAllAsync(teachings.Select(t => t.TeacherId), cancellationToken);
        var probeClient = new FreshnessProbe(http, new JournalClient(http), await FreshnessProbe.LoginAsync(http, "analyst", "demo-analyst", cancellationToken));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(duration);
        var stopwatch = Stopwatch.StartNew();

        var probe = probeClient.RunAsync(teachings[0], today, stop.Token);
        var lessonsTaken = new System.Collections.Concurrent.ConcurrentDictionary<(string, DateOnly, int), bool>();
        var workers = Enumerable.Range(0, clients).Select(i => Task.Run(async () =>
        {
            var traffic = new JournalTraffic(teachings, seed: 1000 + i, lessonsTaken);
            var latencies = new List<double>();
            long requests = 0, marks = 0, recorded = 0, failures = 0;
            while (!stop.IsCancellationRequested)
            {
                var (date, timeOfDay) = schoolClock.At(stopwatch.Elapsed)!.Value;
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

        (List<double> latencies, long requests, long marks, long recorded, long failures)[] results;
        await using (EduInfo.Tools.Benchmark.CpuProfile.Start(Console.Out))
        {
            results = await Task.WhenAll(workers);
        }
        var elapsed = stopwatch.Elapsed;
        var freshness = await probe;
        var latency = results.SelectMany(r => r.latencies).Order().ToArray();
        return new SmokeReport(elapsed, clients,
            results.Sum(r => r.requests), results.Sum(r => r.marks), results.Sum(r => r.recorded), results.Sum(r => r.failures),
            Percentile(latency, 0.50), Percentile(latency, 0.95), Percentile(latency, 0.99),
            freshness.Length, Percentile(freshness, 0.50), Percentile(freshness, 0.99));
    }

    private static double Percentile(double[] sorted, double p) => FreshnessProbe.Percentile(sorted, p);
}
