using EduInfo.Domain.Calendar;
using System.Diagnostics;
using EduInfo.Grains.Interfaces.Calendar;
using Npgsql;

namespace EduInfo.Tools.Simulation;

/// <summary>
/// Teachers of the registry entering the journal through the HTTP API at a steady rate, in simulated school time
/// (<see cref="SchoolDayClock"/>): roll-calls during lessons, marks after them. It resumes after the last school day
/// already in the journal and walks the school days up to today. On a day without lessons (a weekend, a break, the
/// summer) it writes nothing once caught up, and waits for the domain clock's next day.
/// </summary>
public sealed class JournalSimulator(NpgsqlDataSource dataSource, HttpClient http, IKazakhstanClock clock, TextWriter? log = null)
{
    /// <summary>How often an idle simulator looks at the clock for a new day.</summary>
    public TimeSpan IdlePoll { get; init; } = TimeSpan.FromSeconds(30);

    public async Task<(long Requests, long Failures)> RunAsync(double requestsPerSecond, TimeSpan duration, TimeSpan dayLength, int seed, CancellationToken cancellationToken)
    {
        var teachings = await TeachingCatalog.LoadAsync(dataSource, teachers: 120, seed, cancellationToken);
        var lessonsTaken = new System.Collections.Concurrent.ConcurrentDictionary<(string ClassId, DateOnly Date, int Period), bool>();
        (DateOnly Date, JournalTraffic? Traffic) traffic = default;
        var client = new JournalClient(http);
        long requests = 0, failures = 0;
        var run = Stopwatch.StartNew();
        var interval = TimeSpan.FromSeconds(1 / Math.Max(requestsPerSecond, 0.01));

        while (run.Elapsed < duration && !cancellationToken.IsCancellationRequested)
        {
            var today = clock.Today;
            var year = AcademicCalendar.YearOf(today);
            // Simulated time walks the schools' days; colleges follow their own calendar (semesters) and may have none then.
            var kinds = new Dictionary<string, Func<DateOnly, bool>>(StringComparer.Ordinal);
            foreach (var kind in teachings.Select(t => t.OrganizationKind).Append("school").Distinct(StringComparer.Ordinal))
            {
                kinds[kind] = await SchoolDays.LoadAsync(dataSource, year, cancellationToken, kind);
            }
            var isSchoolDay = kinds["school"];
            var schoolClock = new SchoolDayClock(await FirstDayAsync(today, cancellationToken), today, dayLength, isSchoolDay);
            var writesToday = isSchoolDay(today);
            var day = Stopwatch.StartNew();
            long sent = 0;
            log?.WriteLine(schoolClock.Days.Count == 0
                ? $"simulate: {today:yyyy-MM-dd} has no lessons and the journal is up to date; nothing to write today"
                : $"simulate: school days {schoolClock.Days[0]:yyyy-MM-dd} to {schoolClock.Days[^1]:yyyy-MM-dd}" +
                  (writesToday ? ", then today's afternoon" : $"; {today:yyyy-MM-dd} has no lessons, so nothing after them"));
            while (run.Elapsed < duration && !cancellationToken.IsCancellationRequested && clock.Today == today)
            {
                if ((!writesToday && schoolClock.IsPast(day.Elapsed)) || schoolClock.At(day.Elapsed) is not { } moment)
                {
                    await PauseAsync(Min(IdlePoll, duration - run.Elapsed), cancellationToken);
                    continue;
                }
                if (traffic.Date != moment.Date)
                {
                    var open = teachings.Where(t => kinds[t.OrganizationKind](moment.Date)).ToList();
                    traffic = (moment.Date, open.Count == 0 ? null : new JournalTraffic(open, seed ^ moment.Date.DayNumber, lessonsTaken));
                }
                if (traffic.Traffic is null)
                {
                    await PauseAsync(Min(IdlePoll, duration - run.Elapsed), cancellationToken);
                    continue;
                }
                var outcome = await client.PostAsync(traffic.Traffic.Next(moment.Date, moment.TimeOfDay), cancellationToken);
                requests++;
                sent++;
                failures += outcome is JournalClient.Outcome.Failed or JournalClient.Outcome.Refused ? 1 : 0;
                await PauseAsync(interval * sent - day.Elapsed, cancellationToken);
            }
        }
        return (requests, failures);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static Task PauseAsync(TimeSpan wait, CancellationToken cancellationToken) =>
        wait > TimeSpan.Zero ? Task.Delay(wait, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default) : Task.CompletedTask;

    /// <summary>The day after the last lesson of the year in the journal (today at the latest), or the year's first day.</summary>
    private async Task<DateOnly> FirstDayAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var year = AcademicCalendar.YearOf(today);
        await using var command = dataSource.CreateCommand("SELECT max(lesson_date) FROM journal WHERE entry_kind = 'lesson' AND academic_year = @y");
        command.Parameters.AddWithValue("y", year);
        var next = await command.ExecuteScalarAsync(cancellationToken) is DateOnly last ? last.AddDays(1) : AcademicCalendar.Bounds(year).First;
        return next > today ? today : next;
    }
}
