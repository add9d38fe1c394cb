using System.Diagnostics;
using Npgsql;

namespace EduInfo.Tools.Simulation;

/// <summary>
/// Teachers of the registry entering the journal through the HTTP API at a steady rate, in simulated school time
/// (<see cref="SchoolDayClock"/>): roll-calls during lessons, marks after them. It resumes after the last school day
/// already in the journal, so a restarted demo moves forward instead of repeating recorded lessons.
/// </summary>
public sealed class JournalSimulator(NpgsqlDataSource dataSource, HttpClient http, TimeProvider clock)
{
    public async Task<(long Requests, long Failures)> RunAsync(double requestsPerSecond, TimeSpan duration, TimeSpan dayLength, int seed, CancellationToken cancellationToken)
    {
        var teachings = await TeachingCatalog.LoadAsync(dataSource, teachers: 120, seed, cancellationToken);
        var today = Grains.Interfaces.Calendar.AcademicCalendar.Today(clock);
        var isSchoolDay = await SchoolDays.LoadAsync(dataSource, Grains.Interfaces.Calendar.AcademicCalendar.YearOf(today), cancellationToken);
        var schoolClock = new SchoolDayClock(await FirstDayAsync(today, isSchoolDay, cancellationToken), today, dayLength, isSchoolDay);
        var traffic = new JournalTraffic(teachings, seed);
        var client = new JournalClient(http);
        long requests = 0, failures = 0;
        var stopwatch = Stopwatch.StartNew();
        var interval = TimeSpan.FromSeconds(1 / Math.Max(requestsPerSecond, 0.01));

        while (stopwatch.Elapsed < duration && !cancellationToken.IsCancellationRequested)
        {
            var (date, timeOfDay) = schoolClock.At(stopwatch.Elapsed);
            var outcome = await client.PostAsync(traffic.Next(date, timeOfDay), cancellationToken);
            requests++;
            failures += outcome is JournalClient.Outcome.Failed or JournalClient.Outcome.Refused ? 1 : 0;
            var due = interval * requests - stopwatch.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, clock, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
        return (requests, failures);
    }

    private async Task<DateOnly> FirstDayAsync(DateOnly today, Func<DateOnly, bool> isSchoolDay, CancellationToken cancellationToken)
    {
        var (yearStart, _) = Grains.Interfaces.Calendar.AcademicCalendar.Bounds(Grains.Interfaces.Calendar.AcademicCalendar.YearOf(today));
        await using var command = dataSource.CreateCommand("SELECT max(lesson_date) FROM journal WHERE entry_kind = 'lesson'");
        var last = await command.ExecuteScalarAsync(cancellationToken);
        var next = last is DateOnly day ? SchoolDayClock.SchoolDay(day, 1, isSchoolDay) : yearStart;
        return next > today ? today : next;
    }
}
